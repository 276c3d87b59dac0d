import type { IDataObject, INodeParameters, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { HISTORY_PATH, jobPath } from '../../../sandbox/hpc/routes';
import type { RawState } from '../../../sandbox/hpc/service';
import type { MissingJobAnswer } from '../../../sandbox/hpc/settings';
import type { RecordedRequest } from '../../../sandbox/server';
import { pagedList, queryOf } from '../../harness/faults';
import { useSandbox } from '../../harness/fixtures';
import { HOME, json, OTHER_SCHEDULER, runJob, SCHEDULER, submitParameters } from './fixtures';

const scnet = useSandbox({ containers: 0 });
// Jobs stay queued until a test moves them (setState), however slow the machine.
beforeEach(() => scnet.sandbox.hpc.configure({ queueDelayMs: 600_000 }));

/** Submits `count` jobs through the node (names `probe-0`, `probe-1`, …) and forgets the requests it took. */
async function submitJobs(count = 1, extra: INodeParameters = {}): Promise<string[]> {
	const items = Array.from({ length: count }, (_, n) => ({ n }));
	const { main, error } = await runJob(scnet, 'submit', submitParameters({ workDir: HOME, jobName: "={{ 'probe-' + $json.n }}", ...extra }), { items });
	expect(error).toBeUndefined();
	scnet.sandbox.requests.length = 0;
	return main.map((item) => String(item.json.jobId));
}

const submitJob = async (extra: INodeParameters = {}) => (await submitJobs(1, extra))[0];

const onRoute = (route: string) => () => scnet.sandbox.requests.filter((request) => request.route === route);
const details = onRoute('hpc.job');
const historyCalls = onRoute('hpc.history');
/** SCNet's time format, China time without a zone, read as an instant. */
const chinaInstant = (text: string | null) => new Date(`${String(text).replace(' ', 'T')}+08:00`).getTime();
/** An instant as SCNet writes it (to the second), as ISO 8601. */
const iso = (ms: number | undefined) => new Date(Math.floor(Number(ms) / 1000) * 1000).toISOString();
const sandboxJob = (jobId: string) => {
	const job = scnet.sandbox.hpc.jobs.get(jobId);
	if (!job) throw new Error(`no sandbox job ${jobId}`);
	return job;
};

/** The refusal of an invalid job ID, naming the parameter ('Job ID'). */
const invalidJobId = (value: string, item: number) =>
	new RegExp(`^Invalid job ID '${value.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' in 'Job ID': a Slurm job ID is digits, such as 834040 \\[item ${item}\\]$`);

const get = (jobId: string | number, parameters: INodeParameters = {}, rest: Parameters<typeof runJob>[3] = {}) => runJob(scnet, 'get', { jobId, ...parameters }, rest);

describe('Job → Get: a job in the realtime list', () => {
	it("outputs SCNet's detail plus the normalised fields, from GET /jobs/{jobId} alone", async () => {
		const jobId = await submitJob();
		const { main, errorOutput, error } = await get(jobId);

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(main).toHaveLength(1);
		expect(main[0].pairedItem).toEqual({ item: 0 });
		const job = sandboxJob(jobId);
		expect(main[0].json).toMatchObject({
			// SCNet's fields as they came.
			jobName: 'probe-0',
			jobStatus: 'statQ',
			outputPath: `${HOME}/std.out.${jobId}`,
			jobInitAttr: { JobState: 'PENDING', ExitCode: '0:0' },
			// The node's.
			jobId,
			name: 'probe-0',
			queue: 'kshcnormal',
			state: 'Queued',
			rawState: 'statQ',
			// Slurm writes 0:0 until the job has ended: not an exit code.
			exitCode: null,
			submittedAt: iso(job.submittedAt),
			startedAt: null,
			finishedAt: null,
		});
		expect(details().map((request) => request.path)).toEqual([jobPath(jobId)]);
		expect(historyCalls()).toEqual([]);
	});

	it('outputs a running job as Running, with the time it started and no exit code yet', async () => {
		const jobId = await submitJob();
		scnet.sandbox.hpc.setState(jobId, 'statR');
		const { main } = await get(jobId);

		const job = sandboxJob(jobId);
		expect(main[0].json).toMatchObject({ state: 'Running', rawState: 'statR', exitCode: null, submittedAt: iso(job.submittedAt), startedAt: iso(job.startedAt), finishedAt: null });
	});

	it.each<[RawState, string, number | null]>([
		['statQ', 'Queued', null],
		['statW', 'Queued', null],
		['statH', 'Queued', null],
		['statR', 'Running', null],
		['statS', 'Running', null],
		['statRQ', 'Running', null],
		['statC', 'Completed', 0],
		['statE', 'Failed', 1],
		['statD', 'Failed', 1],
		['statEX', 'Failed', 1],
		['statN', 'Failed', 1],
		['statDE', 'Cancelled', 143],
		['statT', 'TimedOut', 143],
		['statX', 'Unknown', null],
	])('normalises %s to %s, keeping the code in rawState', async (raw, state, exitCode) => {
		const jobId = await submitJob();
		scnet.sandbox.hpc.setState(jobId, raw);
		const { main } = await get(jobId);

		expect(main[0].json).toMatchObject({ jobId, jobStatus: raw, state, rawState: raw, exitCode });
		expect(historyCalls()).toEqual([]);
	});

	it("outputs a failed job the realtime list still shows as statC as Failed, as Slurm's own state says", async () => {
		scnet.sandbox.hpc.configure({ failureShowsCompleted: true });
		const jobId = await submitJob({ script: 'echo hi\nexit 3' });
		scnet.sandbox.hpc.setState(jobId, 'statE');
		const { main } = await get(jobId);

		expect(main[0].json).toMatchObject({ jobStatus: 'statC', jobInitAttr: { JobState: 'FAILED' }, state: 'Failed', rawState: 'statC', exitCode: 3 });
	});

	it("reads SCNet's times in the 'SCNet Time Zone' option", async () => {
		const jobId = await submitJob();
		const { main } = await get(jobId, { options: { timezone: '+00:00' } });

		const wall = String(main[0].json.jobSubmitTime);
		expect(main[0].json.submittedAt).toBe(`${wall.replace(' ', 'T')}.000Z`);
		expect(main[0].json.submittedAt).not.toBe(iso(sandboxJob(jobId).submittedAt));
	});
});

describe('Job → Get: a job that has left the realtime list', () => {
	beforeEach(() => scnet.sandbox.hpc.configure({ realtimeRetentionMs: 0 }));

	it.each<[string, MissingJobAnswer | '816822']>([
		['an error code with Slurm\'s "invalid job id"', 'error'],
		['data: null', 'null'],
		['HTTP 404', 'http404'],
		['a code the docs do not list', '816822'],
	])('looks it up in history when the realtime detail answers %s', async (_, missingJob) => {
		if (missingJob === '816822') scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.job', respond: { body: { code: '816822', msg: '作业不存在', data: null } } });
		else scnet.sandbox.hpc.configure({ missingJob });
		const jobId = await submitJob({ script: 'echo hi\nexit 3' });
		scnet.sandbox.hpc.setState(jobId, 'statE');
		const before = Date.now();
		const { main, error } = await get(jobId);

		expect(error).toBeUndefined();
		const job = sandboxJob(jobId);
		expect(main).toHaveLength(1);
		expect(main[0].json).toMatchObject({
			jobState: 'statE',
			jobExitStatus: 3,
			jobId,
			name: 'probe-0',
			queue: 'kshcnormal',
			state: 'Failed',
			rawState: 'statE',
			exitCode: 3,
			submittedAt: iso(job.submittedAt),
			startedAt: iso(job.startedAt),
			finishedAt: iso(job.endedAt),
		});
		expect(main[0].json).not.toHaveProperty('id');
		expect(scnet.sandbox.requests.filter((request) => request.route !== 'hpc.cluster').map((request) => request.path)).toEqual([jobPath(jobId), HISTORY_PATH]);
		const query = queryOf(historyCalls()[0]);
		expect(Object.fromEntries(query)).toMatchObject({ strClusterNameList: SCHEDULER, jobId, timeType: 'CUSTOM', isQueryByQueueTime: 'false' });
		// China time, zone-less: up to a minute from now, and 30 days back.
		const end = chinaInstant(query.get('endTime'));
		expect(end).toBeGreaterThanOrEqual(Math.floor((before + 60000) / 1000) * 1000);
		expect(end).toBeLessThanOrEqual(Date.now() + 60000);
		expect(end - chinaInstant(query.get('startTime'))).toBe(30 * 86400000 + 60000);
	});

	it.each<[RawState, string, number]>([
		['statC', 'Completed', 0],
		['statD', 'Failed', 1],
		['statN', 'Failed', 1],
		['statDE', 'Cancelled', 143],
		['statT', 'TimedOut', 143],
	])("reads history's jobState %s as %s", async (raw, state, exitCode) => {
		const jobId = await submitJob();
		scnet.sandbox.hpc.setState(jobId, raw);
		const { main } = await get(jobId);

		expect(main[0].json).toMatchObject({ jobState: raw, state, rawState: raw, exitCode, finishedAt: iso(sandboxJob(jobId).endedAt) });
		expect(historyCalls()).toHaveLength(1);
	});

	it("asks history on the scheduler chosen: a job of another scheduler is not found there", async () => {
		const jobId = await submitJob();
		scnet.sandbox.hpc.setState(jobId, 'statC');
		const { main } = await get(jobId, { scheduler: OTHER_SCHEDULER }, { onError: 'continueRegularOutput' });

		expect(main[0].json).toMatchObject({ jobId, code: 'JOB_NOT_FOUND' });
		expect(queryOf(historyCalls()[0]).get('strClusterNameList')).toBe(OTHER_SCHEDULER);
	});

	it('sends the scheduler as strClusterIDList when SCNet refuses the documented strClusterNameList, and keeps to it', async () => {
		scnet.sandbox.hpc.configure({ historySchedulerParams: ['strClusterIDList'] });
		const jobIds = await submitJobs(2);
		for (const jobId of jobIds) scnet.sandbox.hpc.setState(jobId, 'statC');
		const { main, error } = await runJob(scnet, 'get', { jobId: '={{ $json.jobId }}' }, { items: jobIds.map((jobId) => ({ jobId })) });

		expect(error).toBeUndefined();
		expect(json(main).map((job) => [job.jobId, job.state])).toEqual(jobIds.map((jobId) => [jobId, 'Completed']));
		const sent = historyCalls().map((request) => [...queryOf(request).keys()].filter((key) => key.startsWith('strCluster')));
		expect(sent).toEqual([['strClusterNameList'], ['strClusterIDList'], ['strClusterIDList']]);
	});

	it('finds the job when history ignores the jobId filter and lists it on a later page', async () => {
		const jobId = await submitJob();
		scnet.sandbox.hpc.setState(jobId, 'statC');
		const others: IDataObject[] = Array.from({ length: 150 }, (_, n) => ({ jobId: String(900000 - n), jobName: 'other', jobState: 'statE', jobExitStatus: 2 }));
		const listed = [...others.slice(0, 120), { jobId, jobName: 'probe-0', jobState: 'statC', jobExitStatus: 0 }, ...others.slice(120)];
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.history', respond: pagedList(listed) });
		const { main, error } = await get(jobId);

		expect(error).toBeUndefined();
		expect(main[0].json).toMatchObject({ jobId, name: 'probe-0', state: 'Completed', exitCode: 0 });
		expect(historyCalls().length).toBeGreaterThan(1);
	});

	it('fails JOB_NOT_FOUND, naming the job and what SCNet said, when history does not hold it (yet)', async () => {
		scnet.sandbox.hpc.configure({ historyDelayMs: 60_000 });
		const jobId = await submitJob();
		scnet.sandbox.hpc.setState(jobId, 'statC');
		const { main } = await get(jobId, {}, { onError: 'continueRegularOutput' });

		expect(main).toEqual([
			{
				json: {
					jobId,
					code: 'JOB_NOT_FOUND',
					message: expect.stringMatching(
						new RegExp(`^SCNet knows no job ${jobId} on scheduler ${SCHEDULER}: the realtime list answered 'slurm_load_jobs error: Invalid job id specified: ${jobId}', and history of the last 30 days does not hold it$`),
					),
					description: expect.any(String),
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(historyCalls()).toHaveLength(1);
	});
});

describe('Job → Get: failures that say nothing of the job are not looked up in history', () => {
	it.each<[string, { status?: number; body: unknown }, string]>([
		['HTTP 503', { status: 503, body: '<html>503 Service Unavailable</html>' }, 'HTTP_503'],
		['a refused token (10008)', { body: { code: '10008', msg: 'token expired', data: null } }, '10008'],
		['a gateway page with HTTP 200', { body: '<html>login</html>' }, 'INVALID_RESPONSE'],
	])('%s', async (_, respond, code) => {
		const jobId = await submitJob();
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.job', respond });
		const { main } = await get(jobId, { options: { maxTries: 1 } }, { onError: 'continueRegularOutput' });

		// The item names the job in jobId; the message is SCNet's failure, as on every operation's main output.
		expect(main[0].json).toMatchObject({ jobId, code, message: expect.not.stringContaining('SCNet knows no job') });
		expect(details()).toHaveLength(1);
		expect(historyCalls()).toEqual([]);
	});
});

describe('Job → Get: the Job ID field', () => {
	it('takes a job ID an expression gives as a number, or as text with blanks around it', async () => {
		const jobId = await submitJob();
		const items = [{ id: Number(jobId) }, { id: `  ${jobId}\n` }];
		const { main, error } = await runJob(scnet, 'get', { jobId: '={{ $json.id }}' }, { items });

		expect(error).toBeUndefined();
		expect(main.map((item) => [item.json.jobId, item.json.state, item.pairedItem])).toEqual([
			[jobId, 'Queued', { item: 0 }],
			[jobId, 'Queued', { item: 1 }],
		]);
		expect(details().map((request) => request.path)).toEqual([jobPath(jobId), jobPath(jobId)]);
	});

	it.each<[string, string, RegExp]>([
		['text that is not a job ID', 'job-1', invalidJobId('job-1', 1)],
		['a path', '../cluster', invalidJobId('../cluster', 1)],
		['no job ID', '', /^No job ID in 'Job ID' \[item 1\]$/],
	])('with "Stop", stops at %s before any request, naming the parameter and the item', async (_, bad, message) => {
		const jobId = await submitJob();
		const { main, error } = await runJob(scnet, 'get', { jobId: '={{ $json.id }}' }, { items: [{ id: jobId }, { id: bad }] });

		expect(main).toEqual([]);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/Nothing was sent to SCNet\.$/);
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});

describe('Job → Get: the Scheduler field', () => {
	it('takes a scheduler by its name as the region lists it', async () => {
		scnet.sandbox.hpc.configure({ realtimeRetentionMs: 0 });
		const jobId = await submitJob();
		scnet.sandbox.hpc.setState(jobId, 'statC');
		await get(jobId, { scheduler: 'cluster_zz_2' }, { onError: 'continueRegularOutput' });

		expect(queryOf(historyCalls()[0]).get('strClusterNameList')).toBe(OTHER_SCHEDULER);
	});

	it('with "Stop", refuses a scheduler the region does not have before any job is read, naming it', async () => {
		const jobId = await submitJob();
		const items = [{ id: jobId, scheduler: SCHEDULER }, { id: jobId, scheduler: 'no-such-cluster' }];
		const { main, error } = await runJob(scnet, 'get', { jobId: '={{ $json.id }}', scheduler: '={{ $json.scheduler }}' }, { items });

		expect(main).toEqual([]);
		expect(error?.message).toBe("'Scheduler' must name a scheduler of the region, not 'no-such-cluster'");
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(scnet.sandbox.requests.map((request) => request.route)).toEqual(['hpc.cluster']);
	});

	it('with "Continue", fails the item of an unknown scheduler naming its job, and reads the others', async () => {
		const jobId = await submitJob();
		const items = [{ id: jobId, scheduler: 'no-such-cluster' }, { id: jobId, scheduler: SCHEDULER }];
		const { main } = await runJob(scnet, 'get', { jobId: '={{ $json.id }}', scheduler: '={{ $json.scheduler }}' }, { items, onError: 'continueRegularOutput' });

		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(main[0].json).toEqual({
			jobId,
			code: 'UNKNOWN_SCHEDULER',
			message: `'Scheduler' must name a scheduler of the region, not 'no-such-cluster' [item 0]`,
			description: expect.stringContaining('Cluster (1638523853)'),
		});
		expect(main[1].json).toMatchObject({ jobId, state: 'Queued' });
		expect(details()).toHaveLength(1);
	});
});

describe('Job → Get: On Error', () => {
	/** Items: a job found, one SCNet knows nowhere, bad input, and a job whose detail fails with HTTP 500. */
	async function mixedItems() {
		const [found, failing] = await submitJobs(2);
		scnet.sandbox.addFault({ when: (request: RecordedRequest) => request.path === jobPath(failing), respond: { status: 500, body: '<html>oops</html>' } });
		return { found, failing, items: [{ id: found, tag: 'a' }, { id: '999999', tag: 'b' }, { id: 'abc', tag: 'c' }, { id: failing, tag: 'd' }] };
	}
	const parameters = { jobId: '={{ $json.id }}', options: { maxTries: 1 } };

	it('with "Continue", outputs one item per input item, in order and paired; each failure names its job', async () => {
		const { found, failing, items } = await mixedItems();
		const { main, errorOutput, error } = await runJob(scnet, 'get', parameters, { items, onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(main[0].json).toMatchObject({ jobId: found, state: 'Queued' });
		expect(main[1].json).toMatchObject({ jobId: '999999', code: 'JOB_NOT_FOUND', message: expect.stringMatching(/^SCNet knows no job 999999 /) });
		expect(main[2].json).toEqual({ jobId: 'abc', code: 'INVALID_JOB_ID', message: expect.stringMatching(invalidJobId('abc', 2)), description: expect.any(String) });
		expect(main[3].json).toMatchObject({ jobId: failing, code: 'HTTP_500', message: 'SCNet answered with a server error (HTTP 500)' });
		// Nothing is sent for the bad input; the not-found job is looked for in history, the failing one is not.
		expect(details().map((request) => request.path)).toEqual([jobPath(found), jobPath('999999'), jobPath(failing)]);
		expect(historyCalls().map((request) => queryOf(request).get('jobId'))).toEqual(['999999']);
	});

	it('with "Continue (using error output)", sends each failure to the error output, naming its job, the rest to the main output', async () => {
		const { found, failing, items } = await mixedItems();
		const { main, errorOutput } = await runJob(scnet, 'get', parameters, { items, onError: 'continueErrorOutput' });

		expect(main.map((item) => [item.json.jobId, item.pairedItem])).toEqual([[found, { item: 0 }]]);
		expect(errorOutput.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }, { item: 3 }]);
		expect(errorOutput.map((item) => item.json.message)).toEqual([
			expect.stringContaining('(job 999999, code JOB_NOT_FOUND) [item 1]'),
			expect.stringMatching(invalidJobId('abc', 2)),
			`SCNet answered with a server error (HTTP 500) (job ${failing}, code HTTP_500) [item 3]`,
		]);
		// n8n keeps the input item's fields beside the failure.
		expect(errorOutput[2].json).toMatchObject({ id: failing, tag: 'd', error: { jobId: failing, code: 'HTTP_500' } });
	});

	it('with "Stop", stops at the first failure naming job, code and item; later items are not sent', async () => {
		const [found, failing, after] = await submitJobs(3);
		scnet.sandbox.addFault({ when: (request) => request.path === jobPath(failing), respond: { status: 500, body: '<html>oops</html>' } });
		const { main, error } = await runJob(scnet, 'get', parameters, { items: [{ id: found }, { id: failing }, { id: after }] });

		expect(main).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(`SCNet answered with a server error (HTTP 500) (job ${failing}, code HTTP_500) [item 1]`);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect(details().map((request) => request.path)).toEqual([jobPath(found), jobPath(failing)]);
	});
});
