import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { containerId } from '../../../../sandbox/containers';
import { onRoute, requestsOn } from '../../../harness/faults';
import { useSandbox } from '../../../harness/fixtures';
import { json } from '../../../harness/items';
import type { OnError, RunOptions } from '../../../harness/runWorkflow';

const scnet = useSandbox({ containers: 24 });
const id = containerId;
const deletes = () => requestsOn('delete', scnet.sandbox);
const run = (operation: string, parameters: INodeParameters, items: IDataObject[], extra: Partial<RunOptions> = {}) =>
	scnet.run({ operation, parameters, items, ...extra });

describe('Container → Delete and Stop: the dry run / preview is read strictly', () => {
	it.each(['delete', 'stop'])("%s (version 1) takes Dry Run given as the text 'true' (a webhook query) as on: nothing is sent", async (operation) => {
		const { main } = await run(operation, { containerIds: '={{ $json.id }}', options: { dryRun: '={{ $json.query.dry }}' } }, [{ id: id(3), query: { dry: 'true' } }]);

		expect(main[0].json).toMatchObject({ id: id(3), dryRun: true });
		expect(scnet.sandbox.requests).toEqual([]);
		expect(scnet.sandbox.containers.has(id(3))).toBe(true);
	});

	it.each([
		['an empty text', '={{ "" }}', 'an empty text'],
		['nothing', '={{ $json.none }}', 'nothing (the expression gave no value)'],
		['a word', '={{ "yes" }}', "'yes'"],
	])('Delete (version 1) refuses Dry Run given %s, sending nothing', async (_, dryRun, shown) => {
		const { error } = await run('delete', { options: { dryRun } }, [{ id: id(3) }]);

		expect(error?.message).toBe(`'Dry Run' must be true or false, not ${shown}`);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it.each(['delete', 'stop'])('%s (version 2) previews with Preview, in the form, and says which request would carry each ID', async (operation) => {
		const done = operation === 'delete' ? 'deleted' : 'stopped';
		const { main } = await run(operation, { preview: true }, [{ id: id(3) }, { id: id(4) }], { typeVersion: 2 });

		expect(json(main)).toEqual([
			{ id: id(3), [done]: false, preview: true, message: `Preview: would be ${done} in request 1 of 1` },
			{ id: id(4), [done]: false, preview: true, message: `Preview: would be ${done} in request 1 of 1` },
		]);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it("Delete (version 2) refuses a Preview it cannot read, and Continue gives each input its error item, not the input passed on", async () => {
		const { main, errorOutput } = await run('delete', { preview: '={{ $json.preview }}' }, [{ id: id(3), preview: '' }, { id: id(4), preview: '' }], {
			typeVersion: 2,
			onError: 'continueErrorOutput',
		});

		expect(main).toEqual([]);
		expect(errorOutput.map((item) => [item.json.error, item.pairedItem])).toEqual([
			["'Preview' must be true or false, not an empty text", { item: 0 }],
			["'Preview' must be true or false, not an empty text", { item: 1 }],
		]);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it.each<[OnError]>([['continueRegularOutput'], ['continueErrorOutput']])('with %s, a node-level error (no credential URL) gives one error item per input item', async (onError) => {
		const { main, errorOutput } = await run('delete', {}, [{ id: id(3) }, { id: id(4) }], {
			onError,
			credentials: { authentication: 'accessToken', baseUrl: 'not a url', token: 't' },
		});
		const items = onError === 'continueErrorOutput' ? errorOutput : main;

		// n8n adds the input item's fields to what goes to the error output.
		const shape = onError === 'continueErrorOutput' ? ['id', 'error'] : ['error'];
		expect(items.map((item) => [Object.keys(item.json), item.pairedItem])).toEqual([
			[shape, { item: 0 }],
			[shape, { item: 1 }],
		]);
		expect(String(items[0].json.error)).toMatch(/'Container Service URL'/);
		expect(json(onError === 'continueErrorOutput' ? main : errorOutput)).toEqual([]);
	});
});

describe('Container → Delete: a delete sent again finds what its first attempt deleted gone', () => {
	it('after a lost answer, the retry answers 716866; a Get confirms the container is gone: a success with alreadyGone', async () => {
		scnet.sandbox.addFault({ when: onRoute('delete'), times: 1, lose: true });
		const { main } = await run('delete', {}, [{ id: id(3) }], { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ id: id(3), deleted: true, alreadyGone: true, code: '0' })]);
		expect(deletes()).toHaveLength(2);
		expect(requestsOn('detail', scnet.sandbox)).toHaveLength(1);
		expect(scnet.sandbox.deletions.get(id(3))).toBe(1);
	});

	it('in a batch: the gone ones are confirmed one by one, the others deleted', async () => {
		scnet.sandbox.addFault({ when: onRoute('delete'), times: 1, lose: true });
		const { main } = await run('delete', { containerIds: `${id(3)},${id(4)}` }, [{}], { onError: 'continueRegularOutput' });

		expect(json(main).map((item) => [item.id, item.deleted, item.alreadyGone])).toEqual([
			[id(3), true, true],
			[id(4), true, true],
		]);
		expect(scnet.sandbox.containers.has(id(3)) || scnet.sandbox.containers.has(id(4))).toBe(false);
	});

	it('keeps the 716866 failure when the container still exists', async () => {
		scnet.sandbox.addFault({ when: onRoute('delete'), times: 1, delayMs: 600 });
		scnet.sandbox.failIds([id(3)], '716866');
		const { main } = await run('delete', { options: { timeout: 300 } }, [{ id: id(3) }], { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ id: id(3), deleted: false, code: '716866' })]);
		expect(main[0].json.alreadyGone).toBeUndefined();
		expect(scnet.sandbox.containers.has(id(3))).toBe(true);
	});

	it('without an earlier attempt, 716866 is a failure as before (no Get)', async () => {
		const { main } = await run('delete', {}, [{ id: 'ffffffffffffffffffffffffffffffff' }], { onError: 'continueRegularOutput' });

		expect(main[0].json).toMatchObject({ deleted: false, code: '716866' });
		expect(requestsOn('detail', scnet.sandbox)).toEqual([]);
	});

	it("n8n's Retry On Fail: containers an earlier try deleted are reported gone, not failed", async () => {
		scnet.sandbox.failIds([id(5)], '10001');
		// The first output item carries the error: n8n runs the node again.
		const { main, errorOutput, run: execution } = await run('delete', {}, [{ id: id(5) }, { id: id(3) }, { id: id(4) }], {
			onError: 'continueErrorOutput',
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 },
		});

		expect(json(main).map((item) => [item.id, item.deleted, item.alreadyGone])).toEqual([
			[id(3), true, true],
			[id(4), true, true],
		]);
		expect(execution.data.resultData.runData.SCNet).toHaveLength(1);
		expect(deletes().length).toBeGreaterThan(3);
		expect(errorOutput.map((item) => (item.json.error as IDataObject).id)).toEqual([id(5)]);
		expect(scnet.sandbox.deletions.get(id(3))).toBe(1);
		expect(scnet.sandbox.deletions.get(id(4))).toBe(1);
	});
});
