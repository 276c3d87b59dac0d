import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { MAX_LOOKUPS_PER_POLL } from '../../../nodes/ScnetTrigger/missing';
import { notebookToken, RUNNING, STOPPED, FAILED } from '../notebook/fixtures';
import { useSandbox } from '../../harness/fixtures';
import { pollingTrigger } from '../../harness/polling';

const scnet = useSandbox({ containers: 0 });
const emitted = (output: INodeExecutionData[][] | null) => (output ? output[0].map((item) => item.json) : []);
const changes = (output: INodeExecutionData[][] | null) => emitted(output).map((change) => [change.id, change.previousStatus, change.status]);
const seenIds = (staticData: IDataObject) => Object.keys((staticData.notebooks as { seen: object }).seen).sort();
const notebookTrigger = (extra: IDataObject = {}) => pollingTrigger(notebookToken(scnet.sandbox), { event: 'notebookStatusChanged', ...extra });
const onList = (request: { route?: string }) => request.route === 'notebook.list';
const details = () => scnet.sandbox.requests.filter((request) => request.route === 'notebook.detail');
/** Every list call answers the account without `hidden`, complete in itself (its total agrees). */
const listWithout = (hidden: string) => {
	const records = [...scnet.sandbox.notebook.notebooks.values()].filter((notebook) => notebook.id !== hidden).map(({ id, notebookName, notebookStatus }) => ({ id, notebookName, notebookStatus }));
	scnet.sandbox.addFault({ when: onList, times: 1, respond: { body: { code: '0', msg: 'success', data: { total: records.length, records } } } });
};

