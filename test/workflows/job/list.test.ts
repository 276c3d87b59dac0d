import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { chinaTime } from '../../../sandbox/containers';
import { HISTORY_PATH, JOBS_PATH } from '../../../sandbox/hpc/routes';
import type { RecordedRequest } from '../../../sandbox/server';
import { pagedList, queryOf } from '../../harness/faults';
import { useSandbox } from '../../harness/fixtures';
import { HOME, json, OTHER_SCHEDULER, runJob, SCHEDULER, submitParameters } from './fixtures';

const scnet = useSandbox({ containers: 0 });
// Jobs stay queued until a test moves them (setState), however slow the machine.
beforeEach(() => scnet.sandbox.hpc.configure({ queueDelayMs: 600_000 }));

/** Submits `count` jobs through the node (names `probe-0`, `probe-1`, …; IDs ascending) and forgets the requests it took. */
async function submitJobs(count: number, extra: INodeParameters = {}): Promise<string[]> {
	const items = Array.from({ length: count }, (_, n) => ({ n }));
	const { main, error } = await runJob(scnet, 'submit', submitParameters({ workDir: HOME, jobName: "={{ 'probe-' + $json.n }}", ...extra }), { items });
	expect(error).toBeUndefined();
	scnet.sandbox.requests.length = 0;
	return main.map((item) => String(item.json.jobId));
}

const list = (parameters: INodeParameters = {}, rest: Parameters<typeof runJob>[3] = {}) => runJob(scnet, 'list', parameters, rest);
const onRoute = (route: string) => () => scnet.sandbox.requests.filter((request) => request.route === route);
const realtimeCalls = onRoute('hpc.jobs');
const historyCalls = onRoute('hpc.history');
const ids = (items: Array<{ json: IDataObject }>) => json(items).map((job) => job.jobId);
const starts = (requests: RecordedRequest[]) => requests.map((request) => Number(queryOf(request).get('start')));
const newestFirst = (jobIds: string[]) => [...jobIds].reverse();
const sandboxJob = (jobId: string) => {
	const job = scnet.sandbox.hpc.jobs.get(jobId);
	if (!job) throw new Error(`no sandbox job ${jobId}`);
	return job;
};
/** An instant as SCNet writes it (to the second), as ISO 8601. */
const iso = (ms: number | undefined) => new Date(Math.floor(Number(ms) / 1000) * 1000).toISOString();
/** SCNet's zone-less China time, read as an instant. */
const chinaInstant = (text: string | null) => new Date(`${String(text).replace(' ', 'T')}+08:00`).getTime();
/** Moves a finished job's end back, so that it has left the realtime list (retention 60 s) and stays in history. */
const endedAgo = (jobId: string, ms: number) => {
	const job = sandboxJob(jobId);
	for (const key of ['submittedAt', 'startedAt', 'endedAt'] as const) if (job[key] !== undefined) job[key] = Number(job[key]) - ms;
};
/** A realtime list entry as SCNet sends it, for answers a fault gives. */
const entry = (jobId: string, fields: IDataObject = {}): IDataObject => ({ jobId, jobName: `job-${jobId}`, jobStatus: 'statR', queue: 'kshcnormal', jobSubmitTime: chinaTime(Date.now()), ...fields });

