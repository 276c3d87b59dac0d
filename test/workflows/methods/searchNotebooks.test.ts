import type { SandboxNotebook } from '../../../sandbox/notebook/store';
import { useSandbox } from '../../harness/fixtures';
import { lookupsOn, scrollToEnd } from '../../harness/lookups';
import { notebookToken } from '../notebook/fixtures';

const scnet = useSandbox({ containers: 0, notebooks: 0 });
const lookups = lookupsOn(scnet);
const lists = () => scnet.sandbox.requests.filter((request) => request.route === 'notebook.list');
const newestFirst = () => [...scnet.sandbox.notebook.notebooks.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));
const asResult = ({ id, notebookName, notebookStatus }: SandboxNotebook) => ({ name: `${notebookName} (${notebookStatus})`, value: id });

/** What the 'Notebook' picker of Get shows for `filter`. */
const search = (filter?: string, paginationToken?: string) =>
	lookups.listSearch('searchNotebooks', { parameters: { resource: 'notebook', operation: 'get' }, path: 'parameters.notebookId', filter, paginationToken, credentials: notebookToken(scnet.sandbox) });

const scroll = (filter?: string) => scrollToEnd(search, filter);

describe('Notebook picker (listSearch searchNotebooks)', () => {
	beforeEach(() => {
		for (let n = 0; n < 60; n++) scnet.sandbox.notebook.add({ notebookName: `nb-${String(n).padStart(2, '0')}`, notebookStatus: n % 3 === 0 ? 'Terminated' : 'Running' });
	});

	it('offers the notebooks by name and status, with their ID as value, and the next page number as token', async () => {
		const { result } = await search();

		expect(result).toEqual({ results: newestFirst().slice(0, 50).map(asResult), paginationToken: '2' });
		expect(new URL(lists()[0].url, scnet.sandbox.url).searchParams.get('page')).toBe('1');
	});

	it('pages through every notebook when SCNet caps its pages, and ends', async () => {
		scnet.sandbox.notebook.configure({ pageCap: 25 });
		const { results, tokens } = await scroll();

		expect(results).toEqual(newestFirst().map(asResult));
		// The short last page does not tell SCNet's page size: one more, empty, page ends it.
		expect(tokens).toEqual(['2', '3', '4', undefined]);
	});

	it('narrows to the typed text (name, ID or status), reading on past pages without a match', async () => {
		scnet.sandbox.notebook.configure({ pageCap: 10 });
		const wanted = newestFirst()[35];
		const { result } = await search(wanted.notebookName);

		expect(result.results).toEqual([asResult(wanted)]);
		expect(lists().length).toBe(4);
	});

	it('says what SCNet answered when the list fails', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.list', respond: { body: { code: '10001', msg: 'internal' } } });

		await expect(search()).rejects.toThrow('SCNet reported an internal error (code 10001)');
	});
});
