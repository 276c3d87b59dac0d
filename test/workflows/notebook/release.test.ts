import { AMBIGUOUS_FAULTS } from '../../harness/faults';
import { useSandbox } from '../../harness/fixtures';
import { byId, calls, FAILED, json, RUNNING, runNotebook, STOPPED } from './fixtures';

const scnet = useSandbox({ containers: 0 });
const releases = () => calls(scnet.sandbox, 'release');
const onRelease = (request: { route?: string }) => request.route === 'notebook.release';
const exists = (id: string) => scnet.sandbox.notebook.notebooks.has(id);
const UNKNOWN = 'ffffffffffffffffffffffffffffffff';
const MAY_HAVE_BEEN_RELEASED = 'The notebook may have been released: check with Get Many (or Get) before running the workflow again.';

describe('Notebook → Release', () => {
	it('releases the notebook with { id }, as SCNet takes it', async () => {
		const { main, error } = await runNotebook(scnet, 'release', { notebookId: byId(STOPPED) });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([{ id: STOPPED, released: true, code: '0', message: 'success' }]);
		expect(JSON.parse(releases()[0].body)).toEqual({ id: STOPPED });
		expect(exists(STOPPED)).toBe(false);
	});

	it('reports each item, released or not, and releases a notebook named twice once ("Continue")', async () => {
		scnet.sandbox.notebook.configure({ releaseRunning: false });
		const { main } = await runNotebook(scnet, 'release', { notebookId: '={{ $json.id }}' }, { items: [{ id: FAILED }, { id: RUNNING }, { id: UNKNOWN }, { id: FAILED }], onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([
			expect.objectContaining({ id: FAILED, released: true }),
			expect.objectContaining({ id: RUNNING, released: false, code: '10001' }),
			expect.objectContaining({ id: UNKNOWN, released: false, code: '10004', message: 'SCNet rejected the notebook ID as invalid' }),
			expect.objectContaining({ id: FAILED, released: true }),
		]);
		expect(releases().map((request) => JSON.parse(request.body).id)).toEqual([FAILED, RUNNING, UNKNOWN]);
		expect(exists(RUNNING)).toBe(true);
	});

	it('puts failures on the error output, the released ones on the main output', async () => {
		const { main, errorOutput } = await runNotebook(scnet, 'release', { notebookId: '={{ $json.id }}' }, { items: [{ id: UNKNOWN }, { id: STOPPED }], onError: 'continueErrorOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ id: STOPPED, released: true })]);
		expect(errorOutput).toEqual([{ json: expect.objectContaining({ error: expect.objectContaining({ id: UNKNOWN, released: false }) }), pairedItem: { item: 0 } }]);
	});

	it('with "Stop", reads every item before releasing any', async () => {
		const { error } = await runNotebook(scnet, 'release', { notebookId: '={{ $json.id }}' }, { items: [{ id: STOPPED }, { id: '={{ nope' }] });

		expect(error?.message).toMatch(/^Invalid notebook ID .* \[item 1\]$/);
		expect(scnet.sandbox.requests).toEqual([]);
		expect(exists(STOPPED)).toBe(true);
	});
});

describe('Notebook → Release: never twice (it cannot be undone)', () => {
	it.each(AMBIGUOUS_FAULTS)('after %s: exactly one POST, and the failure says it may have been released', async (_, fault, options, code) => {
		scnet.sandbox.addFault({ when: onRelease, ...fault });
		const { main } = await runNotebook(scnet, 'release', { notebookId: byId(STOPPED), options: { maxTries: 3, ...options } }, { onError: 'continueRegularOutput' });

		expect(releases()).toHaveLength(1);
		expect(json(main)).toEqual([expect.objectContaining({ id: STOPPED, released: false, code })]);
		expect(String(main[0].json.description).endsWith(MAY_HAVE_BEEN_RELEASED)).toBe(true);
	});

	it('after a lost answer (SCNet released it, the answer never came): one POST', async () => {
		scnet.sandbox.addFault({ when: onRelease, lose: true });
		const { main } = await runNotebook(scnet, 'release', { notebookId: byId(STOPPED), options: { maxTries: 3 } }, { onError: 'continueRegularOutput' });

		expect(releases()).toHaveLength(1);
		expect(exists(STOPPED)).toBe(false);
		expect(main[0].json).toMatchObject({ released: false, code: 'ECONNRESET' });
	});

	it("is not released again by n8n's Retry On Fail after a later item failed", async () => {
		const { main } = await runNotebook(scnet, 'release', { notebookId: '={{ $json.id }}' }, { items: [{ id: STOPPED }, { id: UNKNOWN }], settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 } });

		expect(main).toEqual([]);
		expect(releases().map((request) => JSON.parse(request.body).id)).toEqual([STOPPED, UNKNOWN]);
	});
});