describe('Job → Get Many: the lists read', () => {
	it('reads the realtime list by default: newest first, finished jobs still in it included, each as Get outputs it', async () => {
		const [queued, running, completed] = await submitJobs(3);
		scnet.sandbox.hpc.setState(running, 'statR');
		scnet.sandbox.hpc.setState(completed, 'statC');
		const { main, error } = await list();

		expect(error).toBeUndefined();
		expect(ids(main)).toEqual([completed, running, queued]);
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(json(main).map((job) => [job.state, job.rawState, job.exitCode])).toEqual([
			['Completed', 'statC', null],
			['Running', 'statR', null],
			['Queued', 'statQ', null],
		]);
		const job = sandboxJob(running);
		expect(main[1].json).toEqual({
			...main[1].json,
			jobStatus: 'statR',
			jobName: 'probe-1',
			jobId: running,
			name: 'probe-1',
			queue: 'kshcnormal',
			submittedAt: iso(job.submittedAt),
			startedAt: iso(job.startedAt),
			finishedAt: null,
		});
		expect(main[1].json).not.toHaveProperty('id');
		expect(historyCalls()).toEqual([]);
		expect(realtimeCalls().map((request) => [request.path, queryOf(request).get('strClusterIDList'), queryOf(request).get('start')])).toEqual([[JOBS_PATH, SCHEDULER, '0']]);
	});

	it("lists the scheduler chosen, and not a job that has left the realtime list", async () => {
		const [gone, running] = await submitJobs(2);
		scnet.sandbox.hpc.setState(running, 'statR');
		scnet.sandbox.hpc.setState(gone, 'statC');
		endedAgo(gone, 120_000);

		expect(ids((await list()).main)).toEqual([running]);
		expect((await list({ scheduler: OTHER_SCHEDULER })).main).toEqual([]);
		expect(queryOf(realtimeCalls()[1]).get('strClusterIDList')).toBe(OTHER_SCHEDULER);
	});

	it("reads history for 'Finished': the last 7 days by end time, in China time", async () => {
		const [running, completed, failed] = await submitJobs(3, { script: "={{ $json.n === 2 ? 'exit 3' : 'seq 3' }}" });
		scnet.sandbox.hpc.setState(running, 'statR');
		scnet.sandbox.hpc.setState(completed, 'statC');
		scnet.sandbox.hpc.setState(failed, 'statE');
		const before = Date.now();
		const { main, error } = await list({ source: 'finished' });

		expect(error).toBeUndefined();
		expect(ids(main)).toEqual([failed, completed]);
		expect(main[0].json).toMatchObject({ jobState: 'statE', state: 'Failed', rawState: 'statE', exitCode: 3, finishedAt: iso(sandboxJob(failed).endedAt) });
		expect(main[1].json).toMatchObject({ jobState: 'statC', state: 'Completed', rawState: 'statC', exitCode: 0 });
		expect(realtimeCalls()).toEqual([]);
		const [request] = historyCalls();
		expect(request.path).toBe(HISTORY_PATH);
		const query = queryOf(request);
		expect(Object.fromEntries(query)).toMatchObject({ strClusterNameList: SCHEDULER, timeType: 'CUSTOM', isQueryByQueueTime: 'false', start: '0' });
		expect(query.has('jobId')).toBe(false);
		const end = chinaInstant(query.get('endTime'));
		expect(end).toBeGreaterThanOrEqual(Math.floor((before + 60000) / 1000) * 1000);
		expect(end).toBeLessThanOrEqual(Date.now() + 60000);
		expect(end - chinaInstant(query.get('startTime'))).toBe(7 * 86400000 + 60000);
	});

	it("lists each job once for 'Both', a finished job in both lists as history has it", async () => {
		scnet.sandbox.hpc.configure({ failureShowsCompleted: true });
		const [old, failed, running] = await submitJobs(3, { script: "={{ $json.n === 1 ? 'exit 3' : 'seq 3' }}" });
		scnet.sandbox.hpc.setState(old, 'statC');
		endedAgo(old, 120_000);
		scnet.sandbox.hpc.setState(failed, 'statE');
		scnet.sandbox.hpc.setState(running, 'statR');
		const { main } = await list({ source: 'both' });

		// The realtime list shows the failed job as statC (it lags); history says statE.
		expect(json(main).map((job) => [job.jobId, job.state, job.rawState])).toEqual([
			[running, 'Running', 'statR'],
			[failed, 'Failed', 'statE'],
			[old, 'Completed', 'statC'],
		]);
		expect(realtimeCalls()).toHaveLength(1);
		expect(historyCalls()).toHaveLength(1);
	});

	it("reads a failed job the realtime list shows as statC as Failed ('Active')", async () => {
		scnet.sandbox.hpc.configure({ failureShowsCompleted: true });
		const [failed] = await submitJobs(1, { script: 'exit 3' });
		scnet.sandbox.hpc.setState(failed, 'statE');
		const { main } = await list({ filters: { states: ['Failed'] } });

		expect(json(main).map((job) => [job.jobId, job.jobStatus, job.state])).toEqual([[failed, 'statC', 'Failed']]);
	});

	it('outputs a code SCNet never listed as Unknown, keeping it in rawState', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.jobs', respond: pagedList([entry('900002', { jobStatus: 'statZZ' }), entry('900001', { jobStatus: undefined, jobState: 'statQ' })]) });
		const { main } = await list();

		expect(json(main).map((job) => [job.jobId, job.state, job.rawState])).toEqual([
			['900002', 'Unknown', 'statZZ'],
			['900001', 'Queued', 'statQ'],
		]);
	});

	it('runs once for several input items', async () => {
		const jobIds = await submitJobs(2);
		const { main } = await list({}, { items: [{}, {}, {}] });

		expect(ids(main)).toEqual(newestFirst(jobIds));
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(realtimeCalls()).toHaveLength(1);
	});
});

