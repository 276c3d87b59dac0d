import type { IDataObject, INodeParameters, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SCNET_ERROR_CODES } from '../../../../nodes/shared/transport/errorCodes';
import { containerId } from '../../../../sandbox/containers';
import { EXECUTE_SCRIPT_PATH } from '../../../../sandbox/server';
import { UNKNOWN_CONTAINER_ID, useSandbox } from '../../../harness/fixtures';
import { json, pairs } from '../../../harness/items';

const scnet = useSandbox();
const id = containerId;
/** Seeded containers that run (every sixth one); the others are Deploying, Waiting, Terminated, … */
const running = (n: number) => id(6 * n);
const scripts = () => scnet.sandbox.requests.filter((request) => request.route === 'executeScript');
const bodies = () => scripts().map((request) => JSON.parse(request.body) as unknown);
const run = (items: IDataObject[], parameters: INodeParameters = {}, onError?: 'continueRegularOutput' | 'continueErrorOutput') =>
	scnet.run({ operation: 'executeScript', items, parameters: { containerId: '={{ $json.id }}', script: 'nvidia-smi > /root/gpu.txt', ...parameters }, onError });

describe('Container → Execute Script', () => {
	it('sends `{ id, startScriptContent, startScriptActionScope }` as JSON and outputs `{ id, executed, code, message }`', async () => {
		const { main, errorOutput, error } = await run([{ id: running(0) }]);

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(main).toEqual([{ json: { id: running(0), executed: true, code: '0', message: 'success' }, pairedItem: { item: 0 } }]);
		const [request] = scripts();
		expect(request).toMatchObject({ method: 'POST', url: EXECUTE_SCRIPT_PATH });
		expect(request.headers['content-type']).toBe('application/json');
		expect(JSON.parse(request.body)).toEqual({ id: running(0), startScriptContent: 'nvidia-smi > /root/gpu.txt\n', startScriptActionScope: 'all' });
		expect(scnet.sandbox.scriptRuns).toEqual([{ id: running(0), startScriptContent: 'nvidia-smi > /root/gpu.txt\n', startScriptActionScope: 'all' }]);
	});

	it.each(['all', 'header'])("sends the 'scope' %s as startScriptActionScope", async (scope) => {
		await run([{ id: running(0) }], { scope });

		expect(bodies()).toEqual([expect.objectContaining({ startScriptActionScope: scope })]);
	});

	it.each([
		['Windows line ends', 'cd /root\r\npython train.py\r\n', 'cd /root\npython train.py\n'],
		['old Mac line ends and no final one', 'cd /root\rpython train.py', 'cd /root\npython train.py\n'],
		['no final line end', 'cd /root\npython train.py', 'cd /root\npython train.py\n'],
		['a final line end already', 'echo hi\n', 'echo hi\n'],
		['blank lines inside, kept', 'a\n\n  b  ', 'a\n\n  b  \n'],
	])('sends a script with %s as LF lines ending in a line feed', async (_, script, sent) => {
		await run([{ id: running(0) }], { script });

		expect(bodies()).toEqual([{ id: running(0), startScriptContent: sent, startScriptActionScope: 'all' }]);
	});

	it('takes script, scope and container per item from expressions, each output paired with its item', async () => {
		const items = [
			{ id: running(1), cmd: 'echo one', scope: 'header' },
			{ id: running(2), cmd: 'echo two', scope: 'all' },
		];
		const { main } = await run(items, { script: '={{ $json.cmd }}', scope: '={{ $json.scope }}' });

		expect(pairs(main)).toEqual([
			[running(1), 0],
			[running(2), 1],
		]);
		expect(scnet.sandbox.scriptRuns).toEqual([
			{ id: running(1), startScriptContent: 'echo one\n', startScriptActionScope: 'header' },
			{ id: running(2), startScriptContent: 'echo two\n', startScriptActionScope: 'all' },
		]);
	});

	it.each([
		['From List', { __rl: true, mode: 'list', value: running(3) }],
		['By ID', { __rl: true, mode: 'id', value: running(3) }],
	])('takes the container picked %s', async (_, containerId) => {
		const { main } = await run([{}], { containerId });

		expect(json(main)).toEqual([{ id: running(3), executed: true, code: '0', message: 'success' }]);
	});

	it('fails an item without a script, sending nothing for it', async () => {
		const { main } = await run([{ id: running(0), cmd: ' \r\n ' }, { id: running(1), cmd: 'ls' }], { script: '={{ $json.cmd }}' }, 'continueRegularOutput');

		expect(main[0].json).toEqual({
			id: running(0),
			executed: false,
			code: 'NO_SCRIPT',
			message: "No script in 'Script' [item 0]",
			description: expect.stringMatching(/^Enter the commands to run in 'Script'/),
		});
		expect(main[1].json).toMatchObject({ id: running(1), executed: true });
		expect(bodies()).toEqual([expect.objectContaining({ id: running(1) })]);
	});

	it('stops with "Stop" at an item without a script, saying what to do', async () => {
		const { error } = await run([{ id: running(0), cmd: '' }], { script: '={{ $json.cmd }}' });

		expect(error?.message).toBe("No script in 'Script' [item 0]");
		expect(error?.description).toMatch(/^Enter the commands to run in 'Script'/);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});

describe('Container → Execute Script: failures and On Error', () => {
	it('reports a container that is not running with code 716864, `executed: false` ("Continue")', async () => {
		// Seeded container 3 is Terminated.
		const { main } = await run([{ id: id(3) }, { id: running(0) }], {}, 'continueRegularOutput');

		const { message, description } = SCNET_ERROR_CODES['716864'];
		expect(json(main)).toEqual([
			{ id: id(3), executed: false, code: '716864', message, description },
			{ id: running(0), executed: true, code: '0', message: 'success' },
		]);
		expect(scnet.sandbox.scriptRuns.map((entry) => entry.id)).toEqual([running(0)]);
		// SCNet's answer is final: not sent again.
		expect(scripts()).toHaveLength(2);
	});

	it('sends the failure to the error output with "Continue (using error output)"', async () => {
		const { main, errorOutput } = await run([{ id: UNKNOWN_CONTAINER_ID }, { id: running(0) }], {}, 'continueErrorOutput');

		const { message, description } = SCNET_ERROR_CODES['716020'];
		expect(pairs(main)).toEqual([[running(0), 1]]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
		expect(errorOutput[0].json).toEqual({
			id: UNKNOWN_CONTAINER_ID,
			error: { id: UNKNOWN_CONTAINER_ID, executed: false, code: '716020', message, description },
			message: `${message} (container '${UNKNOWN_CONTAINER_ID}', code 716020) [item 0]`,
		});
	});

	it('stops at the first failure with "Stop", naming the item, and runs nothing after it', async () => {
		const { error, main } = await run([{ id: running(0) }, { id: id(3) }, { id: running(1) }]);

		expect(main).toEqual([]);
		expect(error?.message).toBe(`${SCNET_ERROR_CODES['716864'].message} (container '${id(3)}', code 716864) [item 1]`);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect(scnet.sandbox.scriptRuns.map((entry) => entry.id)).toEqual([running(0)]);
		expect(scripts()).toHaveLength(2);
	});

	it.each([
		['not an id!', 'INVALID_CONTAINER_ID', "Invalid container ID 'not an id!': only letters, digits, '-' and '_' are allowed [item 0]"],
		[[running(1), running(2)], 'INVALID_CONTAINER_ID', 'Invalid container ID a list of 2 IDs: give one container ID per item [item 0]'],
		['', 'NO_CONTAINER_ID', "No container ID in 'Container' [item 0]"],
	])('fails the input %j as bad input without sending it', async (value, code, message) => {
		const { main } = await run([{ id: value }, { id: running(0) }], {}, 'continueRegularOutput');

		expect(main[0].json).toMatchObject({ executed: false, code, message, description: expect.any(String) });
		expect(main[0].pairedItem).toEqual({ item: 0 });
		expect(bodies()).toEqual([expect.objectContaining({ id: running(0) })]);
	});

	it('stops on bad input with "Stop", naming the item, before sending it', async () => {
		const { error } = await run([{ id: running(0) }, { id: 'not an id!' }]);

		expect(error?.message).toBe("Invalid container ID 'not an id!': only letters, digits, '-' and '_' are allowed [item 1]");
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(scripts()).toHaveLength(1);
	});
});
