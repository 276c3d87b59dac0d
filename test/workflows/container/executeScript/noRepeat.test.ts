import { setTimeout as delay } from 'node:timers/promises';

import { V3_SIGN_IN_PATH } from '../../../../sandbox/auth';
import { containerId } from '../../../../sandbox/containers';
import { startSandbox, type Sandbox } from '../../../../sandbox/server';
import { AMBIGUOUS_FAULTS, closedPort, oneItemRun, onRoute, pastedTokenAtPort, requestsOn } from '../../../harness/faults';
import { accessKeyCredentials, useSandbox } from '../../../harness/fixtures';

const scnet = useSandbox();
/** Seeded container 0 runs. */
const RUNNING = containerId(0);
const MAY_HAVE_RUN = 'The script may have run: check the container before running the workflow again.';
const onScript = onRoute('executeScript');
const scripts = (sandbox: Sandbox = scnet.sandbox) => requestsOn('executeScript', sandbox);
/** One item, container 0; "Continue" unless `onError` says otherwise ('stop' for "Stop"). */
const run = oneItemRun(scnet, 'executeScript', { id: RUNNING }, { containerId: '={{ $json.id }}', script: 'python /root/train.py' });

describe('Container → Execute Script: never sent twice after a fault that may have reached SCNet', () => {
	it.each(AMBIGUOUS_FAULTS)('after %s: exactly one request, and the failure says the script may have run', async (_, fault, options, code) => {
		scnet.sandbox.addFault({ when: onScript, ...fault });
		const { main } = await run({ options });

		expect(scripts()).toHaveLength(1);
		expect(main).toHaveLength(1);
		expect(main[0].json).toMatchObject({ id: RUNNING, executed: false, code });
		expect(main[0].json.message).not.toMatch(/after \d+ attempts/);
		expect(String(main[0].json.description).endsWith(MAY_HAVE_RUN)).toBe(true);
	});

	it('says so in the error that stops the workflow too', async () => {
		scnet.sandbox.addFault({ when: onScript, drop: true });
		const { error } = await run({ onError: 'stop' });

		expect(error?.message).toBe(`The connection to SCNet was reset (container '${RUNNING}', code ECONNRESET) [item 0]`);
		expect(error?.description).toContain(MAY_HAVE_RUN);
		expect(scripts()).toHaveLength(1);
	});

	it('does not wait for nor repeat the script of one item for the next: each item is sent once', async () => {
		scnet.sandbox.addFault({ when: onScript, times: 1, respond: { status: 503, body: '<html>busy</html>' } });
		const { main } = await scnet.run({
			operation: 'executeScript',
			items: [{ id: RUNNING }, { id: containerId(6) }],
			parameters: { containerId: '={{ $json.id }}', script: 'ls' },
			onError: 'continueRegularOutput',
		});

		expect(main.map((item) => [item.json.id, item.json.executed])).toEqual([
			[RUNNING, false],
			[containerId(6), true],
		]);
		expect(scripts().map((request) => (JSON.parse(request.body) as { id: string }).id)).toEqual([RUNNING, containerId(6)]);
	});
});

describe('Container → Execute Script: sent again when SCNet certainly did not get it', () => {
	it('after HTTP 429, until it is accepted, and the script runs once', async () => {
		scnet.sandbox.addFault({ when: onScript, times: 2, respond: { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '0' } } });
		const { main } = await run();

		expect(main[0].json).toEqual({ id: RUNNING, executed: true, code: '0', message: 'success' });
		expect(scripts()).toHaveLength(3);
		expect(scnet.sandbox.scriptRuns).toHaveLength(1);
	});

	it("after HTTP 429 up to 'Max Tries', and then without saying it may have run", async () => {
		scnet.sandbox.addFault({ when: onScript, respond: { status: 429, body: 'slow down', headers: { 'retry-after': '0' } } });
		const { main } = await run({ options: { maxTries: 2 } });

		expect(scripts()).toHaveLength(2);
		expect(main[0].json).toMatchObject({ executed: false, code: 'HTTP_429', message: 'SCNet is limiting the request rate (HTTP 429) (after 2 attempts)' });
		expect(main[0].json.description).not.toContain('may have run');
	});

	it('after HTTP 429, but not after the 5xx that follows it', async () => {
		scnet.sandbox.addFault({ when: onScript, times: 1, respond: { status: 429, body: 'slow down', headers: { 'retry-after': '0' } } });
		scnet.sandbox.addFault({ when: onScript, times: 1, respond: { status: 503, body: '<html>busy</html>' } });
		const { main } = await run();

		expect(scripts()).toHaveLength(2);
		expect(main[0].json).toMatchObject({ executed: false, code: 'HTTP_503' });
		expect(main[0].json.description).toContain(MAY_HAVE_RUN);
	});

	it('after SCNet refused an expired token: signs in again and sends it once more', async () => {
		const first = await scnet.run({ operation: 'get', items: [{}], parameters: { containerId: RUNNING }, credentials: accessKeyCredentials(scnet.sandbox) });
		scnet.sandbox.auth.expireTokens();
		const { main } = await run({ credentials: first.credentials.stored.scnetApi });

		expect(main[0].json).toEqual({ id: RUNNING, executed: true, code: '0', message: 'success' });
		// Refused with 10008 (not carried out), then sent with the new token.
		expect(scripts().map((request) => request.headers.token === first.credentials.stored.scnetApi.sessionToken)).toEqual([true, false]);
		expect(scnet.sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH)).toHaveLength(2);
		expect(scnet.sandbox.scriptRuns).toHaveLength(1);
	});

	it("after a refused connection, up to 'Max Tries', and then without saying it may have run", async () => {
		const port = await closedPort();
		const { main } = await run({ options: { maxTries: 3 }, credentials: pastedTokenAtPort(port, scnet.sandbox.token) });

		expect(main[0].json).toMatchObject({ executed: false, code: 'ECONNREFUSED', message: 'SCNet refused the connection (after 3 attempts)' });
		expect(main[0].json.description).not.toContain('may have run');
	});

	it('after a refused connection, once SCNet listens again', async () => {
		const port = await closedPort();
		let late: Sandbox | undefined;
		try {
			const started = Date.now();
			const running = run({ options: { maxTries: 3 }, credentials: pastedTokenAtPort(port, scnet.sandbox.token) });
			// The first try meets the closed port; the next one, after half a second, finds the server.
			await delay(300);
			late = await startSandbox({ port });
			const { main } = await running;

			expect(main[0].json).toEqual({ id: RUNNING, executed: true, code: '0', message: 'success' });
			expect(scripts(late)).toHaveLength(1);
			expect(late.scriptRuns).toHaveLength(1);
			// A refusal came first: the request was sent after the back-off, not at once.
			expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		} finally {
			await late?.close();
		}
	});
});
