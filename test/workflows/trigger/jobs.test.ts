import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { HISTORY_PATH, JOBS_PATH } from '../../../sandbox/hpc/routes';
import { useSandbox } from '../../harness/fixtures';
import { pollingTrigger } from '../../harness/polling';
import { HOME, hpcToken, OTHER_SCHEDULER, runJob, submitParameters } from '../job/fixtures';

const scnet = useSandbox({ containers: 0 });
const emitted = (output: INodeExecutionData[][] | null) => (output ? output[0].map((item) => item.json) : []);
const seenJobs = (staticData: IDataObject) => Object.keys((staticData.jobs as { seen: object }).seen).sort();

/** Submits a job through the node and returns its ID; the sandbox leaves it queued until told otherwise. */
async function submit(name = 'probe'): Promise<string> {
	const { main } = await runJob(scnet, 'submit', submitParameters({ jobName: name, workDir: `${HOME}/${name}` }));
	return String(main[0].json.jobId);
}

const finishedTrigger = (extra: IDataObject = {}) => pollingTrigger(hpcToken(scnet.sandbox), { event: 'jobFinished', ...extra });

beforeEach(() => scnet.sandbox.hpc.configure({ queueDelayMs: 3_600_000 }));

describe('SCNet Trigger: Job Finished', () => {
	it('records the jobs on the first poll (one already finished is not reported), then reports a job that finished once, as Get shows it', async () => {
		const done = await submit('done-before');
		scnet.sandbox.hpc.setState(done, 'statC');
		const running = await submit('running');
		scnet.sandbox.hpc.setState(running, 'statR');
		const trigger = finishedTrigger();

		expect(await trigger.poll()).toBeNull();
		expect(seenJobs(trigger.staticData)).toEqual([done, running].sort());

		scnet.sandbox.hpc.setState(running, 'statE');
		const [job, ...more] = emitted(await trigger.poll());

		expect(more).toEqual([]);
		expect(job).toMatchObject({ jobId: running, name: 'running', state: 'Failed', rawState: 'statE', previousState: 'Running', queue: 'kshcnormal' });
		// Get's view: the detail's fields (the realtime list has no jobInitAttr).
		expect(job.jobInitAttr).toEqual(expect.objectContaining({ JobState: 'FAILED' }));
		expect(await trigger.poll()).toBeNull();
	});

	it('reads a job that left the realtime list from history, reports it once and watches it no more — never as vanished', async () => {
		scnet.sandbox.hpc.configure({ realtimeRetentionMs: 0 });
		const jobId = await submit();
		scnet.sandbox.hpc.setState(jobId, 'statR');
		const trigger = finishedTrigger();
		await trigger.poll();

		scnet.sandbox.hpc.setState(jobId, 'statC');
		const reported = emitted(await trigger.poll());

		expect(reported).toEqual([expect.objectContaining({ jobId, state: 'Completed', previousState: 'Running', exitCode: 0, finishedAt: expect.any(String) })]);
		expect(seenJobs(trigger.staticData)).toEqual([]);
		expect(scnet.sandbox.requests.some((request) => request.path === HISTORY_PATH)).toBe(true);
		expect(await trigger.poll()).toBeNull();
	});

	it('reports a job that was submitted, ran and left the realtime list between two polls, once, from history', async () => {
		scnet.sandbox.hpc.configure({ realtimeRetentionMs: 0 });
		const trigger = finishedTrigger();
		await trigger.poll();
		const jobId = await submit('quick');
		scnet.sandbox.hpc.setState(jobId, 'statC');

		expect(emitted(await trigger.poll()).map((job) => [job.jobId, job.state, job.previousState])).toEqual([[jobId, 'Completed', null]]);
		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	it('does not report a job that ended before the trigger began watching, though history still shows it', async () => {
		scnet.sandbox.hpc.configure({ realtimeRetentionMs: 0 });
		const jobId = await submit('before');
		scnet.sandbox.hpc.setState(jobId, 'statC');
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const trigger = finishedTrigger();

		expect(await trigger.poll()).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});

	it('keeps a job that has left the realtime list but is not in history yet, and reports it when history has it', async () => {
		scnet.sandbox.hpc.configure({ realtimeRetentionMs: 0, historyDelayMs: 3_600_000 });
		const jobId = await submit();
		scnet.sandbox.hpc.setState(jobId, 'statR');
		const trigger = finishedTrigger();
		await trigger.poll();
		scnet.sandbox.hpc.setState(jobId, 'statC');

		expect(await trigger.poll()).toBeNull();
		expect(seenJobs(trigger.staticData)).toEqual([jobId]);

		scnet.sandbox.hpc.configure({ historyDelayMs: 0 });
		expect(emitted(await trigger.poll()).map((job) => [job.jobId, job.state])).toEqual([[jobId, 'Completed']]);
	});

	it('reports only the chosen final states, and a job reported as finished is not reported again', async () => {
		const [completed, failed] = [await submit('a'), await submit('b')];
		const trigger = finishedTrigger({ states: ['Failed', 'TimedOut'] });
		await trigger.poll();
		scnet.sandbox.hpc.setState(completed, 'statC');
		scnet.sandbox.hpc.setState(failed, 'statT');

		expect(emitted(await trigger.poll()).map((job) => [job.jobId, job.state])).toEqual([[failed, 'TimedOut']]);
		expect(await trigger.poll()).toBeNull();
	});

	it('records nothing when a poll fails, and the next poll reports what happened meanwhile, once', async () => {
		const jobId = await submit();
		const trigger = finishedTrigger();
		await trigger.poll();
		scnet.sandbox.hpc.setState(jobId, 'statC');
		const before = JSON.stringify(trigger.staticData.jobs);
		scnet.sandbox.addFault({ when: (request) => request.path === JOBS_PATH, times: 3, respond: { status: 503, body: 'busy' } });

		await expect(trigger.poll()).rejects.toThrow(/HTTP 503/);
		expect(JSON.stringify(trigger.staticData.jobs)).toBe(before);
		expect(emitted(await trigger.poll()).map((job) => job.jobId)).toEqual([jobId]);
		expect(await trigger.poll()).toBeNull();
	});

	it('reports a failed job as Failed even while the realtime list shows it as completed', async () => {
		scnet.sandbox.hpc.configure({ failureShowsCompleted: true });
		const jobId = await submit();
		const trigger = finishedTrigger({ states: ['Failed'] });
		await trigger.poll();
		scnet.sandbox.hpc.setState(jobId, 'statE');

		expect(emitted(await trigger.poll()).map((job) => [job.jobId, job.state, job.rawState])).toEqual([[jobId, 'Failed', 'statC']]);
		expect(await trigger.poll()).toBeNull();
	});

	it('hands a test run the jobs that finished in the chosen states lately, and says so plainly when there are none', async () => {
		const trigger = finishedTrigger({ states: ['Failed'] });
		await expect(trigger.poll('manual')).rejects.toThrow(/^No job finished as Failed in the last day$/);

		const jobId = await submit();
		scnet.sandbox.hpc.setState(jobId, 'statE');
		expect(emitted(await trigger.poll('manual')).map((job) => [job.jobId, job.state])).toEqual([[jobId, 'Failed']]);
		// A test run records nothing.
		expect(trigger.staticData.jobs).toBeUndefined();
	});
});

describe('SCNet Trigger: Job State Changed', () => {
	it("starts afresh for another scheduler: one scheduler's jobs are never compared with the state of another", async () => {
		const first = pollingTrigger(hpcToken(scnet.sandbox), { event: 'jobStateChanged' });
		await submit('on-first');
		await first.poll();
		const second = pollingTrigger(hpcToken(scnet.sandbox), { event: 'jobStateChanged', scheduler: OTHER_SCHEDULER });
		second.staticData.jobs = JSON.parse(JSON.stringify(first.staticData.jobs));
		await runJob(scnet, 'submit', submitParameters({ scheduler: OTHER_SCHEDULER, queue: 'comp', workDir: HOME }));

		// Compared with the first scheduler's state, the second's job would come as submitted since.
		expect(await second.poll()).toBeNull();
		expect((second.staticData.jobs as { scope: string }).scope).toMatch(new RegExp(`/${OTHER_SCHEDULER}$`));
	});

	it('reports each change with the previous state, and a job submitted since the last poll with none', async () => {
		const queued = await submit('q');
		const trigger = pollingTrigger(hpcToken(scnet.sandbox), { event: 'jobStateChanged' });
		await trigger.poll();
		scnet.sandbox.hpc.setState(queued, 'statR');
		const fresh = await submit('fresh');

		const changes = emitted(await trigger.poll()).map((job) => [job.jobId, job.previousState, job.state]);
		expect(changes.sort()).toEqual(
			[
				[queued, 'Queued', 'Running'],
				[fresh, null, 'Queued'],
			].sort(),
		);
		expect(await trigger.poll()).toBeNull();
	});
});