describe('Job → Get Many: filters', () => {
	it('keeps the jobs in the states chosen (normalised), Unknown included', async () => {
		const [queued, running, failed, other] = await submitJobs(4);
		scnet.sandbox.hpc.setState(running, 'statRQ');
		scnet.sandbox.hpc.setState(failed, 'statN');
		scnet.sandbox.hpc.setState(other, 'statX');
		const { main } = await list({ filters: { states: ['Running', 'Failed', 'Unknown'] } });

		expect(json(main).map((job) => [job.jobId, job.state])).toEqual([
			[other, 'Unknown'],
			[failed, 'Failed'],
			[running, 'Running'],
		]);
		expect(ids(main)).not.toContain(queued);
	});

	it('asks SCNet for a name and a queue, in each list\'s own parameters', async () => {
		const [a, b] = await submitJobs(2);
		scnet.sandbox.hpc.setState(a, 'statC');
		scnet.sandbox.hpc.setState(b, 'statC');
		const { main } = await list({ source: 'both', filters: { name: 'probe-1', queue: 'kshcnormal' } });

		expect(ids(main)).toEqual([b]);
		expect(Object.fromEntries(queryOf(realtimeCalls()[0]))).toMatchObject({ strJobName: 'probe-1', strQueueName: 'kshcnormal' });
		expect(Object.fromEntries(queryOf(historyCalls()[0]))).toMatchObject({ jobName: 'probe-1', queue: 'kshcnormal' });
	});

	it('checks name, queue and state again when SCNet ignores its filters', async () => {
		const listed = [
			entry('900005', { jobName: 'nightly-run' }),
			entry('900004', { jobName: 'nightly-run', queue: 'debug' }),
			entry('900003', { jobName: 'other' }),
			entry('900002', { jobName: 'nightly-run', jobStatus: 'statQ' }),
			entry('900001', { jobName: 'my-nightly-run-2' }),
		];
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.jobs', respond: pagedList(listed) });
		const { main } = await list({ filters: { name: 'nightly', queue: 'kshcnormal', states: ['Running'] } });

		expect(ids(main)).toEqual(['900005', '900001']);
	});

	it("sends 'Finished After' and 'Finished Before' to history in China time, and drops what falls outside", async () => {
		const [inside] = await submitJobs(1);
		scnet.sandbox.hpc.setState(inside, 'statC');
		const ended = Number(sandboxJob(inside).endedAt);
		const [after, before] = [new Date(ended - 3600_000), new Date(ended + 3600_000)];
		const outside = { jobId: '700001', jobName: 'old', jobState: 'statC', queue: 'kshcnormal', jobEndTime: chinaTime(ended - 2 * 3600_000) };
		scnet.sandbox.addFault({
			when: (request) => request.route === 'hpc.history',
			times: 1,
			respond: { body: { code: '0', msg: 'success', data: { total: 2, list: [{ jobId: inside, jobName: 'probe-0', jobState: 'statC', queue: 'kshcnormal', jobEndTime: chinaTime(ended) }, outside] } } },
		});
		const { main } = await list({ source: 'finished', filters: { finishedAfter: after.toISOString(), finishedBefore: before.toISOString() } });

		expect(ids(main)).toEqual([inside]);
		const query = queryOf(historyCalls()[0]);
		expect([query.get('startTime'), query.get('endTime')]).toEqual([chinaTime(after.getTime()), chinaTime(before.getTime())]);
	});

	it('finds nothing in a window that ended before the jobs did', async () => {
		const [done] = await submitJobs(1);
		scnet.sandbox.hpc.setState(done, 'statC');
		const { main } = await list({ source: 'finished', filters: { finishedBefore: new Date(Date.now() - 3600_000).toISOString() } });

		expect(main).toEqual([]);
		expect(historyCalls()).toHaveLength(1);
	});

	it.each<[string, Record<string, string>, string]>([
		['after the end', { finishedAfter: '2026-06-02T00:00:00Z', finishedBefore: '2026-06-01T00:00:00Z' }, "'Finished After' must come before 'Finished Before'"],
		['not a date', { finishedAfter: 'yesterday' }, "'Finished After' must be a date and time, not 'yesterday'"],
		['30 February', { finishedBefore: '2026-02-30T00:00:00Z' }, "'Finished Before' must be a date and time, not '2026-02-30T00:00:00Z'"],
	])('refuses a window with a time %s, before any request', async (_, filters, message) => {
		const { main, error } = await list({ source: 'finished', filters });

		expect(main).toEqual([]);
		expect(error?.message).toBe(message);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('refuses a state that is not one, before any request', async () => {
		const { error } = await list({ filters: { states: '={{ ["Running", "Done"] }}' } });

		expect(error?.message).toMatch(/States/);
		expect(error?.message).toMatch(/Done/);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});

describe('Job → Get Many: Limit and Return All', () => {
	it('returns the newest up to the limit', async () => {
		const jobIds = await submitJobs(5);
		const { main } = await list({ limit: 2 });

		expect(ids(main)).toEqual(newestFirst(jobIds).slice(0, 2));
	});

	it("returns up to the limit for 'Both' too", async () => {
		const jobIds = await submitJobs(4);
		scnet.sandbox.hpc.setState(jobIds[0], 'statC');
		endedAgo(jobIds[0], 120_000);
		const { main } = await list({ source: 'both', limit: 3 });

		expect(ids(main)).toEqual(newestFirst(jobIds).slice(0, 3));
	});

	it('reads every job of a realtime list SCNet pages by 7, each exactly once', async () => {
		scnet.sandbox.hpc.configure({ pageCap: 7 });
		const jobIds = await submitJobs(25);
		const { main, error } = await list({ returnAll: true });

		expect(error).toBeUndefined();
		expect(ids(main)).toEqual(newestFirst(jobIds));
		// Each page starts where the last one ended (7 sent, not the 100 asked), less the two asked for again.
		expect(starts(realtimeCalls())).toEqual([0, 5, 10, 15, 20]);
	});

	it('reads every job of a history SCNet pages by 7, each exactly once', async () => {
		scnet.sandbox.hpc.configure({ pageCap: 7 });
		const jobIds = await submitJobs(25);
		for (const jobId of jobIds) scnet.sandbox.hpc.setState(jobId, 'statC');
		const { main } = await list({ source: 'finished', returnAll: true });

		expect(ids(main)).toEqual(newestFirst(jobIds));
		expect(starts(historyCalls())).toEqual([0, 5, 10, 15, 20]);
	});

	it("reads both lists whole for 'Both', each job once", async () => {
		scnet.sandbox.hpc.configure({ pageCap: 7 });
		const jobIds = await submitJobs(20);
		// The ten oldest have finished: five left the realtime list, five are in both.
		jobIds.slice(0, 10).forEach((jobId) => scnet.sandbox.hpc.setState(jobId, 'statC'));
		jobIds.slice(0, 5).forEach((jobId) => endedAgo(jobId, 120_000));
		const { main } = await list({ source: 'both', returnAll: true });

		expect(ids(main)).toEqual(newestFirst(jobIds));
		expect(new Set(ids(main)).size).toBe(20);
		expect(json(main).map((job) => job.state)).toEqual([...Array(10).fill('Queued'), ...Array(10).fill('Completed')]);
	});
});

describe('Job → Get Many: a listing is complete or fails', () => {
	/** A fault that answers every page of `route` with the same 7 entries of a list of `total`: SCNet ignoring `start`. */
	const ignoringStart = (route: string, entries: IDataObject[], total: number) =>
		scnet.sandbox.addFault({ when: (request) => request.route === route, respond: { body: { code: '0', msg: 'success', data: { total, list: entries } } } });
	const seven = Array.from({ length: 7 }, (_, n) => entry(String(900010 - n)));

	it('fails when the realtime list ignores start, outputting nothing', async () => {
		ignoringStart('hpc.jobs', seven, 30);
		const { main, error } = await list({ returnAll: true });

		expect(main).toEqual([]);
		expect(error?.message).toBe(
			"The job list could not be read completely: the page at 5 was the first page again: SCNet seems to ignore 'start' (2 pages, 7 different jobs, a total of 30, 0 repeats, 0 restarts) (code INCOMPLETE_LISTING) [item 0]",
		);
		expect(realtimeCalls()).toHaveLength(2);
	});

	it('fails when history ignores start; with "Continue" as one failure item', async () => {
		ignoringStart('hpc.history', seven.map(({ jobStatus, ...job }) => ({ ...job, jobState: 'statC' })), 30);
		const { main, error } = await list({ source: 'both', returnAll: true }, { onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(main).toHaveLength(1);
		expect(main[0].pairedItem).toEqual({ item: 0 });
		expect(main[0].json).toMatchObject({ code: 'INCOMPLETE_LISTING', message: expect.stringMatching(/^The finished job list could not be read completely: the page at 5 was the first page again/) });
	});

	it('fails when SCNet reports more jobs than it sends', async () => {
		scnet.sandbox.addFault({
			when: (request) => request.route === 'hpc.jobs',
			respond: (request) => ({ body: { code: '0', msg: 'success', data: { total: 40, list: queryOf(request).get('start') === '0' ? seven : [] } } }),
		});
		const { main, errorOutput, error } = await list({ returnAll: true }, { onError: 'continueErrorOutput' });

		expect(error).toBeUndefined();
		expect(main).toEqual([]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
		expect(errorOutput[0].json).toMatchObject({
			error: { code: 'INCOMPLETE_LISTING' },
			message: expect.stringMatching(/^The job list could not be read completely: the page at 5 was empty \(2 pages, 7 different jobs, a total of 40/),
		});
	});

	it("fails with SCNet's code when a page fails", async () => {
		await submitJobs(1);
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.jobs', respond: { body: { code: '10008', msg: 'token expired', data: null } } });
		const { main, error } = await list();

		expect(main).toEqual([]);
		expect(error?.message).toMatch(/\(code 10008\) \[item 0\]$/);
	});
});

describe("Job → Get Many: history's scheduler parameter", () => {
	it('sends strClusterIDList when SCNet refuses the documented strClusterNameList, for every page after', async () => {
		scnet.sandbox.hpc.configure({ historySchedulerParams: ['strClusterIDList'], pageCap: 7 });
		const jobIds = await submitJobs(12);
		for (const jobId of jobIds) scnet.sandbox.hpc.setState(jobId, 'statC');
		const { main, error } = await list({ source: 'finished', returnAll: true });

		expect(error).toBeUndefined();
		expect(ids(main)).toEqual(newestFirst(jobIds));
		const sent = historyCalls().map((request) => [...queryOf(request).keys()].filter((key) => key.startsWith('strCluster')).join());
		expect(sent).toEqual(['strClusterNameList', 'strClusterIDList', 'strClusterIDList']);
		expect(starts(historyCalls())).toEqual([0, 0, 5]);
	});
});
