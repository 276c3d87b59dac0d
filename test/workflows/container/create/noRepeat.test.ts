import { setTimeout as delay } from 'node:timers/promises';

import { startSandbox, type Sandbox } from '../../../../sandbox/server';
import { IMAGES } from '../../../../sandbox/store';
import { AMBIGUOUS_FAULTS, closedPort, oneItemRun, onRoute, pastedTokenAtPort, requestsOn } from '../../../harness/faults';
import { useSandbox } from '../../../harness/fixtures';

const SEEDED = 40;
const scnet = useSandbox({ containers: SEEDED });
const MAY_HAVE_BEEN_CREATED = 'The container may have been created: look for it by name with List before running the workflow again.';
const onCreate = onRoute('create');
const creates = (sandbox: Sandbox = scnet.sandbox) => requestsOn('create', sandbox);
const createdIn = (sandbox: Sandbox = scnet.sandbox) => sandbox.containers.size - SEEDED;

/** One item, one create; "Continue" unless `onError` says otherwise ('stop' for "Stop"). */
const run = oneItemRun(scnet, 'create', {}, {
	name: 'training-run-42',
	resourceGroup: 'TeslaM40',
	imagePath: { __rl: true, mode: 'list', value: IMAGES[0].imagePath },
});

describe('Container → Create: never repeated after a fault that may have reached SCNet', () => {
	it.each(AMBIGUOUS_FAULTS)('after %s: exactly one POST, and the failure says the container may have been created', async (_, fault, options, code) => {
		scnet.sandbox.addFault({ when: onCreate, ...fault });
		const { main } = await run({ options });

		expect(creates()).toHaveLength(1);
		expect(main).toHaveLength(1);
		expect(main[0].json).toMatchObject({ id: null, name: 'training-run-42', created: false, code });
		expect(main[0].json.message).not.toMatch(/after \d+ attempts/);
		expect(String(main[0].json.description).endsWith(MAY_HAVE_BEEN_CREATED)).toBe(true);
	});

	it('says so in the error that stops the workflow too', async () => {
		scnet.sandbox.addFault({ when: onCreate, delayMs: 1500 });
		const { error } = await run({ options: { timeout: 300 }, onError: 'stop' });

		expect(error?.message).toMatch(/^SCNet did not answer within 300 ms \(.*code TIMEOUT\) \[item 0\]$/);
		expect(error?.description).toContain(MAY_HAVE_BEEN_CREATED);
		expect(creates()).toHaveLength(1);
	});

	it('creates the next item after one that failed so, each sent once', async () => {
		scnet.sandbox.addFault({ when: onCreate, times: 1, drop: true });
		const { main } = await scnet.run({
			operation: 'create',
			items: [{ name: 'first' }, { name: 'second' }],
			parameters: { name: '={{ $json.name }}', resourceGroup: 'TeslaM40', imagePath: { __rl: true, mode: 'list', value: IMAGES[0].imagePath } },
			onError: 'continueRegularOutput',
		});

		expect(main.map((item) => [item.json.name, item.json.created])).toEqual([
			['first', false],
			['second', true],
		]);
		expect(creates().map((request) => (JSON.parse(request.body) as { instanceServiceName: string }).instanceServiceName)).toEqual(['first', 'second']);
	});
});

describe('Container → Create: sent again when SCNet certainly did not get it', () => {
	it('after HTTP 429, until it is accepted, creating one container', async () => {
		scnet.sandbox.addFault({ when: onCreate, times: 2, respond: { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '0' } } });
		const { main } = await run();

		expect(main[0].json).toMatchObject({ created: true, code: '0', name: 'training-run-42' });
		expect(creates()).toHaveLength(3);
		expect(createdIn()).toBe(1);
	});

	it("after HTTP 429 up to 'Max Tries', and then without saying it may have been created", async () => {
		scnet.sandbox.addFault({ when: onCreate, respond: { status: 429, body: 'slow down', headers: { 'retry-after': '0' } } });
		const { main } = await run({ options: { maxTries: 2 } });

		expect(creates()).toHaveLength(2);
		expect(main[0].json).toMatchObject({ created: false, code: 'HTTP_429', message: 'SCNet is limiting the request rate (HTTP 429) (after 2 attempts)' });
		expect(main[0].json.description).not.toContain('may have been created');
		expect(createdIn()).toBe(0);
	});

	it("after a refused connection, up to 'Max Tries', and then without saying it may have been created", async () => {
		const port = await closedPort();
		const { main } = await run({ options: { maxTries: 2 }, credentials: pastedTokenAtPort(port, scnet.sandbox.token) });

		expect(main[0].json).toMatchObject({ created: false, code: 'ECONNREFUSED', message: 'SCNet refused the connection (after 2 attempts)' });
		expect(main[0].json.description).not.toContain('may have been created');
	});

	it('after a refused connection, once SCNet listens again', async () => {
		const port = await closedPort();
		let late: Sandbox | undefined;
		try {
			const started = Date.now();
			const running = run({ credentials: pastedTokenAtPort(port, scnet.sandbox.token) });
			// The first try meets the closed port; the next one, after half a second, finds the server.
			await delay(300);
			late = await startSandbox({ port, containers: SEEDED });
			const { main } = await running;

			expect(main[0].json).toMatchObject({ created: true, code: '0' });
			expect(creates(late)).toHaveLength(1);
			expect(createdIn(late)).toBe(1);
			expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		} finally {
			await late?.close();
		}
	});
});
