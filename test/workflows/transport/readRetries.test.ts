import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { containerId } from '../../../sandbox/containers';
import { detailPath, type Fault } from '../../../sandbox/server';
import { onRoute, requestsOn } from '../../harness/faults';
import { pastedToken, UNKNOWN_CONTAINER_ID, useSandbox } from '../../harness/fixtures';
import { json } from '../../harness/items';
import { onErrorSetting, type OnErrorChoice } from '../../harness/runWorkflow';

/*
 * The transport's handling of temporary faults, driven through a read (Container → Get), which
 * may always be sent again.
 */

const scnet = useSandbox();
const id = containerId;
const onDetail = onRoute('detail');
const details = () => requestsOn('detail', scnet.sandbox);
/** Container → Get of the items (container 0 by default), with "Continue" unless `onError` says otherwise ('stop' for "Stop"). */
const get = (options: INodeParameters = {}, onError: OnErrorChoice = 'continueRegularOutput', items: IDataObject[] = [{ id: id(0) }]) =>
	scnet.run({ operation: 'get', items, parameters: { containerId: '={{ $json.id }}', options }, onError: onErrorSetting(onError) });

/** Records when each detail request arrived; added first, it never answers itself. */
function arrivals(): number[] {
	const times: number[] = [];
	scnet.sandbox.addFault({
		when: (request) => {
			if (request.route === 'detail') times.push(Date.now());
			return false;
		},
	});
	return times;
}
const gaps = (times: number[]) => times.slice(1).map((time, n) => time - times[n]);

describe('transport, through a read: temporary faults are retried', () => {
	it.each<[string, Partial<Fault>]>([
		['HTTP 503 with a gateway page', { respond: { status: 503, body: '<html><body>503 Service Unavailable</body></html>' } }],
		['HTTP 502 with an envelope', { respond: { status: 502, body: { code: '10001', msg: 'bad gateway' } } }],
		['HTTP 500 without a body', { respond: { status: 500, body: '' } }],
		['HTTP 429', { respond: { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '0' } } }],
		['code 10012 with HTTP 200', { respond: { body: { code: '10012', msg: '连接中断' } } }],
		['a dropped connection (ECONNRESET)', { drop: true }],
	])('after %s, and then reads the container', async (_, fault) => {
		scnet.sandbox.addFault({ when: onDetail, times: 1, ...fault });
		const { main, error } = await get({}, 'stop');

		expect(error).toBeUndefined();
		expect(main[0].json).toMatchObject({ id: id(0), status: 'Running' });
		expect(details()).toHaveLength(2);
		expect(details().every((request) => request.path === detailPath(id(0)))).toBe(true);
	});

	it('after a time-out', async () => {
		scnet.sandbox.addFault({ when: onDetail, times: 1, delayMs: 1500 });
		const { main } = await get({ timeout: 300 });

		expect(main[0].json).toMatchObject({ id: id(0), status: 'Running' });
		expect(details()).toHaveLength(2);
	});

	it('for each item on its own: one item meeting a fault does not disturb the others', async () => {
		scnet.sandbox.addFault({ when: (request) => request.path === detailPath(id(1)), times: 1, drop: true });
		const { main } = await get({}, 'stop', [0, 1, 2].map((n) => ({ id: id(n) })));

		expect(json(main).map((j) => j.id)).toEqual([id(0), id(1), id(2)]);
		expect(details().map((request) => request.path)).toEqual([detailPath(id(0)), detailPath(id(1)), detailPath(id(1)), detailPath(id(2))]);
	});
});

