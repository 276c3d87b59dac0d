import { AMBIGUOUS_FAULTS } from '../../harness/faults';
import { useSandbox } from '../../harness/fixtures';
import { byId, calls, FAILED, json, RUNNING, runNotebook, STOPPED } from './fixtures';

const scnet = useSandbox({ containers: 0 });
const starts = () => calls(scnet.sandbox, 'start');
const onStart = (request: { route?: string }) => request.route === 'notebook.start';
const statusOf = (id: string) => scnet.sandbox.notebook.notebooks.get(id)?.notebookStatus;
const WAIT = { waitUntilDone: true, pollInterval: 0.1 };
const MAY_HAVE_STARTED = 'The notebook may have been started: check its status with Get before running the workflow again.';

describe('Notebook → Start', () => {
	it('starts a stopped notebook and outputs the status it is in right after (Restarting)', async () => {
		const { main, error } = await runNotebook(scnet, 'start', { notebookId: byId(STOPPED) });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([{ id: STOPPED, started: true, code: '0', message: 'success', status: 'Restarting' }]);
		expect(JSON.parse(starts()[0].body)).toEqual({ notebookId: STOPPED });
	});

	it("with 'Wait Until Done', waits until it runs and outputs Running", async () => {
		scnet.sandbox.notebook.configure({ startDelayMs: 200 });
		const { main } = await runNotebook(scnet, 'start', { notebookId: byId(STOPPED), options: WAIT });

		expect(json(main)).toEqual([{ id: STOPPED, started: true, code: '0', message: 'success', status: 'Running' }]);
		expect(calls(scnet.sandbox, 'detail').length).toBeGreaterThan(1);
	});

	it("gives up after 'Wait Timeout' with WAIT_TIMEOUT and the last status; the notebook is left as it is", async () => {
		scnet.sandbox.notebook.configure({ startDelayMs: 60_000 });
		const started = Date.now();
		const { main } = await runNotebook(scnet, 'start', { notebookId: byId(STOPPED), options: { ...WAIT, waitTimeout: 1 } }, { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([
			{
				id: STOPPED,
				started: true,
				code: 'WAIT_TIMEOUT',
				message: "The notebook was not running after 1 s (status 'Restarting')",
				description: expect.stringMatching(/^It was left as it is/),
				status: 'Restarting',
			},
		]);
		expect(Date.now() - started).toBeLessThan(5000);
		expect(statusOf(STOPPED)).toBe('Restarting');
	});

	it('fails the item, still started, when the notebook ends Failed instead of running', async () => {
		scnet.sandbox.notebook.configure({ startDelayMs: 60_000 });
		// SCNet moves it to Failed while it starts (an image that can no longer be pulled), after the first look saw it Restarting.
		let looks = 0;
		scnet.sandbox.addFault({
			when: (request) => {
				if (request.route === 'notebook.detail' && ++looks === 2) scnet.sandbox.notebook.setStatus(STOPPED, 'Failed');
				return false;
			},
		});
		const { errorOutput } = await runNotebook(scnet, 'start', { notebookId: byId(STOPPED), options: WAIT }, { onError: 'continueErrorOutput' });

		expect(errorOutput[0].json).toMatchObject({
			error: { id: STOPPED, started: true, code: 'NOTEBOOK_NOT_RUNNING', status: 'Failed' },
			message: `The notebook ended as 'Failed' instead of running (notebook '${STOPPED}', code NOTEBOOK_NOT_RUNNING) [item 0]`,
		});
	});

	it('starts a notebook named by several items once, and gives each item its outcome', async () => {
		const { main } = await runNotebook(scnet, 'start', { notebookId: '={{ $json.id }}' }, { items: [{ id: STOPPED }, { id: FAILED }, { id: STOPPED }] });

		expect(starts().map((request) => JSON.parse(request.body).notebookId)).toEqual([STOPPED, FAILED]);
		expect(main.map((item) => [item.json.id, item.json.started, item.pairedItem])).toEqual([
			[STOPPED, true, { item: 0 }],
			[FAILED, true, { item: 1 }],
			[STOPPED, true, { item: 2 }],
		]);
	});

	it.each([
		["'false' from an expression", '={{ "false" }}', 1],
		["'true' from an expression", '={{ "TRUE" }}', 3],
	])("reads 'Wait Until Done' as %s", async (_, waitUntilDone, atLeast) => {
		scnet.sandbox.notebook.configure({ startDelayMs: 150 });
		const { main } = await runNotebook(scnet, 'start', { notebookId: byId(STOPPED), options: { waitUntilDone, pollInterval: 0.1 } });

		expect(main[0].json.status).toBe(atLeast === 1 ? 'Restarting' : 'Running');
		expect(calls(scnet.sandbox, 'detail').length).toBeGreaterThanOrEqual(atLeast);
	});

	it.each([
		["'Wait Until Done' as a word", { options: { waitUntilDone: '={{ "maybe" }}' } }, "'Wait Until Done' must be true or false, not 'maybe'"],
		["a 'Wait Timeout' of text", { options: { waitUntilDone: true, waitTimeout: '={{ "ten" }}' } }, "The option 'Wait Timeout' must be a whole number from 1 to 86400"],
	])('sends nothing for %s', async (_, extra, message) => {
		const { error } = await runNotebook(scnet, 'start', { notebookId: byId(STOPPED), ...extra });

		expect(error?.message).toBe(message);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('with "Stop", reads every item before starting any', async () => {
		const { error } = await runNotebook(scnet, 'start', { notebookId: '={{ $json.id }}' }, { items: [{ id: STOPPED }, { id: 'not an id' }] });

		expect(error?.message).toBe("Invalid notebook ID 'not an id': only letters, digits, '-' and '_' are allowed [item 1]");
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it("passes SCNet's refusal on, started: false", async () => {
		scnet.sandbox.notebook.setStatus(RUNNING, 'Shutting');
		const { main } = await runNotebook(scnet, 'start', { notebookId: byId(RUNNING) }, { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ id: RUNNING, started: false, code: '10001' })]);
	});
});

describe('Notebook → Start: never twice', () => {
	it.each(AMBIGUOUS_FAULTS)('after %s: exactly one POST, and the failure says the notebook may have been started', async (_, fault, options, code) => {
		scnet.sandbox.addFault({ when: onStart, ...fault });
		const { main } = await runNotebook(scnet, 'start', { notebookId: byId(STOPPED), options: { maxTries: 3, ...options } }, { onError: 'continueRegularOutput' });

		expect(starts()).toHaveLength(1);
		expect(json(main)).toEqual([expect.objectContaining({ id: STOPPED, started: false, code })]);
		expect(String(main[0].json.description).endsWith(MAY_HAVE_STARTED)).toBe(true);
	});

	it("is not started again by n8n's Retry On Fail after a later item failed", async () => {
		scnet.sandbox.notebook.setStatus(RUNNING, 'Shutting');
		const { main } = await runNotebook(scnet, 'start', { notebookId: '={{ $json.id }}' }, { items: [{ id: STOPPED }, { id: RUNNING }], settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 } });

		expect(main).toEqual([]);
		expect(starts().map((request) => JSON.parse(request.body).notebookId)).toEqual([STOPPED, RUNNING]);
	});
});