describe('SCNet Trigger: Notebook Status Changed', () => {
	it('records on the first poll, then emits a status change once, as the notebook is now, without its SSH password', async () => {
		const trigger = notebookTrigger();
		expect(await trigger.poll()).toBeNull();
		expect(seenIds(trigger.staticData)).toEqual([RUNNING, STOPPED, FAILED].sort());

		scnet.sandbox.notebook.setStatus(RUNNING, 'Shutting');
		const output = await trigger.poll();

		expect(changes(output)).toEqual([[RUNNING, 'Running', 'Shutting']]);
		expect(emitted(output)[0]).toMatchObject({ name: expect.any(String), notebookStatus: 'Shutting', imagePath: expect.any(String) });
		expect(JSON.stringify(output)).not.toContain(String(scnet.sandbox.notebook.notebooks.get(RUNNING)?.sshPassword));
		expect(emitted(output)[0].sshPassword).toBeUndefined();
		expect(await trigger.poll()).toBeNull();
	});

	it('emits a notebook that appeared since the last poll once, with previousStatus null', async () => {
		const trigger = notebookTrigger();
		await trigger.poll();
		const added = scnet.sandbox.notebook.add({ notebookStatus: 'Creating' });

		expect(changes(await trigger.poll())).toEqual([[added.id, null, 'Creating']]);
		expect(await trigger.poll()).toBeNull();
	});

	it('emits only changes to the chosen statuses, and never a change that did not happen', async () => {
		const trigger = notebookTrigger({ statuses: ['Terminated'] });
		await trigger.poll();
		scnet.sandbox.notebook.setStatus(RUNNING, 'Shutting');
		expect(await trigger.poll()).toBeNull();

		scnet.sandbox.notebook.setStatus(RUNNING, 'Terminated');
		scnet.sandbox.notebook.setStatus(STOPPED, 'Restarting');
		expect(changes(await trigger.poll())).toEqual([[RUNNING, 'Shutting', 'Terminated']]);
		expect(await trigger.poll()).toBeNull();
	});

	it.each([
		['records: [] with a total of 3 (a glitch)', { body: { code: '0', msg: 'success', data: { records: [], total: 3 } } }, 1, /^The notebook list could not be read completely/],
		['entries without an ID', { body: { code: '0', msg: 'success', data: { records: [{ notebookName: 'x', notebookStatus: 'Running' }], total: 1 } } }, 1, /1 of its entries had no ID/],
		['HTTP 503, after the retries', { status: 503, body: '<html>busy</html>' }, 3, /HTTP 503/],
	])('fails the poll on %s: nothing emitted, nothing recorded, and the next good poll catches up once', async (_, respond, times, message) => {
		const trigger = notebookTrigger();
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		scnet.sandbox.notebook.setStatus(STOPPED, 'Restarting');
		scnet.sandbox.addFault({ when: onList, times, respond });

		await expect(trigger.poll()).rejects.toThrow(message);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		expect(changes(await trigger.poll())).toEqual([[STOPPED, 'Terminated', 'Restarting']]);
		expect(await trigger.poll()).toBeNull();
	});

	it('keeps a notebook a listing missed while a Get still finds it, and reports the change the Get shows', async () => {
		const trigger = notebookTrigger();
		await trigger.poll();
		scnet.sandbox.notebook.setStatus(STOPPED, 'Restarting');
		listWithout(STOPPED);

		expect(changes(await trigger.poll())).toEqual([[STOPPED, 'Terminated', 'Restarting']]);
		expect(details().length).toBe(1);
		expect(seenIds(trigger.staticData)).toContain(STOPPED);
		expect(await trigger.poll()).toBeNull();
	});

	it('keeps a vanished notebook while its Get fails, and reports it Released once a Get says it is gone', async () => {
		const trigger = notebookTrigger();
		await trigger.poll();
		scnet.sandbox.notebook.remove(FAILED);
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.detail', times: 3, respond: { status: 503, body: '<html>busy</html>' } });

		expect(await trigger.poll()).toBeNull();
		expect(seenIds(trigger.staticData)).toContain(FAILED);
		expect(changes(await trigger.poll())).toEqual([[FAILED, 'Failed', 'Released']]);
		expect(seenIds(trigger.staticData)).not.toContain(FAILED);
		expect(await trigger.poll()).toBeNull();
	});

	it(`looks up at most ${MAX_LOOKUPS_PER_POLL} vanished notebooks a poll, and reports the others later, never wrongly`, async () => {
		const added = Array.from({ length: MAX_LOOKUPS_PER_POLL + 2 }, () => scnet.sandbox.notebook.add());
		const trigger = notebookTrigger({ statuses: ['Released'] });
		await trigger.poll();
		for (const notebook of added) scnet.sandbox.notebook.remove(notebook.id);

		expect(emitted(await trigger.poll())).toHaveLength(MAX_LOOKUPS_PER_POLL);
		expect(emitted(await trigger.poll())).toHaveLength(2);
		expect(await trigger.poll()).toBeNull();
	});

	it('starts afresh when the credential reaches another account or address, rather than report the difference', async () => {
		const trigger = notebookTrigger();
		await trigger.poll();
		(trigger.staticData.notebooks as IDataObject).scope = 'another-account';
		scnet.sandbox.notebook.setStatus(RUNNING, 'Shutting');

		expect(await trigger.poll()).toBeNull();
		expect(changes(await trigger.poll())).toEqual([]);
	});
});

describe('SCNet Trigger: Notebook Status Changed, test runs', () => {
	it('hands on only notebooks in the chosen statuses, shaped as the event', async () => {
		const output = await notebookTrigger({ statuses: ['Terminated'] }).poll('manual');

		expect(emitted(output).map((notebook) => [notebook.id, notebook.previousStatus, notebook.status])).toEqual([[STOPPED, 'Terminated', 'Terminated']]);
		expect(JSON.stringify(output)).not.toContain('sshPassword');
	});

	it('says so when none matches, and records nothing', async () => {
		const trigger = notebookTrigger({ statuses: 'Creating' });

		await expect(trigger.poll('manual')).rejects.toThrow('No notebook matches the event now: none of the 3 listed is in Creating');
		expect(trigger.staticData.notebooks).toBeUndefined();
	});

	it('refuses a status it does not know, in a test run and in a poll, before any request', async () => {
		const trigger = notebookTrigger({ statuses: '={{ "Running, Stopped" }}' });
		const message = "'Statuses' must be none or some of Creating, Restarting, Running, Terminated, Failed, Shutting, Released, not 'Stopped'";

		await expect(trigger.poll('manual')).rejects.toThrow(message);
		await expect(trigger.poll()).rejects.toThrow(message);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});
