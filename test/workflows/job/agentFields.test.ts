import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../../../sandbox/auth';
import { SCHEDULERS } from '../../../sandbox/hpc/cluster';
import { SUBMIT_PATH } from '../../../sandbox/hpc/routes';
import { useSandbox } from '../../harness/fixtures';
import { failureMessage, fromAI, locator } from '../../harness/fromAI';
import { CLUSTER_USER, HOME, json, OTHER_SCHEDULER, runJob, SCHEDULER, submitParameters } from './fixtures';

/*
 * Version 3 of the job operations: 'Scheduler', 'Queue', 'Source' and 'Stream' are pickers an AI
 * agent can fill, and Submit takes environment variables as JSON. Versions 1 and 2 keep their
 * dropdowns.
 */
const claims = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${claims({ alg: 'HS256', typ: 'JWT' })}.${claims({ computeUser: CLUSTER_USER, user: DEFAULT_ACCOUNT.user })}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`;
const scnet = useSandbox({ containers: 0, token: TOKEN });
const v3 = { typeVersion: 3 } as const;
const submits = () => scnet.sandbox.requests.filter((request) => request.path === SUBMIT_PATH).map((request) => JSON.parse(String(request.body)) as IDataObject);
const commandOf = (body: IDataObject) => (body.mapAppJobInfo as IDataObject).GAP_CMD_FILE;
const submitV3 = (extra: INodeParameters, rest: Parameters<typeof runJob>[3] = {}) =>
	runJob(scnet, 'submit', submitParameters({ workDir: HOME, queue: locator('kshcnormal', 'list'), ...extra }), { ...v3, ...rest });

/** Submits a job through version 1 and marks it finished; its ID. */
async function finished(script: string): Promise<string> {
	const { main, error } = await runJob(scnet, 'submit', submitParameters({ workDir: HOME, script }));
	expect(error).toBeUndefined();
	const jobId = String(main[0].json.jobId);
	scnet.sandbox.hpc.setState(jobId, 'statC');
	scnet.sandbox.requests.length = 0;
	return jobId;
}

describe('Job → Submit (version 3)', () => {
	it('reads the scheduler and the queue as $fromAI hands them over', async () => {
		const { main, error } = await submitV3(
			{ scheduler: locator(fromAI('Scheduler')), queue: locator(fromAI('Queue')) },
			{ items: [{ Scheduler: SCHEDULERS[1].text, Queue: 'comp' }] },
		);

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([expect.objectContaining({ submitted: true, scheduler: OTHER_SCHEDULER, queue: 'comp' })]);
		expect(submits()).toEqual([expect.objectContaining({ strJobManagerID: OTHER_SCHEDULER, mapAppJobInfo: expect.objectContaining({ GAP_QUEUE: 'comp' }) })]);
	});

	it('takes the first scheduler for an empty picker, as versions 1 and 2 do for an empty dropdown', async () => {
		const { main } = await submitV3({ scheduler: locator('', 'list') });

		expect(json(main)).toEqual([expect.objectContaining({ submitted: true, scheduler: SCHEDULER })]);
	});

	it.each([
		['a scheduler the region does not have', { scheduler: locator('no-such-cluster') }, "'Scheduler' must name a scheduler of the region, not 'no-such-cluster'"],
		['a scheduler an expression gives nothing for', { scheduler: locator('={{ $json.missing }}') }, "'Scheduler' must name a scheduler of the region, not nothing (the expression gave no value)"],
		['no queue', { queue: locator('={{ "" }}') }, "No queue in 'Queue'"],
	])('refuses %s, naming the field, and submits nothing', async (_, extra, message) => {
		const { error } = await submitV3(extra);

		expect(error?.message.startsWith(message)).toBe(true);
		expect(submits()).toEqual([]);
	});

	it.each([
		['an object of names and values (JSON text)', '{"OMP_NUM_THREADS": 8, "DATA_DIR": "/public/home/u/data"}'],
		['an object of names and values ($fromAI json)', fromAI('Environment', 'json')],
		['a list of names and values', [{ name: 'OMP_NUM_THREADS', value: '8' }, { name: 'DATA_DIR', value: '/public/home/u/data' }]],
	])('starts the script with one export per environment variable, given as %s', async (_, environment) => {
		const { main } = await submitV3(
			{ script: 'python train.py', additionalFields: { environment } },
			{ items: [{ Environment: { OMP_NUM_THREADS: 8, DATA_DIR: '/public/home/u/data' } }] },
		);

		expect(json(main)).toEqual([expect.objectContaining({ submitted: true })]);
		expect(submits().map(commandOf)).toEqual(["export OMP_NUM_THREADS='8'\nexport DATA_DIR='/public/home/u/data'\npython train.py\n"]);
	});

	it('quotes a value so the shell takes it as it is', async () => {
		await submitV3({ script: 'echo "$GREETING"', additionalFields: { environment: { GREETING: "it's $HOME; `rm -rf /`" } } });

		expect(submits().map(commandOf)).toEqual(["export GREETING='it'\\''s $HOME; `rm -rf /`'\necho \"$GREETING\"\n"]);
	});

	it('sends the script alone for the default (an empty object)', async () => {
		await submitV3({ script: 'seq 3', additionalFields: { environment: '{}' } });

		expect(submits().map(commandOf)).toEqual(['seq 3\n']);
	});

	it.each([
		['text that is not JSON', '{OMP: 8}', "'Environment Variables' is not valid JSON"],
		['a name that is not a variable', { '1ST': 'x' }, "'Environment Variables': '1ST' is not a variable name"],
		['a value on several lines', { NOTE: 'a\nb' }, "'Environment Variables': the value of NOTE must be on one line"],
		['a value that is an object', { CONFIG: { a: 1 } }, "'Environment Variables': the value of CONFIG must be a text or a number, not {\"a\":1}"],
		['a list entry without a value', [{ name: 'A' }], "'Environment Variables' must list objects with a 'name' and a 'value', not {\"name\":\"A\"}"],
		['a number', '5', "'Environment Variables' must be an object of names and values, not 5"],
	])('refuses %s with the shape expected, and submits nothing', async (_, environment, message) => {
		const stopped = await submitV3({ additionalFields: { environment } });
		expect(stopped.error?.message.startsWith(message)).toBe(true);
		expect(stopped.error?.description).toContain('{"OMP_NUM_THREADS":"8","DATA_DIR":"/public/home/user/data"}');

		const continued = await submitV3({ additionalFields: { environment } }, { onError: 'continueRegularOutput' });
		expect(String(failureMessage(continued.main[0].json))).toContain(message);
		expect(submits()).toEqual([]);
	});

	it('version 1 keeps its dropdowns: a plain queue and scheduler', async () => {
		const { main } = await runJob(scnet, 'submit', submitParameters({ workDir: HOME, scheduler: OTHER_SCHEDULER, queue: 'comp' }));

		expect(json(main)).toEqual([expect.objectContaining({ submitted: true, scheduler: OTHER_SCHEDULER, queue: 'comp' })]);
	});
});

describe('Job → Get Many and Get Output (version 3)', () => {
	it("reads 'Source' and 'Scheduler' as pickers and as $fromAI hands them over", async () => {
		const jobId = await finished('seq 3');

		const { main, error } = await runJob(scnet, 'list', { source: locator(fromAI('Source')), scheduler: locator(SCHEDULER, 'list') }, { ...v3, items: [{ Source: 'Finished' }] });

		expect(error).toBeUndefined();
		expect(json(main).map((job) => job.jobId)).toEqual([jobId]);
		expect(scnet.sandbox.requests.filter((request) => request.route === 'hpc.jobs')).toEqual([]);
	});

	it("refuses a 'Source' SCNet has no list for, naming the values, and asks SCNet nothing", async () => {
		const { error } = await runJob(scnet, 'list', { source: locator('all') }, v3);

		expect(error?.message).toBe("'Source' must be one of active, finished, both, not 'all'");
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it("reads 'Stream' as a picker and as $fromAI hands it over", async () => {
		const jobId = await finished('seq 2\necho oops >&2');

		const { main } = await runJob(scnet, 'getOutput', { jobId, stream: locator(fromAI('Stream')), returnAll: true }, { ...v3, items: [{ Stream: 'stderr' }] });

		expect(json(main)).toEqual([expect.objectContaining({ jobId, file: `${HOME}/std.err.${jobId}`, text: 'oops' })]);
	});

	it("refuses a 'Stream' that is not one of the job's files, and reads nothing", async () => {
		const { main } = await runJob(scnet, 'getOutput', { jobId: '123', stream: locator('stdin') }, { ...v3, onError: 'continueRegularOutput' });

		expect(failureMessage(main[0].json)).toBe("'Stream' must be one of stdout, stderr, not 'stdin'");
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it("Get and Cancel read a picked 'Scheduler'", async () => {
		const { main, error } = await runJob(scnet, 'submit', submitParameters({ workDir: HOME, scheduler: OTHER_SCHEDULER, queue: 'comp' }));
		expect(error).toBeUndefined();
		const jobId = String(main[0].json.jobId);

		const got = await runJob(scnet, 'get', { jobId, scheduler: locator(SCHEDULERS[1].text) }, v3);
		expect(json(got.main)).toEqual([expect.objectContaining({ jobId })]);
		const cancelled = await runJob(scnet, 'cancel', { jobIds: jobId, scheduler: locator(OTHER_SCHEDULER, 'list') }, v3);
		expect(json(cancelled.main)).toEqual([expect.objectContaining({ jobId, cancelled: true })]);
	});
});

describe("Job → Submit (version 3) under n8n's Retry On Fail", () => {
	it('the first item refused by SCNet (its error object makes n8n try again): each job is submitted once', async () => {
		const { main, run } = await submitV3(
			{ jobName: '={{ $json.name }}', queue: locator('={{ $json.queue }}'), additionalFields: { environment: '{"EPOCHS": "10"}' } },
			{
				// A DCU queue refuses a job that asks for no DCUs.
				items: [
					{ name: 'first', queue: 'kshdnormal' },
					{ name: 'second', queue: 'kshcnormal' },
				],
				onError: 'continueRegularOutput',
				settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
			},
		);

		expect(run.data.resultData.runData.SCNet).toHaveLength(1);
		expect(submits().map((body) => (body.mapAppJobInfo as IDataObject).GAP_JOB_NAME)).toEqual(['first', 'second']);
		expect(json(main).map((item) => [item.submitted, (item.error as IDataObject | undefined)?.code])).toEqual([
			[false, '10001'],
			[true, undefined],
		]);
	});
});
