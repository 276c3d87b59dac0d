import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SCNET_ERROR_CODES } from '../../../../nodes/shared/transport/errorCodes';
import { containerId } from '../../../../sandbox/containers';
import { detailPath, RESTART_PATH } from '../../../../sandbox/server';
import { UNKNOWN_CONTAINER_ID, useSandbox } from '../../../harness/fixtures';
import { json, pairs } from '../../../harness/items';

const scnet = useSandbox({ startDelayMs: 100 });
const id = containerId;
const BY_EXPRESSION = { containerId: '={{ $json.id }}' };
const WAIT = { waitUntilRunning: true, pollInterval: 0.1 };
const routes = () => scnet.sandbox.requests.map((request) => request.route);
const restarts = () => scnet.sandbox.requests.filter((request) => request.route === 'restart');
const statusOf = (containerIdValue: string) => scnet.sandbox.containers.get(containerIdValue)?.status;

describe('Container → Start', () => {
	it('restarts the container with its ID in the query and no body, and outputs `{ id, started, code, message }`', async () => {
		// Seeded container 3 is Terminated, 4 Failed.
		const { main, errorOutput, error } = await scnet.run({ operation: 'start', items: [{ id: id(3) }, { id: id(4) }], parameters: BY_EXPRESSION });

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(main).toEqual([
			{ json: { id: id(3), started: true, code: '0', message: 'success' }, pairedItem: { item: 0 } },
			{ json: { id: id(4), started: true, code: '0', message: 'success' }, pairedItem: { item: 1 } },
		]);
		expect(restarts().map((request) => [request.method, request.url, request.body])).toEqual([
			['POST', `${RESTART_PATH}?instanceServiceId=${id(3)}`, ''],
			['POST', `${RESTART_PATH}?instanceServiceId=${id(4)}`, ''],
		]);
		// Without waiting, nothing but the restarts is sent, and the containers are on their way.
		expect(routes()).toEqual(['restart', 'restart']);
		expect([statusOf(id(3)), statusOf(id(4))]).toEqual(['Waiting', 'Waiting']);
	});

	it.each([
		['From List', { __rl: true, mode: 'list', value: id(9) }],
		['By ID', { __rl: true, mode: 'id', value: id(9) }],
	])('takes the container picked %s', async (_, containerIdValue) => {
		const { main } = await scnet.run({ operation: 'start', items: [{}], parameters: { containerId: containerIdValue } });

		expect(json(main)).toEqual([{ id: id(9), started: true, code: '0', message: 'success' }]);
		expect(restarts()[0].url).toBe(`${RESTART_PATH}?instanceServiceId=${id(9)}`);
	});
});

