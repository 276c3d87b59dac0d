import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import { MAX_ANSWER_BYTES } from '../../../nodes/shared/transport/bounded';
import { containerId } from '../../../sandbox/containers';
import { pastedToken, useSandbox } from '../../harness/fixtures';

/*
 * 'Timeout' is a deadline for the whole exchange, body included, and an answer is abandoned as
 * soon as it passes the size cap — read once, never retried.
 */
const scnet = useSandbox();
/** The server hears of a closed connection a moment after the client closed it. */
const closedSoon = async (stats: { closedEarly: number }) => {
	for (let waited = 0; stats.closedEarly === 0 && waited < 2000; waited += 20) await delay(20);
	return stats.closedEarly;
};
const id = containerId;

/** A server on this machine that answers every request with `handle`; counts requests and bytes sent. */
function misbehaving(handle: (req: IncomingMessage, res: ServerResponse, stats: { bytes: number }) => void) {
	let server: Server;
	const stats = { requests: 0, bytes: 0, closedEarly: 0 };
	beforeAll(async () => {
		server = createServer((req, res) => {
			stats.requests++;
			res.on('close', () => {
				if (!res.writableEnded) stats.closedEarly++;
			});
			handle(req, res, stats);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	});
	beforeEach(() => Object.assign(stats, { requests: 0, bytes: 0, closedEarly: 0 }));
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	return { stats, url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("'Timeout' bounds the whole exchange", () => {
	// Headers at once, then one byte every 200 ms: never silent long enough for a socket timeout.
	const drip = misbehaving((_, res, stats) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		const timer = setInterval(() => {
			if (res.destroyed) return clearInterval(timer);
			res.write(' ');
			stats.bytes++;
		}, 200);
		res.on('close', () => clearInterval(timer));
	});

	it('a server that drips its body fails with TIMEOUT at the deadline, not when it stops', async () => {
		const started = Date.now();
		const { main } = await scnet.run({
			operation: 'get',
			items: [{}],
			parameters: { containerId: id(0), options: { timeout: 1000, maxTries: 1 } },
			credentials: pastedToken(drip.url(), 'token'),
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({ code: 'TIMEOUT' });
		expect(Date.now() - started).toBeLessThan(4000);
		expect(await closedSoon(drip.stats)).toBe(1);
	});
});

describe('an answer larger than the cap is abandoned while it is read', () => {
	const SENT_AT_MOST = 200 * 1024 * 1024;
	const chunk = Buffer.alloc(64 * 1024, 'x');
	const huge = misbehaving((_, res, stats) => {
		res.writeHead(503, { 'content-type': 'text/html' });
		const pump = () => {
			while (!res.destroyed && stats.bytes < SENT_AT_MOST) {
				stats.bytes += chunk.length;
				if (!res.write(chunk)) return void res.once('drain', pump);
			}
			if (!res.destroyed) res.end();
		};
		pump();
	});

	it('a 200 MB 5xx answer fails with ANSWER_TOO_LARGE, read once and not retried', async () => {
		const { main } = await scnet.run({
			operation: 'delete',
			items: [{ id: id(0) }],
			parameters: { options: { maxTries: 3 } },
			credentials: pastedToken(huge.url(), 'token'),
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({ id: id(0), deleted: false, code: 'ANSWER_TOO_LARGE' });
		expect(huge.stats.requests).toBe(1);
		expect(await closedSoon(huge.stats)).toBe(1);
		// The sender stopped soon after the cap (socket buffers hold a few MiB more).
		expect(huge.stats.bytes).toBeLessThan(MAX_ANSWER_BYTES + 32 * 1024 * 1024);
	});
});
