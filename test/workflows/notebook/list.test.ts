import { queryOf } from '../../harness/faults';
import { useSandbox } from '../../harness/fixtures';
import { calls, FAILED, json, RUNNING, runNotebook, STOPPED } from './fixtures';

const scnet = useSandbox({ containers: 0 });
const lists = () => calls(scnet.sandbox, 'list');
const passwords = () => [...scnet.sandbox.notebook.notebooks.values()].map((notebook) => notebook.sshPassword);
/** The sandbox's notebooks as the list orders them: newest first. */
const newestFirst = () => [...scnet.sandbox.notebook.notebooks.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));

describe('Notebook → Get Many', () => {
	it('outputs one item per notebook, with id, name and status, and never its SSH password', async () => {
		const { main, error } = await runNotebook(scnet, 'list', { returnAll: true });

		expect(error).toBeUndefined();
		expect(json(main).map(({ id, name, status }) => [id, name, status])).toEqual(newestFirst().map((notebook) => [notebook.id, notebook.notebookName, notebook.notebookStatus]));
		expect(main[0].json).toMatchObject({ notebookStatus: 'Failed', imagePath: expect.any(String), acceleratorType: 'DCU' });
		expect(main.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const output = JSON.stringify(main);
		expect(output).not.toContain('sshPassword');
		for (const password of passwords()) expect(output).not.toContain(password);
		expect(queryOf(lists()[0])).toEqual(new URLSearchParams({ page: '1', size: '50' }));
	});

	it('reads every page by number when SCNet caps its pages, each notebook once', async () => {
		for (let n = 0; n < 22; n++) scnet.sandbox.notebook.add();
		scnet.sandbox.notebook.configure({ pageCap: 10 });
		const { main } = await runNotebook(scnet, 'list', { returnAll: true });

		expect(json(main).map((notebook) => notebook.id)).toEqual(newestFirst().map((notebook) => notebook.id));
		// One request per page of SCNet's size, the windows overlapping (a notebook gone between two pages hides none).
		expect(lists().length).toBeLessThanOrEqual(5);
	});

	it('loses no notebook when one of the first page is released between two pages', async () => {
		for (let n = 0; n < 22; n++) scnet.sandbox.notebook.add();
		scnet.sandbox.notebook.configure({ pageCap: 10 });
		const [, victim] = newestFirst();
		let seen = 0;
		scnet.sandbox.addFault({
			when: (request) => {
				if (request.route === 'notebook.list' && ++seen === 2) scnet.sandbox.notebook.remove(victim.id);
				return false;
			},
		});
		const { main, error } = await runNotebook(scnet, 'list', { returnAll: true });

		expect(error).toBeUndefined();
		const listed = json(main).map((notebook) => notebook.id);
		// Every notebook that existed throughout the read is there, once; the released one may or may not be.
		expect(newestFirst().every((notebook) => listed.includes(notebook.id))).toBe(true);
		expect(new Set(listed).size).toBe(listed.length);
	});

	it.each([
		['data.list and the other field names', { listShape: 'list' as const, keys: 'alternative' as const }],
		['a bare array without a total', { listShape: 'array' as const }],
		['records without a total', { listTotal: false }],
	])('reads %s', async (_, settings) => {
		scnet.sandbox.notebook.configure(settings);
		const { main } = await runNotebook(scnet, 'list', { returnAll: true });

		expect(json(main).map(({ id, status }) => [id, status])).toEqual([
			[FAILED, 'Failed'],
			[STOPPED, 'Terminated'],
			[RUNNING, 'Running'],
		]);
	});

	it('sends one status and the name to SCNet, and checks both again itself: a server that ignores them cannot widen the list', async () => {
		scnet.sandbox.notebook.add({ notebookName: 'probe-a', notebookStatus: 'Terminated' });
		scnet.sandbox.notebook.add({ notebookName: 'probe-b', notebookStatus: 'Running' });
		const everything = { body: { code: '0', msg: 'success', data: { total: 5, records: newestFirst().map((notebook) => ({ id: notebook.id, notebookName: notebook.notebookName, notebookStatus: notebook.notebookStatus })) } } };
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.list', respond: everything });
		const { main } = await runNotebook(scnet, 'list', { returnAll: true, filters: { name: 'probe', status: ['Terminated'] } });

		expect(json(main).map((notebook) => notebook.name)).toEqual(['probe-a']);
		expect(queryOf(lists()[0]).get('notebookName')).toBe('probe');
		expect(queryOf(lists()[0]).get('notebookStatus')).toBe('Terminated');
	});

	it('filters by several statuses itself (SCNet takes one), and stops at the limit', async () => {
		const { main } = await runNotebook(scnet, 'list', { returnAll: false, limit: 1, filters: { status: 'Running,Failed' } });

		expect(json(main).map((notebook) => notebook.id)).toEqual([FAILED]);
		expect(queryOf(lists()[0]).get('notebookStatus')).toBeNull();
	});

	it.each([
		['records: [] with a total of 3 (a glitch)', { code: '0', msg: 'success', data: { records: [], total: 3 } }, /^The notebook list could not be read completely: the page at 0 was empty/],
		['entries without an ID', { code: '0', msg: 'success', data: { records: [{ notebookName: 'x', notebookStatus: 'Running' }], total: 1 } }, /1 of its entries had no ID/],
		['an object without a list', { code: '0', msg: 'success', data: { count: 3 } }, /^SCNet answered the notebook list with an object without a list/],
	])('fails on %s instead of giving part of the account', async (_, body, message) => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.list', respond: { body } });
		const stopped = await runNotebook(scnet, 'list', { returnAll: true });
		const continued = await runNotebook(scnet, 'list', { returnAll: true }, { items: [{}, {}], onError: 'continueRegularOutput' });

		expect(stopped.error?.message).toMatch(message);
		expect(stopped.main).toEqual([]);
		expect(continued.main).toEqual([{ json: expect.objectContaining({ code: expect.any(String), message: expect.stringMatching(message) }), pairedItem: { item: 0 } }]);
	});

	it("fails when SCNet ignores 'page' rather than take the first page for the account", async () => {
		for (let n = 0; n < 12; n++) scnet.sandbox.notebook.add();
		scnet.sandbox.notebook.configure({ pageCap: 5 });
		const first = newestFirst().slice(0, 5).map((notebook) => ({ id: notebook.id, notebookStatus: notebook.notebookStatus }));
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.list', respond: { body: { code: '0', msg: 'success', data: { total: 15, records: first } } } });
		const { error } = await runNotebook(scnet, 'list', { returnAll: true });

		expect(error?.message).toMatch(/^The notebook list could not be read completely: page 2 began as the first page: SCNet seems to ignore 'page'/);
	});

	it('refuses a status it does not know before any request', async () => {
		const { error } = await runNotebook(scnet, 'list', { returnAll: true, filters: { status: '={{ "Running, Stopped" }}' } });

		expect(error?.message).toBe("'Status' must be none or some of Creating, Restarting, Running, Terminated, Failed, Shutting, not 'Stopped'");
		expect(scnet.sandbox.requests).toEqual([]);
	});
});
