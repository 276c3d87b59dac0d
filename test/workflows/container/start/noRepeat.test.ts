import type { IDataObject } from 'n8n-workflow';

import { containerId } from '../../../../sandbox/containers';
import { AMBIGUOUS_FAULTS, oneItemRun, onRoute, requestsOn } from '../../../harness/faults';
import { useSandbox } from '../../../harness/fixtures';
import { queryOf } from '../../../harness/faults';
import { json } from '../../../harness/items';

const scnet = useSandbox({ containers: 12 });
const id = containerId;
const MAY_HAVE_RESTARTED = 'The container may have been restarted: check its status with Get before running the workflow again.';
const restarts = () => requestsOn('restart', scnet.sandbox);
const BY_EXPRESSION = { containerId: '={{ $json.id }}' };
// Seeded container 3 is Terminated, 4 Failed, 5 Completed.
const run = oneItemRun(scnet, 'start', { id: id(3) }, BY_EXPRESSION);

describe('Container → Start: a restart is never sent twice', () => {
	it.each(AMBIGUOUS_FAULTS)('after %s: exactly one restart, and the failure says it may have happened', async (_, fault, options, code) => {
		scnet.sandbox.addFault({ when: onRoute('restart'), ...fault });
		const { main } = await run({ options });

		expect(restarts()).toHaveLength(1);
		expect(main[0].json).toMatchObject({ id: id(3), started: false, code });
		expect(String(main[0].json.description).endsWith(MAY_HAVE_RESTARTED)).toBe(true);
	});

	it('restarts a container listed by several items once; each item gets its outcome', async () => {
		const { main } = await scnet.run({ operation: 'start', items: [{ id: id(3) }, { id: id(4) }, { id: id(3) }], parameters: BY_EXPRESSION });

		expect(main.map((item) => [item.json.id, item.json.started, item.pairedItem])).toEqual([
			[id(3), true, { item: 0 }],
			[id(4), true, { item: 1 }],
			[id(3), true, { item: 2 }],
		]);
		expect(restarts().map((request) => queryOf(request).get('instanceServiceId'))).toEqual([id(3), id(4)]);
	});
});

/*
 * n8n's Retry On Fail runs the whole node again when its first output item carries an error
 * ("Continue (using error output)") or when it throws ("Stop"): the items an earlier try created,
 * restarted or ran a script for must not be sent again.
 */
describe("n8n's Retry On Fail never repeats what an earlier try did", () => {
	const retry = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };
	const image = { __rl: true, mode: 'list', value: '10.0.35.26:5000/gpu/admin/base/jupyter:4.4-py3.7-cpu' };

	it('Create: three items, the first refused, error output, 3 tries: each good container is created once', async () => {
		const { main, errorOutput, run: execution } = await scnet.run({
			operation: 'create',
			items: [{ name: 'first', group: 'NoSuchGroup' }, { name: 'second' }, { name: 'third' }],
			parameters: { name: '={{ $json.name }}', resourceGroup: '={{ $json.group ?? "TeslaM40" }}', imagePath: image },
			onError: 'continueErrorOutput',
			settings: retry,
		});
		const created = requestsOn('create', scnet.sandbox).map((request) => (JSON.parse(request.body) as IDataObject).instanceServiceName);

		// The refused create is sent again (SCNet certainly did not create it); the others never.
		expect(created.filter((name) => name !== 'first')).toEqual(['second', 'third']);
		expect(json(main).map((item) => [item.name, item.created])).toEqual([
			['second', true],
			['third', true],
		]);
		expect(errorOutput).toHaveLength(1);
		expect(execution.data.resultData.runData.SCNet).toHaveLength(1);
	});

	it('Create: "Stop" after a failure on the second item: the first is not created again on the next try', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'create' && request.body.includes('"second"'), drop: true });
		const { error } = await scnet.run({
			operation: 'create',
			items: [{ name: 'first' }, { name: 'second' }],
			parameters: { name: '={{ $json.name }}', resourceGroup: 'TeslaM40', imagePath: image },
			settings: retry,
		});
		const created = requestsOn('create', scnet.sandbox).map((request) => (JSON.parse(request.body) as IDataObject).instanceServiceName);

		expect(error?.message).toMatch(/ECONNRESET|reset/);
		expect(created).toEqual(['first', 'second']);
	});

	it('Execute Script: a script that ran is not run again by a later try', async () => {
		const { errorOutput } = await scnet.run({
			operation: 'executeScript',
			items: [{ id: 'not an id!' }, { id: id(0) }],
			parameters: { ...BY_EXPRESSION, script: 'nvidia-smi' },
			onError: 'continueErrorOutput',
			settings: retry,
		});

		expect(errorOutput).toHaveLength(1);
		expect(scnet.sandbox.scriptRuns).toHaveLength(1);
	});

	it('Start: a container restarted by an earlier try is not restarted again', async () => {
		const { main, errorOutput } = await scnet.run({
			operation: 'start',
			items: [{ id: 'ffffffffffffffffffffffffffffffff' }, { id: id(3) }],
			parameters: BY_EXPRESSION,
			onError: 'continueErrorOutput',
			settings: retry,
		});

		expect(errorOutput).toHaveLength(1);
		expect(json(main)).toEqual([expect.objectContaining({ id: id(3), started: true })]);
		expect(restarts().filter((request) => queryOf(request).get('instanceServiceId') === id(3))).toHaveLength(1);
	});
});

describe('values that decide what is restarted or run are read strictly', () => {
	it("Start refuses a 'Wait Until Running' it cannot read, before any request", async () => {
		const { error } = await scnet.run({ operation: 'start', items: [{ id: id(3) }], parameters: { ...BY_EXPRESSION, options: { waitUntilRunning: '={{ "maybe" }}' } } });

		expect(error?.message).toBe("'Wait Until Running' must be true or false, not 'maybe'");
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it("Execute Script refuses a 'Run In' it does not know, before any request", async () => {
		const { error } = await scnet.run({ operation: 'executeScript', items: [{ id: id(0) }], parameters: { ...BY_EXPRESSION, script: 'ls', scope: '={{ "everywhere" }}' } });

		expect(error?.message).toBe("'Run In' must be one of all, header, not 'everywhere'");
		expect(scnet.sandbox.scriptRuns).toEqual([]);
	});
});