describe("transport, through a read: 'Max Tries'", () => {
	const unavailable = { status: 503, body: '<html>down</html>', headers: { 'retry-after': '0' } };

	it.each([1, 2, 4])("sends a read at most 'Max Tries' = %i times", async (maxTries) => {
		scnet.sandbox.addFault({ when: onDetail, respond: unavailable });
		const { main } = await get({ maxTries });

		expect(details()).toHaveLength(maxTries);
		expect(main[0].json).toEqual({
			id: id(0),
			code: 'HTTP_503',
			message: `SCNet answered with a server error (HTTP 503)${maxTries > 1 ? ` (after ${maxTries} attempts)` : ''}`,
			description: expect.stringMatching(/run the workflow again later/),
		});
	});

	it('reports dropped connections once the tries are used up', async () => {
		scnet.sandbox.addFault({ when: onDetail, drop: true });
		const { main } = await get({ maxTries: 2 });

		expect(details()).toHaveLength(2);
		expect(main[0].json).toMatchObject({ code: 'ECONNRESET', message: 'The connection to SCNet was reset (after 2 attempts)' });
	});

	it('reports a read that never answers in time as TIMEOUT', async () => {
		scnet.sandbox.addFault({ when: onDetail, delayMs: 1000 });
		const { main } = await get({ timeout: 200, maxTries: 2 });

		expect(details()).toHaveLength(2);
		expect(main[0].json).toEqual({
			id: id(0),
			code: 'TIMEOUT',
			message: 'SCNet did not answer within 200 ms (after 2 attempts)',
			description: "Raise 'Timeout' in the node options or run the workflow again later.",
		});
	});

	it('names the time-out, the container and the item when "Stop" meets it', async () => {
		scnet.sandbox.addFault({ when: onDetail, delayMs: 1000 });
		const { error } = await get({ timeout: 200, maxTries: 1 }, 'stop');

		expect(error?.message).toBe(`SCNet did not answer within 200 ms (container '${id(0)}', code TIMEOUT) [item 0]`);
		expect(error?.description).toBe("Raise 'Timeout' in the node options or run the workflow again later.");
	});

	it.each<[string, Partial<Fault>, string, Parameters<typeof pastedToken> | undefined]>([
		['an unknown container (716020)', {}, '716020', undefined],
		['an invalid parameter (10004)', { respond: { body: { code: '10004', msg: '参数无效' } } }, '10004', undefined],
		['a refused token (10008)', {}, '10008', ['', 'expired-token']],
		['HTTP 404', { respond: { status: 404, body: '<html>not found</html>' } }, 'HTTP_404', undefined],
		['HTTP 401', { respond: { status: 401, body: '<html>unauthorized</html>' } }, 'HTTP_401', undefined],
		['a gateway login page with HTTP 200', { respond: { body: '<!DOCTYPE html><title>Login</title>' } }, 'INVALID_RESPONSE', undefined],
	])('does not send a read again after %s: the answer would not change', async (_, fault, code, token) => {
		if (fault.respond) scnet.sandbox.addFault({ when: onDetail, ...fault });
		const items = code === '716020' ? [{ id: UNKNOWN_CONTAINER_ID }] : [{ id: id(0) }];
		const credentials = token ? pastedToken(scnet.sandbox.url, token[1]) : undefined;
		const { main } = await scnet.run({ operation: 'get', items, parameters: { containerId: '={{ $json.id }}' }, credentials, onError: 'continueRegularOutput' });

		expect(main[0].json.code).toBe(code);
		expect(details()).toHaveLength(1);
	});
});

describe('transport, through a read: waiting between tries', () => {
	it('backs off exponentially without a Retry-After header', async () => {
		const times = arrivals();
		scnet.sandbox.addFault({ when: onDetail, times: 2, respond: { status: 503, body: '<html>busy</html>' } });
		const { main } = await get();

		expect(main[0].json.status).toBe('Running');
		const [first, second] = gaps(times);
		expect(first).toBeGreaterThanOrEqual(450);
		expect(first).toBeLessThan(900);
		expect(second).toBeGreaterThanOrEqual(950);
	});

	it('waits as long as Retry-After says when it is longer than the back-off', async () => {
		const times = arrivals();
		scnet.sandbox.addFault({ when: onDetail, times: 1, respond: { status: 503, body: '<html>busy</html>', headers: { 'retry-after': '2' } } });
		const { main } = await get();

		expect(main[0].json.status).toBe('Running');
		expect(gaps(times)).toHaveLength(1);
		expect(gaps(times)[0]).toBeGreaterThanOrEqual(1950);
	});

	it('sends again at once when Retry-After says 0', async () => {
		const times = arrivals();
		scnet.sandbox.addFault({ when: onDetail, times: 2, respond: { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '0' } } });
		await get();

		expect(gaps(times)).toHaveLength(2);
		for (const gap of gaps(times)) expect(gap).toBeLessThan(300);
	});

	it('honours Retry-After on an envelope failure with HTTP 200 too', async () => {
		const times = arrivals();
		scnet.sandbox.addFault({ when: onDetail, times: 1, respond: { body: { code: '10012', msg: '连接中断' }, headers: { 'retry-after': '0' } } });
		await get();

		expect(gaps(times)).toHaveLength(1);
		expect(gaps(times)[0]).toBeLessThan(300);
	});
});
