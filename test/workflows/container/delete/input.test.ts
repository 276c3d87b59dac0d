import type { IDataObject, NodeOperationError } from 'n8n-workflow';

import { containerId } from '../../../../sandbox/containers';
import { pastedToken, useSandbox } from '../../../harness/fixtures';
import { json, pairs } from '../../../harness/items';

const scnet = useSandbox();
const id = containerId;

const BAD_VALUES: Array<[string, IDataObject[string], string]> = [
	['an ampersand smuggling a parameter', 'abc&ids=def', "Invalid container ID 'abc&ids=def': only letters, digits, '-' and '_' are allowed"],
	['an equals sign', 'abc=1', "Invalid container ID 'abc=1': only letters, digits, '-' and '_' are allowed"],
	['a hash', 'abc#frag', "Invalid container ID 'abc#frag': only letters, digits, '-' and '_' are allowed"],
	['unicode', '容器一', "Invalid container ID '容器一': only letters, digits, '-' and '_' are allowed"],
	['an object', { id: 'abc' }, 'Invalid container ID an object: a container ID must be text'],
	['a null inside a list', ['abc', null], 'Invalid container ID null: the list has an empty entry'],
	['an overlong ID', 'a'.repeat(129), 'Invalid container ID'],
];

describe('Container → Delete: bad input', () => {
	describe.each(BAD_VALUES)('%s', (_, value, message) => {
		const items = () => [{ id: id(0) }, { id: value }, { id: id(1) }];

		it('stops before anything is deleted with "Stop", naming the item', async () => {
			const { error, main } = await scnet.run({ operation: 'delete', items: items() });

			expect(main).toEqual([]);
			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toContain(message);
			expect(error?.message).toMatch(/\[item 1\]$/);
			expect((error as NodeOperationError).context.itemIndex).toBe(1);
			expect(scnet.sandbox.requests).toEqual([]);
		});

		it('reports the bad entry and deletes the rest with "Continue"', async () => {
			const { main } = await scnet.run({ operation: 'delete', items: items(), onError: 'continueRegularOutput' });

			const invalid = main.filter((item) => item.json.code === 'INVALID_CONTAINER_ID');
			expect(invalid).toHaveLength(1);
			expect(invalid[0].json).toMatchObject({ deleted: false, message: expect.stringContaining(message) });
			expect(invalid[0].pairedItem).toEqual({ item: 1 });
			expect(pairs(main.filter((item) => item.json.deleted === true))).toEqual([
				[id(0), 0],
				[id(1), 2],
			]);
			// Only well-formed IDs ever reach the URL.
			for (const request of scnet.sandbox.requests) {
				expect(request.queryKeys).toEqual(['ids']);
				expect(request.ids.every((sent) => /^[A-Za-z0-9_-]+$/.test(sent))).toBe(true);
			}
		});
	});

	it.each([
		['an empty string', ''],
		['blanks and commas', ' , \n'],
		['an empty list', []],
		['null', null],
	])('treats %s as an item without ID', async (_, value) => {
		const { main, errorOutput } = await scnet.run({ operation: 'delete',
			items: [{ id: value }, { id: id(0) }],
			onError: 'continueErrorOutput',
		});

		expect(main.map((item) => item.json.id)).toEqual([id(0)]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].json).toMatchObject({
			error: { id: null, deleted: false, code: 'NO_CONTAINER_ID', message: "No container ID in 'Container IDs' [item 0]" },
		});
		expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
	});

	it('treats an item that lacks the mapped field as an item without ID', async () => {
		const { error } = await scnet.run({ operation: 'delete', items: [{ name: 'no id here' }] });

		expect(error?.message).toBe("No container ID in 'Container IDs' [item 0]");
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('keeps valid and invalid entries of one item in their order', async () => {
		const { main } = await scnet.run({ operation: 'delete',
			items: [{ ids: [id(0), 'bad id!', id(1)] }],
			parameters: { containerIds: '={{ $json.ids }}' },
			onError: 'continueRegularOutput',
		});

		expect(json(main).map((j) => [j.id, j.deleted])).toEqual([
			[id(0), true],
			['bad id!', false],
			[id(1), true],
		]);
		expect(pairs(main).every(([, item]) => item === 0)).toBe(true);
	});

	describe.each([
		['a space', 'not a valid id!', "'not a valid id!'"],
		['a comma', `${id(2)},${id(3)}`, `'${id(2)},${id(3)}'`],
		['a comma and a space', `${id(2)}, ${id(3)}`, `'${id(2)}, ${id(3)}'`],
		['a new line', `${id(2)}\n${id(3)}`, `'${id(2)}\\n${id(3)}'`],
	])('a list element with %s inside', (_, element, shown) => {
		const items = () => [{ body: { ids: [id(0), element, id(1)] } }];
		const parameters = { containerIds: '={{ $json.body.ids }}' };

		it('is one invalid ID: reported with its text, never split into IDs sent to SCNet', async () => {
			const { main, errorOutput } = await scnet.run({ operation: 'delete', items: items(), parameters, onError: 'continueErrorOutput' });

			expect(json(main).map((j) => [j.id, j.deleted])).toEqual([
				[id(0), true],
				[id(1), true],
			]);
			expect(errorOutput).toHaveLength(1);
			expect(errorOutput[0].json.error).toMatchObject({ id: element, deleted: false, code: 'INVALID_CONTAINER_ID' });
			expect(errorOutput[0].json.message).toBe(`Invalid container ID ${shown}: only letters, digits, '-' and '_' are allowed [item 0]`);
			expect(scnet.sandbox.requests.flatMap((request) => request.ids)).toEqual([id(0), id(1)]);
			expect(scnet.sandbox.containers.has(id(2))).toBe(true);
			expect(scnet.sandbox.containers.has(id(3))).toBe(true);
		});

		it('stops the node before anything is sent with "Stop"', async () => {
			const { error } = await scnet.run({ operation: 'delete', items: items(), parameters });

			expect(error?.message).toBe(`Invalid container ID ${shown}: only letters, digits, '-' and '_' are allowed [item 0]`);
			expect(scnet.sandbox.requests).toEqual([]);
		});
	});

	it('splits a plain text on commas, spaces and new lines', async () => {
		const { main } = await scnet.run({ operation: 'delete', items: [{ ids: `${id(0)}, ${id(1)}\n${id(2)} ${id(3)}` }], parameters: { containerIds: '={{ $json.ids }}' } });

		expect(json(main).map((j) => [j.id, j.deleted])).toEqual([0, 1, 2, 3].map((n) => [id(n), true]));
	});

	it.each([
		['IDs per Request', { batchSize: 0 }],
		['IDs per Request', { batchSize: 2.5 }],
		['Max Tries', { maxTries: 11 }],
		['Parallel Requests', { parallelRequests: 0 }],
		['Timeout', { timeout: -1 }],
	])("refuses an out-of-range '%s'", async (label, options) => {
		const { error } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], parameters: { options } });

		expect(error?.message).toContain(`The option '${label}' must be a whole number`);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it("refuses a credential whose 'Container Service URL' is not a URL", async () => {
		const { error } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], credentials: pastedToken('api01.example.com', 't') });

		expect(error?.message).toBe("The 'Container Service URL' of the SCNet API credential is not a valid http(s) URL");
	});
});
