import type { IDataObject, INodeParameters, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SCNET_ERROR_CODES } from '../../../../nodes/shared/transport/errorCodes';
import { containerId } from '../../../../sandbox/containers';
import { detailPath } from '../../../../sandbox/server';
import { UNKNOWN_CONTAINER_ID, useSandbox } from '../../../harness/fixtures';
import { json, pairs } from '../../../harness/items';

const scnet = useSandbox();
const id = containerId;
/** A well-formed ID the sandbox does not know. */
const BY_EXPRESSION = { containerId: '={{ $json.id }}' };
const details = () => scnet.sandbox.requests.filter((request) => request.route === 'detail');

describe('Container → Get: output', () => {
	it("outputs SCNet's detail object with `id` set and `createdAt` as ISO 8601 (China time by default)", async () => {
		const { main, errorOutput, error } = await scnet.run({
			operation: 'get',
			items: [{ id: id(0) }],
			parameters: { containerId: { __rl: true, mode: 'id', value: id(0) } },
		});

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(main).toHaveLength(1);
		expect(main[0].pairedItem).toEqual({ item: 0 });
		expect(main[0].json).toMatchObject({
			id: id(0),
			instanceServiceName: 'Instances_2205110000',
			status: 'Running',
			taskType: 'ssh',
			resourceGroup: 'TeslaM40',
			createTime: '2026-11-01 00:30:00',
			// 00:30 in Shanghai is 16:30 UTC the day before.
			createdAt: '2026-10-31T16:30:00.000Z',
			containerPortInfoList: [expect.objectContaining({ containerPort: 8888, protocolType: 'HTTP' })],
		});
		const [request] = scnet.sandbox.requests;
		expect(request).toMatchObject({ method: 'GET', url: detailPath(id(0)), body: '' });
		expect(request.headers.token).toBe(scnet.sandbox.token);
	});

	it("keeps every field SCNet sends, and fills `id` from `instanceServiceId` or the ID asked for", async () => {
		scnet.sandbox.addFault({
			when: (request) => request.route === 'detail',
			times: 1,
			respond: { body: { code: '0', msg: 'success', data: { instanceServiceId: id(3), status: 'Waiting', extra: { nested: [1, 2] } } } },
		});
		scnet.sandbox.addFault({
			when: (request) => request.route === 'detail',
			times: 1,
			respond: { body: { code: '0', msg: 'success', data: { status: 'Waiting', createTime: null } } },
		});
		const { main } = await scnet.run({ operation: 'get', items: [{ id: id(3) }, { id: id(4) }], parameters: BY_EXPRESSION });

		expect(json(main)).toEqual([
			{ instanceServiceId: id(3), status: 'Waiting', extra: { nested: [1, 2] }, id: id(3), createdAt: null },
			{ status: 'Waiting', createTime: null, id: id(4), createdAt: null },
		]);
	});

	it.each([
		['+00:00', '2026-11-01T00:30:00.000Z'],
		['UTC', '2026-11-01T00:30:00.000Z'],
		['Europe/Berlin', '2026-10-31T23:30:00.000Z'],
		['-05:00', '2026-11-01T05:30:00.000Z'],
	])("reads `createTime` in the 'SCNet Time Zone' %s", async (timezone, createdAt) => {
		const { main } = await scnet.run({ operation: 'get', items: [{ id: id(0) }], parameters: { ...BY_EXPRESSION, options: { timezone } } });

		expect(main[0].json).toMatchObject({ createTime: '2026-11-01 00:30:00', createdAt });
	});

	it("refuses a 'SCNet Time Zone' that is not one, before sending anything", async () => {
		const { error } = await scnet.run({ operation: 'get', items: [{ id: id(0) }], parameters: { ...BY_EXPRESSION, options: { timezone: 'Mars/Olympus' } } });

		expect(error?.message).toBe("The option 'SCNet Time Zone' is not a time zone: 'Mars/Olympus'");
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it("with \"Continue\", reports an option out of range on each item in n8n's own way (`error`), sending nothing", async () => {
		const { main, error } = await scnet.run({
			operation: 'get',
			items: [{ id: id(0) }, { id: id(1) }],
			parameters: { ...BY_EXPRESSION, options: { maxTries: 11 } },
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(main).toEqual([0, 1].map((item) => ({ json: { error: "The option 'Max Tries' must be a whole number from 1 to 10" }, pairedItem: { item } })));
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('outputs one item per input item, in input order, each paired with its item', async () => {
		const items = [5, 1, 5, 2].map((n) => ({ id: id(n) }));
		const { main } = await scnet.run({ operation: 'get', items, parameters: BY_EXPRESSION });

		expect(pairs(main)).toEqual([
			[id(5), 0],
			[id(1), 1],
			[id(5), 2],
			[id(2), 3],
		]);
		expect(json(main).map((j) => j.status)).toEqual(['Completed', 'Deploying', 'Completed', 'Waiting']);
		expect(details().map((request) => request.path)).toEqual(items.map((item) => detailPath(item.id)));
	});
});

describe('Container → Get: the container field', () => {
	it.each<[string, INodeParameters[string]]>([
		['a pick from the list', { __rl: true, mode: 'list', value: id(7), cachedResultName: 'Instances_2205110007 (Deploying)' }],
		['an ID typed by hand', { __rl: true, mode: 'id', value: id(7) }],
		['an ID with blanks around it from a list', { __rl: true, mode: 'list', value: `  ${id(7)}\n` }],
		['an expression inside the locator', { __rl: true, mode: 'id', value: '={{ $json.container.id }}' }],
		['a plain ID from an expression', '={{ $json.container.id }}'],
		['a list of one ID from an expression', '={{ [$json.container.id] }}'],
	])('takes %s', async (_, containerIdValue) => {
		const { main, error } = await scnet.run({
			operation: 'get',
			items: [{ container: { id: id(7) } }],
			parameters: { containerId: containerIdValue },
		});

		expect(error).toBeUndefined();
		expect(main[0].json).toMatchObject({ id: id(7), status: 'Deploying' });
		expect(details().map((request) => request.path)).toEqual([detailPath(id(7))]);
	});

	it("lets n8n refuse an ID typed 'By ID' that breaks the field's pattern, before anything runs", async () => {
		await expect(
			scnet.run({ operation: 'get', items: [{}], parameters: { containerId: { __rl: true, mode: 'id', value: 'not an id!' } } }),
		).rejects.toThrow(/A container ID has only letters, digits, - and _/);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	const BAD: Array<[string, unknown, string, string]> = [
		['no ID', '', 'NO_CONTAINER_ID', "No container ID in 'Container' [item 1]"],
		['a missing field', undefined, 'NO_CONTAINER_ID', "No container ID in 'Container' [item 1]"],
		['blanks', '  \n', 'NO_CONTAINER_ID', "No container ID in 'Container' [item 1]"],
		['text that is not an ID', 'not an id!', 'INVALID_CONTAINER_ID', "Invalid container ID 'not an id!': only letters, digits, '-' and '_' are allowed [item 1]"],
		['two IDs in one text', `${id(1)},${id(2)}`, 'INVALID_CONTAINER_ID', `Invalid container ID '${id(1)},${id(2)}': only letters, digits, '-' and '_' are allowed [item 1]`],
		['a list of two IDs', [id(1), id(2)], 'INVALID_CONTAINER_ID', 'Invalid container ID a list of 2 IDs: give one container ID per item [item 1]'],
		['an object', { id: id(1) }, 'INVALID_CONTAINER_ID', 'Invalid container ID an object: a container ID must be text [item 1]'],
	];

	describe.each(BAD)('with %s', (_, value, code, message) => {
		const items = () => [{ id: id(0) }, value === undefined ? {} : { id: value }, { id: id(2) }] as IDataObject[];

		it('fails that item as bad input, sends nothing for it, and still gets the others ("Continue")', async () => {
			const { main, errorOutput } = await scnet.run({ operation: 'get', items: items(), parameters: BY_EXPRESSION, onError: 'continueRegularOutput' });

			expect(errorOutput).toEqual([]);
			expect(main).toHaveLength(3);
			expect(main[1].json).toEqual({
				id: typeof value === 'string' && code === 'INVALID_CONTAINER_ID' ? value : null,
				code,
				message,
				description: expect.stringMatching(/^'Container' takes one container instance ID/),
			});
			expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect([main[0].json.id, main[2].json.id]).toEqual([id(0), id(2)]);
			expect(details().map((request) => request.path)).toEqual([detailPath(id(0)), detailPath(id(2))]);
		});

		it('stops at that item with "Stop", naming it, and sends nothing after it', async () => {
			const { error, main } = await scnet.run({ operation: 'get', items: items(), parameters: BY_EXPRESSION });

			expect(main).toEqual([]);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toBe(message);
			expect((error as NodeOperationError).context.itemIndex).toBe(1);
			expect(details().map((request) => request.path)).toEqual([detailPath(id(0))]);
		});
	});
});

describe('Container → Get: failures and On Error', () => {
	const unknown = SCNET_ERROR_CODES['716020'];
	const items = () => [{ id: id(0) }, { id: UNKNOWN_CONTAINER_ID, job: 'nightly' }, { id: id(2) }];

	it("puts SCNet's code on the failure item, on the main output with \"Continue\"", async () => {
		const { main, errorOutput, error } = await scnet.run({ operation: 'get', items: items(), parameters: BY_EXPRESSION, onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(pairs(main)).toEqual([
			[id(0), 0],
			[UNKNOWN_CONTAINER_ID, 1],
			[id(2), 2],
		]);
		expect(main[1].json).toEqual({ id: UNKNOWN_CONTAINER_ID, code: '716020', message: unknown.message, description: unknown.description });
		expect(main[2].json).toMatchObject({ id: id(2), status: 'Waiting' });
	});

	it('sends the failure to the error output with "Continue (using error output)", the others to the main output', async () => {
		const { main, errorOutput } = await scnet.run({ operation: 'get', items: items(), parameters: BY_EXPRESSION, onError: 'continueErrorOutput' });

		expect(pairs(main)).toEqual([
			[id(0), 0],
			[id(2), 2],
		]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
		// n8n merges the input item under the failure.
		expect(errorOutput[0].json).toEqual({
			id: UNKNOWN_CONTAINER_ID,
			job: 'nightly',
			error: { id: UNKNOWN_CONTAINER_ID, code: '716020', message: unknown.message, description: unknown.description },
			message: `${unknown.message} (container '${UNKNOWN_CONTAINER_ID}', code 716020) [item 1]`,
		});
	});

	it('stops at the first failure with "Stop", naming container, code and item; later items are not sent', async () => {
		const { error, main } = await scnet.run({ operation: 'get', items: items(), parameters: BY_EXPRESSION });

		expect(main).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(`${unknown.message} (container '${UNKNOWN_CONTAINER_ID}', code 716020) [item 1]`);
		expect(error?.description).toBe(unknown.description);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect(details().map((request) => request.path)).toEqual([detailPath(id(0)), detailPath(UNKNOWN_CONTAINER_ID)]);
	});

	it("keeps the server's message for a code the docs do not list", async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'detail', respond: { body: { code: '815555', msg: '任务不存在', data: null } } });
		const { main } = await scnet.run({ operation: 'get', items: [{ id: id(0) }], parameters: BY_EXPRESSION, onError: 'continueRegularOutput' });

		expect(main[0].json).toMatchObject({ id: id(0), code: '815555', message: 'SCNet answered: 任务不存在' });
	});

	it('does not send a read again that SCNet answered with a failure code', async () => {
		await scnet.run({ operation: 'get', items: [{ id: UNKNOWN_CONTAINER_ID }], parameters: BY_EXPRESSION, onError: 'continueRegularOutput' });

		expect(details()).toHaveLength(1);
	});
});
