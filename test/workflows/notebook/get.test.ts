import { SCNET_ERROR_CODES } from '../../../nodes/shared/transport/errorCodes';
import { queryOf } from '../../harness/faults';
import { useSandbox } from '../../harness/fixtures';
import { byId, calls, json, RUNNING, runNotebook, STOPPED } from './fixtures';

const scnet = useSandbox({ containers: 0 });
const UNKNOWN = 'ffffffffffffffffffffffffffffffff';

describe('Notebook → Get', () => {
	it('outputs the detail with id, name and status, without its SSH password', async () => {
		const { main, error } = await runNotebook(scnet, 'get', { notebookId: byId(RUNNING) });

		expect(error).toBeUndefined();
		const notebook = scnet.sandbox.notebook.notebooks.get(RUNNING);
		expect(json(main)).toEqual([expect.objectContaining({ id: RUNNING, name: notebook?.notebookName, status: 'Running', notebookStatus: 'Running', taskId: notebook?.taskId })]);
		expect(main[0].json.sshPassword).toBeUndefined();
		expect(JSON.stringify(main)).not.toContain(String(notebook?.sshPassword));
		expect(queryOf(calls(scnet.sandbox, 'detail')[0]).get('notebookId')).toBe(RUNNING);
	});

	it('reads the ID an expression gives, one item after the other, each paired to its input', async () => {
		const { main } = await runNotebook(scnet, 'get', { notebookId: '={{ $json.id }}' }, { items: [{ id: STOPPED }, { id: RUNNING }] });

		expect(main.map((item) => [item.json.id, item.json.status, item.pairedItem])).toEqual([
			[STOPPED, 'Terminated', { item: 0 }],
			[RUNNING, 'Running', { item: 1 }],
		]);
	});

	it('reports an unknown notebook in notebook words, and gets the others ("Continue")', async () => {
		const { main } = await runNotebook(scnet, 'get', { notebookId: '={{ $json.id }}' }, { items: [{ id: UNKNOWN }, { id: RUNNING }], onError: 'continueRegularOutput' });

		expect(json(main)[0]).toEqual({
			id: UNKNOWN,
			code: '10004',
			message: 'SCNet rejected the notebook ID as invalid',
			description: expect.stringMatching(/^The notebook may not exist/),
		});
		expect(json(main)[1]).toMatchObject({ id: RUNNING, status: 'Running' });
	});

	it('puts the failure on the error output with "Continue (using error output)", naming the notebook and the item', async () => {
		const { main, errorOutput } = await runNotebook(scnet, 'get', { notebookId: '={{ $json.id }}' }, { items: [{ id: RUNNING }, { id: UNKNOWN }], onError: 'continueErrorOutput' });

		expect(json(main).map((notebook) => notebook.id)).toEqual([RUNNING]);
		expect(errorOutput).toEqual([
			{
				json: expect.objectContaining({ id: UNKNOWN, error: expect.objectContaining({ code: '10004' }), message: `SCNet rejected the notebook ID as invalid (notebook '${UNKNOWN}', code 10004) [item 1]` }),
				pairedItem: { item: 1 },
			},
		]);
	});

	it('fails with NOTEBOOK_NOT_FOUND when SCNet answers success without a notebook', async () => {
		scnet.sandbox.notebook.configure({ missingNotebook: 'null' });
		const { error } = await runNotebook(scnet, 'get', { notebookId: byId(UNKNOWN) });

		expect(error?.message).toBe(`SCNet returned no notebook for this ID (notebook '${UNKNOWN}', code NOTEBOOK_NOT_FOUND) [item 0]`);
	});

	it.each([
		['an expression that gives an empty text', '={{ "  " }}', 'NO_NOTEBOOK_ID', "No notebook ID in 'Notebook' [item 0]"],
		['an expression that gives nothing', '={{ $json.missing }}', 'NO_NOTEBOOK_ID', "No notebook ID in 'Notebook' [item 0]"],
		['a text that is not one ID', '={{ "a1, b2" }}', 'INVALID_NOTEBOOK_ID', "Invalid notebook ID 'a1, b2': only letters, digits, '-' and '_' are allowed [item 0]"],
		['a list of two IDs', '={{ ["a1", "b2"] }}', 'INVALID_NOTEBOOK_ID', 'Invalid notebook ID a list of 2 IDs: give one notebook ID per item [item 0]'],
	])('sends nothing for %s', async (_, notebookId, code, message) => {
		const { main } = await runNotebook(scnet, 'get', { notebookId }, { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ code, message })]);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('words a token refused by both tokens it may try as SCNet does', async () => {
		const { main } = await runNotebook(scnet, 'get', { notebookId: byId(RUNNING) }, { credentials: { authentication: 'accessToken', baseUrl: scnet.sandbox.url, centerUrl: scnet.sandbox.url, token: 'not-the-token' }, onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ id: RUNNING, code: '10008', message: SCNET_ERROR_CODES['10008'].message })]);
	});
});