describe('Container → Start: wait until running', () => {
	it("polls the container until it runs and outputs its status", async () => {
		const { main, error } = await scnet.run({ operation: 'start', items: [{ id: id(3) }], parameters: { ...BY_EXPRESSION, options: WAIT } });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([{ id: id(3), started: true, code: '0', message: 'success', status: 'Running' }]);
		expect(statusOf(id(3))).toBe('Running');
		const [first, ...polls] = scnet.sandbox.requests;
		expect(first.route).toBe('restart');
		// The container runs after 100 ms; polled every 100 ms: a few looks, each at its detail.
		expect(polls.length).toBeGreaterThanOrEqual(2);
		expect(polls.every((request) => request.method === 'GET' && request.path === detailPath(id(3)))).toBe(true);
	});

	it('waits for each item in turn, every output paired with its item', async () => {
		const { main } = await scnet.run({ operation: 'start', items: [{ id: id(3) }, { id: id(5) }], parameters: { ...BY_EXPRESSION, options: WAIT } });

		expect(pairs(main)).toEqual([
			[id(3), 0],
			[id(5), 1],
		]);
		expect(json(main).map((j) => j.status)).toEqual(['Running', 'Running']);
	});

	describe('a container that fails to come up', () => {
		beforeEach(() => scnet.sandbox.configureLifecycle({ failOnStart: [id(4)] }));

		it('is a failure item naming its status, CONTAINER_NOT_RUNNING, still `started: true` ("Continue")', async () => {
			const { main } = await scnet.run({
				operation: 'start',
				items: [{ id: id(4) }, { id: id(3) }],
				parameters: { ...BY_EXPRESSION, options: WAIT },
				onError: 'continueRegularOutput',
			});

			expect(main[0].json).toEqual({
				id: id(4),
				started: true,
				code: 'CONTAINER_NOT_RUNNING',
				message: "The container ended as 'Failed' instead of running",
				description: expect.stringMatching(/did not come up/),
				status: 'Failed',
			});
			expect(main[0].pairedItem).toEqual({ item: 0 });
			expect(main[1].json).toMatchObject({ id: id(3), started: true, status: 'Running' });
			expect(statusOf(id(4))).toBe('Failed');
		});

		it('goes to the error output with "Continue (using error output)"', async () => {
			const { main, errorOutput } = await scnet.run({
				operation: 'start',
				items: [{ id: id(4) }],
				parameters: { ...BY_EXPRESSION, options: WAIT },
				onError: 'continueErrorOutput',
			});

			expect(main).toEqual([]);
			expect(errorOutput[0].json).toMatchObject({
				error: { id: id(4), started: true, code: 'CONTAINER_NOT_RUNNING', status: 'Failed' },
				message: `The container ended as 'Failed' instead of running (container '${id(4)}', code CONTAINER_NOT_RUNNING) [item 0]`,
			});
		});

		it('stops the workflow with "Stop", naming the status and the item', async () => {
			const { error } = await scnet.run({ operation: 'start', items: [{ id: id(4) }, { id: id(3) }], parameters: { ...BY_EXPRESSION, options: WAIT } });

			expect(error?.message).toBe(`The container ended as 'Failed' instead of running (container '${id(4)}', code CONTAINER_NOT_RUNNING) [item 0]`);
			expect(restarts()).toHaveLength(1);
		});
	});

	it('does not take a status left over from before the start for the outcome: it waits until the container runs', async () => {
		// SCNet still reports the old status at the first look, as a platform may for a moment.
		scnet.sandbox.addFault({ when: (request) => request.route === 'detail', times: 2, respond: { body: { code: '0', msg: 'success', data: { id: id(3), status: 'Terminated' } } } });
		const { main } = await scnet.run({ operation: 'start', items: [{ id: id(3) }], parameters: { ...BY_EXPRESSION, options: WAIT } });

		expect(main[0].json).toMatchObject({ id: id(3), started: true, status: 'Running' });
	});

	it("refuses a 'Poll Interval' out of range", async () => {
		const { error } = await scnet.run({ operation: 'start', items: [{ id: id(3) }], parameters: { ...BY_EXPRESSION, options: { waitUntilRunning: true, pollInterval: -1 } } });

		expect(error?.message).toContain("The option 'Poll Interval' must be a number of seconds from 0.1 to 600");
		expect(restarts()).toEqual([]);
	});

	it("gives up after 'Wait Timeout' with WAIT_TIMEOUT, and leaves the container as it is", async () => {
		scnet.sandbox.configureLifecycle({ startDelayMs: 60_000 });
		const started = Date.now();
		const { main } = await scnet.run({
			operation: 'start',
			items: [{ id: id(3) }],
			parameters: { ...BY_EXPRESSION, options: { ...WAIT, waitTimeout: 1 } },
			onError: 'continueRegularOutput',
		});
		const elapsed = Date.now() - started;

		expect(main[0].json).toEqual({
			id: id(3),
			started: true,
			code: 'WAIT_TIMEOUT',
			message: "The container was not running after 1 s (status 'Waiting')",
			description: expect.stringMatching(/^It was left as it is/),
			status: 'Waiting',
		});
		expect(elapsed).toBeGreaterThanOrEqual(850);
		expect(elapsed).toBeLessThan(5000);
		// Only the restart and looks at the detail: nothing stopped or deleted it.
		expect(new Set(routes())).toEqual(new Set(['restart', 'detail']));
		expect(statusOf(id(3))).toBe('Waiting');
	});

	it('fails the item, still `started: true`, when the status cannot be read', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'detail', respond: { body: { code: '10001', msg: 'internal' } } });
		const { main } = await scnet.run({
			operation: 'start',
			items: [{ id: id(3) }],
			parameters: { ...BY_EXPRESSION, options: { ...WAIT, maxTries: 1 } },
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({
			id: id(3),
			started: true,
			code: '10001',
			description: expect.stringMatching(/^The container was started, but its status could not be read\./),
		});
		expect(main[0].json.status).toBeUndefined();
	});

	it.each([
		[{ waitTimeout: 0 }, "The option 'Wait Timeout' must be a whole number from 1 to 86400"],
		[{ waitTimeout: 1.5 }, "The option 'Wait Timeout' must be a whole number from 1 to 86400"],
		[{ maxTries: 0 }, "The option 'Max Tries' must be a whole number from 1 to 10"],
	])('refuses options out of range (%j) before sending anything', async (options, message) => {
		const { error } = await scnet.run({ operation: 'start', items: [{ id: id(3) }], parameters: { ...BY_EXPRESSION, options: { ...WAIT, ...options } } });

		expect(error?.message).toBe(message);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});

describe('Container → Start: bad input and failures', () => {
	it('reports an unknown container with SCNet\'s code, `started: false`, and starts the others ("Continue")', async () => {
		const { main } = await scnet.run({
			operation: 'start',
			items: [{ id: UNKNOWN_CONTAINER_ID }, { id: id(3) }],
			parameters: BY_EXPRESSION,
			onError: 'continueRegularOutput',
		});

		const { message, description } = SCNET_ERROR_CODES['716020'];
		expect(json(main)).toEqual([
			{ id: UNKNOWN_CONTAINER_ID, started: false, code: '716020', message, description },
			{ id: id(3), started: true, code: '0', message: 'success' },
		]);
		expect(pairs(main)).toEqual([
			[UNKNOWN_CONTAINER_ID, 0],
			[id(3), 1],
		]);
	});

	it.each([
		['not an id!', 'INVALID_CONTAINER_ID', "Invalid container ID 'not an id!': only letters, digits, '-' and '_' are allowed [item 1]"],
		[[id(1), id(2)], 'INVALID_CONTAINER_ID', 'Invalid container ID a list of 2 IDs: give one container ID per item [item 1]'],
		[null, 'NO_CONTAINER_ID', "No container ID in 'Container' [item 1]"],
	])('fails the input %j as bad input, `started: false`, sending nothing for it', async (value, code, message) => {
		const { main, errorOutput } = await scnet.run({
			operation: 'start',
			items: [{ id: id(3) }, { id: value }, { id: id(5) }],
			parameters: BY_EXPRESSION,
			onError: 'continueErrorOutput',
		});

		expect(pairs(main)).toEqual([
			[id(3), 0],
			[id(5), 2],
		]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
		expect(errorOutput[0].json).toMatchObject({ error: { started: false, code, message, description: expect.any(String) }, message });
		expect(restarts().map((request) => request.url)).toEqual([id(3), id(5)].map((n) => `${RESTART_PATH}?instanceServiceId=${n}`));
	});

	it('stops at the first failure with "Stop", naming container and item, and starts nothing after it', async () => {
		const { error, main } = await scnet.run({ operation: 'start', items: [{ id: id(3) }, { id: UNKNOWN_CONTAINER_ID }, { id: id(5) }], parameters: BY_EXPRESSION });

		expect(main).toEqual([]);
		expect(error?.message).toBe(`${SCNET_ERROR_CODES['716020'].message} (container '${UNKNOWN_CONTAINER_ID}', code 716020) [item 1]`);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect(restarts()).toHaveLength(2);
		expect(statusOf(id(5))).toBe('Completed');
	});

	it('stops on bad input with "Stop" before sending it', async () => {
		const { error } = await scnet.run({ operation: 'start', items: [{ id: 'not an id!' }, { id: id(3) }], parameters: BY_EXPRESSION });

		expect(error?.message).toBe("Invalid container ID 'not an id!': only letters, digits, '-' and '_' are allowed [item 0]");
		expect((error as NodeOperationError).context.itemIndex).toBe(0);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});
