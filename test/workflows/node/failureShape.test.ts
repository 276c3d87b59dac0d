import type { IDataObject } from 'n8n-workflow';

import { containerId } from '../../../sandbox/containers';
import { onRoute, requestsOn } from '../../harness/faults';
import { UNKNOWN_CONTAINER_ID, useSandbox } from '../../harness/fixtures';
import { json } from '../../harness/items';

/*
 * Version 3: every failure item of every operation carries one `error` object (code, message,
 * description), absent on successes, beside the operation's own flag. Versions 1 and 2 keep the
 * flat shape saved workflows read.
 */
const scnet = useSandbox({ containers: 12 });
const id = containerId;
const v3 = { typeVersion: 3 } as const;
const errorObject = (code: string) => ({ code, message: expect.any(String), description: expect.any(String) });

describe('Version 3: one failure shape', () => {
	it('Delete: the refused ID has an error object and no flat code; the deleted one has no error', async () => {
		const { main } = await scnet.run({ ...v3, operation: 'delete', items: [{}], parameters: { containerIds: `${id(1)}, no/such-id` }, onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([
			expect.objectContaining({ id: id(1), deleted: true }),
			expect.objectContaining({ id: 'no/such-id', deleted: false, error: errorObject('INVALID_CONTAINER_ID') }),
		]);
		expect(main[0].json).not.toHaveProperty('error');
		expect(main[1].json).not.toHaveProperty('description');
		expect(main[1].json).not.toHaveProperty('message');
	});

	it("Get of a container SCNet does not know: the error object carries SCNet's code and the remedy", async () => {
		const { main } = await scnet.run({ ...v3, operation: 'get', items: [{}], parameters: { containerId: UNKNOWN_CONTAINER_ID }, onError: 'continueRegularOutput' });

		expect(main).toHaveLength(1);
		const { error } = main[0].json as { error: IDataObject };
		expect(error).toEqual(errorObject(String(error.code)));
		expect(error.code).not.toBe('0');
		expect(String(error.description)).not.toBe('');
	});

	it('Get Many whose listing fails: its one item has the error object', async () => {
		scnet.sandbox.addFault({ when: onRoute('list'), respond: { body: { code: '10001', msg: 'system busy', data: null } } });

		const { main } = await scnet.run({ ...v3, operation: 'list', items: [{}], onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ error: errorObject('10001') })]);
	});

	it('an option the node refuses (thrown before any request): the same error object, code INVALID_INPUT', async () => {
		const { main } = await scnet.run({
			...v3,
			operation: 'delete',
			items: [{}],
			parameters: { containerIds: id(1), options: { batchSize: '=many' } },
			onError: 'continueRegularOutput',
		});

		expect(json(main)).toEqual([{ error: { code: 'INVALID_INPUT', message: expect.stringContaining("'IDs per Request'"), description: expect.stringContaining("'many'") } }]);
		expect(requestsOn('delete', scnet.sandbox)).toEqual([]);
	});

	it('error output: n8n routes the failure there, its fields and the error object flattened under `error`', async () => {
		const { main, errorOutput } = await scnet.run({ ...v3, operation: 'delete', items: [{}], parameters: { containerIds: `${id(1)}, no/such-id` }, onError: 'continueErrorOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ id: id(1), deleted: true })]);
		expect(json(errorOutput)).toEqual([
			{ error: expect.objectContaining({ id: 'no/such-id', deleted: false, code: 'INVALID_CONTAINER_ID', description: expect.any(String) }), message: expect.stringContaining('no/such-id') },
		]);
	});

	it('version 1 keeps the flat shape', async () => {
		const { main } = await scnet.run({ operation: 'delete', items: [{}], parameters: { containerIds: `${id(1)}, no/such-id` }, onError: 'continueRegularOutput' });

		expect(main[1].json).toMatchObject({ id: 'no/such-id', deleted: false, code: 'INVALID_CONTAINER_ID' });
		expect(main[1].json).not.toHaveProperty('error');
	});
});

describe('As an AI agent tool, every outcome reaches the model, whatever On Error says', () => {
	it.each(['stop', 'continueErrorOutput'] as const)('On Error %s: both the deleted and the refused container are on the main output', async (onError) => {
		const { main, errorOutput, error } = await scnet.run({
			...v3,
			asTool: true,
			operation: 'delete',
			items: [{}],
			parameters: { containerIds: `${id(1)}, no/such-id` },
			...(onError === 'stop' ? {} : { onError }),
		});

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(json(main).map((item) => [item.id, item.deleted, (item.error as IDataObject | undefined)?.code])).toEqual([
			[id(1), true, undefined],
			['no/such-id', false, 'INVALID_CONTAINER_ID'],
		]);
		expect(scnet.sandbox.containers.has(id(1))).toBe(false);
	});

	it('a value the node cannot read comes back as an error item naming the parameter, nothing sent', async () => {
		const { main, error } = await scnet.run({ ...v3, asTool: true, operation: 'delete', items: [{}], parameters: { containerIds: id(1), preview: '=maybe' } });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([{ error: expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining("'Preview'") }) }]);
		expect(requestsOn('delete', scnet.sandbox)).toEqual([]);
	});

	it('outside tool mode, On Error Stop still stops the workflow at the refused container', async () => {
		const { error } = await scnet.run({ ...v3, operation: 'delete', items: [{}], parameters: { containerIds: `${id(1)}, no/such-id` } });

		expect(error?.message).toContain('no/such-id');
	});
});

describe("n8n's Retry On Fail with version 3's error objects", () => {
	const retry = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

	it('Start: the first item fails (its error object makes n8n try again); no restart is sent twice', async () => {
		// Seeded container 3 is Terminated and 4 Failed: both may be restarted. SCNet refuses the first restart.
		scnet.sandbox.addFault({ when: (request) => request.route === 'restart' && request.url.includes(id(3)), respond: { body: { code: '10001', msg: 'system busy', data: null } } });

		const { main, run } = await scnet.run({
			...v3,
			operation: 'start',
			items: [{ id: id(3) }, { id: id(4) }],
			parameters: { containerId: '={{ $json.id }}' },
			onError: 'continueRegularOutput',
			settings: retry,
		});
		const restarted = requestsOn('restart', scnet.sandbox).map((request) => new URL(request.url, 'http://sandbox').searchParams.get('instanceServiceId'));

		// n8n ran the node 3 times; SCNet answered both restarts (an internal error may have restarted it): each was sent once.
		expect(restarted).toEqual([id(3), id(4)]);
		expect(main.map((item) => [item.json.id, item.json.started, (item.json.error as IDataObject | undefined)?.code])).toEqual([
			[id(3), false, '10001'],
			[id(4), true, undefined],
		]);
		expect(run.data.resultData.runData.SCNet).toHaveLength(1);
	});
});
