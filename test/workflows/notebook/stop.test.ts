import { useSandbox } from '../../harness/fixtures';
import { byId, calls, FAILED, json, RUNNING, runNotebook, STOPPED } from './fixtures';

const scnet = useSandbox({ containers: 0 });
const stops = () => calls(scnet.sandbox, 'stop');
const bodies = () => stops().map((request) => JSON.parse(request.body));
const onStop = (request: { route?: string }) => request.route === 'notebook.stop';
const notebook = (id: string) => scnet.sandbox.notebook.notebooks.get(id);
const WAIT = { waitUntilDone: true, pollInterval: 0.1 };
const ALREADY = 'Already stopped: SCNet answered 817140 (the notebook is not running)';

describe('Notebook → Stop', () => {
	it('stops a running notebook, keeping its environment by default, and outputs the status right after (Shutting)', async () => {
		const { main, error } = await runNotebook(scnet, 'stop', { notebookId: byId(RUNNING) });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([{ id: RUNNING, stopped: true, code: '0', message: 'success', status: 'Shutting' }]);
		expect(bodies()).toEqual([{ notebookId: RUNNING, saveEnv: true }]);
		expect(notebook(RUNNING)).toMatchObject({ notebookStatus: 'Shutting', savedEnv: true });
	});

	it.each([
		['the boolean false', false, false],
		["'false' from an expression", '={{ "false" }}', false],
		["' FALSE ' from an expression", '={{ " FALSE " }}', false],
		["'true' from an expression", '={{ "true" }}', true],
	])("reads 'Save Environment' given as %s, and sends a boolean", async (_, saveEnvironment, sent) => {
		await runNotebook(scnet, 'stop', { notebookId: byId(RUNNING), saveEnvironment });

		expect(bodies()).toEqual([{ notebookId: RUNNING, saveEnv: sent }]);
		expect(notebook(RUNNING)?.savedEnv).toBe(sent);
	});

	it.each([
		['a word', '={{ "no" }}', "'no'"],
		['a number', '={{ 0 }}', '0'],
		['nothing', '={{ $json.missing }}', 'nothing (the expression gave no value)'],
	])("refuses 'Save Environment' given as %s before any request", async (_, saveEnvironment, shown) => {
		const { error } = await runNotebook(scnet, 'stop', { notebookId: byId(RUNNING), saveEnvironment });

		expect(error?.message).toBe(`'Save Environment' must be true or false, not ${shown}`);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('with "Stop", reads every item before stopping any: a bad later value stops nothing', async () => {
		const { error } = await runNotebook(scnet, 'stop', { notebookId: byId(RUNNING), saveEnvironment: '={{ $json.keep }}' }, { items: [{ keep: true }, { keep: 'maybe' }] });

		expect(error?.message).toBe("'Save Environment' must be true or false, not 'maybe'");
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('with "Continue", fails the item whose value it cannot read, and stops the others', async () => {
		const { main } = await runNotebook(scnet, 'stop', { notebookId: '={{ $json.id }}', saveEnvironment: '={{ $json.keep }}' }, { items: [{ id: RUNNING, keep: 'maybe' }, { id: RUNNING, keep: false }], onError: 'continueRegularOutput' });

		expect(main.map((item) => item.json)).toEqual([{ error: "'Save Environment' must be true or false, not 'maybe'" }, expect.objectContaining({ id: RUNNING, stopped: true })]);
		expect(bodies()).toEqual([{ notebookId: RUNNING, saveEnv: false }]);
	});

	it('counts a stop of a stopped notebook (SCNet: 817140) as a success, alreadyStopped', async () => {
		const { main, error } = await runNotebook(scnet, 'stop', { notebookId: '={{ $json.id }}' }, { items: [{ id: STOPPED }, { id: FAILED }] });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([
			{ id: STOPPED, stopped: true, alreadyStopped: true, status: 'Terminated', code: '0', message: ALREADY },
			{ id: FAILED, stopped: true, alreadyStopped: true, status: 'Failed', code: '0', message: ALREADY },
		]);
	});

	it('counts another refusal as a success when the detail shows the notebook Terminated, and as a failure otherwise', async () => {
		scnet.sandbox.addFault({ when: onStop, respond: { body: { code: '10001', msg: 'internal' } } });
		const { main } = await runNotebook(scnet, 'stop', { notebookId: '={{ $json.id }}', options: { maxTries: 1 } }, { items: [{ id: STOPPED }, { id: RUNNING }], onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([
			{ id: STOPPED, stopped: true, alreadyStopped: true, status: 'Terminated', code: '0', message: 'Already stopped: SCNet refused the stop (code 10001), and the notebook is Terminated' },
			expect.objectContaining({ id: RUNNING, stopped: false, code: '10001' }),
		]);
	});

	it('sends a stop again after a lost answer: it finds the notebook stopped by the first, a success', async () => {
		scnet.sandbox.notebook.configure({ stopDelayMs: 100 });
		scnet.sandbox.addFault({ when: onStop, times: 1, lose: true });
		const { main } = await runNotebook(scnet, 'stop', { notebookId: byId(RUNNING), options: { maxTries: 3 } });

		expect(stops()).toHaveLength(2);
		expect(json(main)).toEqual([{ id: RUNNING, stopped: true, alreadyStopped: true, status: 'Terminated', code: '0', message: ALREADY }]);
	});

	it("may be sent again by n8n's Retry On Fail: the notebook is stopped, nothing else happens", async () => {
		scnet.sandbox.notebook.configure({ stopDelayMs: 0 });
		const { main } = await runNotebook(scnet, 'stop', { notebookId: '={{ $json.id }}' }, { items: [{ id: RUNNING }, { id: 'ffffffffffffffffffffffffffffffff' }], settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 } });

		expect(main).toEqual([]);
		expect(bodies().map((body) => body.notebookId)).toEqual([RUNNING, 'ffffffffffffffffffffffffffffffff', RUNNING, 'ffffffffffffffffffffffffffffffff']);
		expect(notebook(RUNNING)?.notebookStatus).toBe('Terminated');
	});

	it("with 'Wait Until Done', waits until it is Terminated", async () => {
		scnet.sandbox.notebook.configure({ stopDelayMs: 200 });
		const { main } = await runNotebook(scnet, 'stop', { notebookId: byId(RUNNING), options: WAIT });

		expect(json(main)).toEqual([{ id: RUNNING, stopped: true, code: '0', message: 'success', status: 'Terminated' }]);
	});

	it("with 'Wait Until Done', fails with WAIT_TIMEOUT and the last status when it is not stopped in time", async () => {
		scnet.sandbox.notebook.configure({ stopDelayMs: 60_000 });
		const { main } = await runNotebook(scnet, 'stop', { notebookId: byId(RUNNING), options: { ...WAIT, waitTimeout: 1 } }, { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([
			{ id: RUNNING, stopped: true, code: 'WAIT_TIMEOUT', message: "The notebook was not stopped after 1 s (status 'Shutting')", description: expect.stringMatching(/^It was left as it is/), status: 'Shutting' },
		]);
	});
});
