import { NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { readDateTime } from '../shared/helpers/dates';
import { HpcAccount } from '../shared/jobs/hpcAccount';
import { JobLister } from '../shared/jobs/jobLists';
import { jobView, simplifiedJob } from '../shared/jobs/jobView';
import { lookUpJob, withoutAddedId } from '../shared/jobs/lookup';
import { FINAL_STATES, isFinal, jobStateOf, type JobState } from '../shared/jobs/states';
import { readChoices } from '../shared/parameters/readers';
import { callError } from '../shared/results';
import { ScnetClient } from '../shared/transport';
import { POLL_SETTINGS, SAMPLE_SIZE } from './containerPoll';
import { compareJobs, historyFrom, isJobWatchState, type JobChange, type JobWatchState } from './jobWatch';

/** Jobs per list request of a poll. */
const PAGE_SIZE = 100;
/**
 * At most this many jobs are looked up (with a Get) for their items in one poll; the others keep
 * their last state and are reported by the next polls, never lost.
 */
export const MAX_JOB_LOOKUPS_PER_POLL = 50;

export const DEFAULT_FINISHED_STATES: JobState[] = [...FINAL_STATES];

/**
 * One poll for a job event of one scheduler: read the realtime list whole and history since the
 * last poll, compare with the last poll, and emit each change once, as Get shows the job.
 */
export async function pollJobs(context: IPollFunctions, event: 'jobFinished' | 'jobStateChanged', zone: string, simplify = false): Promise<INodeExecutionData[][] | null> {
	const node = context.getNode();
	const shape = (job: IDataObject) => (simplify ? simplifiedJob(job) : job);
	const states =
		event === 'jobFinished' ? (readChoices({ node, label: 'States' }, context.getNodeParameter('states', DEFAULT_FINISHED_STATES), FINAL_STATES, { required: true }) as JobState[]) : [];
	const client = await ScnetClient.connect(context);
	const account = await HpcAccount.open(client, POLL_SETTINGS);
	if (!(account instanceof HpcAccount)) throw callError(node, account.failure);
	const chosen = context.getNodeParameter('scheduler', '') as unknown;
	const scheduler = account.scheduler(typeof chosen === 'string' || typeof chosen === 'number' ? String(chosen) : '');
	if (!scheduler) throw new NodeOperationError(node, `'Scheduler' names no scheduler of the region: ${JSON.stringify(chosen)}`, { description: 'Choose one from the list.' });
	const lister = new JobLister(client, scheduler.id, POLL_SETTINGS);
	const listed = await lister.realtime({}, PAGE_SIZE);
	// Nothing is recorded: the next poll compares with the last one that worked, so no change is lost.
	if (!listed.ok) throw callError(node, listed.failure);
	const now = Date.now();
	const rows = listed.jobs.map((job) => ({ jobId: String(job.id), state: jobStateOf(job) }));

	if (context.getMode() === 'manual') return [context.helpers.returnJsonArray(await manualSample(node, lister, listed.jobs, event, states, zone, shape))];

	const staticData = context.getWorkflowStaticData('node');
	const scope = `${client.scopeOf('hpc')}/${scheduler.id}`;
	const stored = isJobWatchState(staticData.jobs) && staticData.jobs.scope === scope ? staticData.jobs : undefined;
	const from = historyFrom(stored, new Set(rows.map((row) => row.jobId)), now);
	const history = stored ? await lister.history({ from: new Date(from), to: new Date(now + 60000), zone }, {}, PAGE_SIZE) : { ok: true as const, jobs: [] };
	if (!history.ok) throw callError(node, history.failure);
	const ended = history.jobs.map((job) => ({ jobId: String(job.id), state: jobStateOf(job), endedAt: readDateTime(job.jobEndTime, zone)?.getTime() }));
	const { changes, state } = compareJobs(stored, rows, ended, { now, from });

	const items: IDataObject[] = [];
	const reported = changes.filter((change) => event === 'jobStateChanged' || (change.finished && states.includes(change.state)));
	// A change not reported now (its job could not be read) is found again, and reported, by a later poll.
	const keepAsBefore = ({ jobId }: JobChange) => {
		const before = stored?.seen[jobId];
		if (before) state.seen[jobId] = before;
		else delete state.seen[jobId];
		if (!(jobId in (stored?.done ?? {}))) delete state.done[jobId];
	};
	for (const change of reported.slice(0, MAX_JOB_LOOKUPS_PER_POLL)) {
		const found = await lookUpJob(client, scheduler.id, change.jobId, POLL_SETTINGS, zone);
		if (!found.ok) {
			keepAsBefore(change);
			continue;
		}
		const job = jobView(found.job, zone, change.jobId);
		const shown = job.state as JobState;
		if (event === 'jobStateChanged' || (isFinal(shown) && states.includes(shown))) items.push({ ...shape(job), previousState: change.previousState });
		if (change.jobId in state.seen) state.seen[change.jobId] = [shown, state.seen[change.jobId][1]];
	}
	for (const change of reported.slice(MAX_JOB_LOOKUPS_PER_POLL)) keepAsBefore(change);
	staticData.jobs = { scope, ...state } satisfies JobWatchState as unknown as IDataObject;
	return items.length > 0 ? [context.helpers.returnJsonArray(items)] : null;
}

/**
 * "Fetch Test Event" (and a manual run): jobs the published trigger could report now, shaped as
 * its items — finished ones in the chosen states (the realtime list, then the last day of
 * history), or the newest jobs for a state change. Never others.
 */
async function manualSample(
	node: INode,
	lister: JobLister,
	listed: IDataObject[],
	event: string,
	states: JobState[],
	zone: string,
	shape: (job: IDataObject) => IDataObject,
): Promise<IDataObject[]> {
	const shown = (job: IDataObject) => {
		const view = jobView(withoutAddedId(job), zone);
		return { ...shape(view), previousState: view.state };
	};
	if (event === 'jobStateChanged') {
		if (listed.length === 0) throw new NodeOperationError(node, 'No job is in the realtime list now', { description: 'Submit a job, then test again.' });
		return listed.slice(0, SAMPLE_SIZE).map(shown);
	}
	const finished = (job: IDataObject) => states.includes(jobStateOf(job));
	let sample = listed.filter(finished).slice(0, SAMPLE_SIZE);
	if (sample.length < SAMPLE_SIZE) {
		const now = Date.now();
		const recent = await lister.history({ from: new Date(now - 86400000), to: new Date(now + 60000), zone }, {}, PAGE_SIZE, SAMPLE_SIZE, finished);
		if (recent.ok) sample = [...sample, ...recent.jobs.filter((job) => !sample.some((one) => one.id === job.id))].slice(0, SAMPLE_SIZE);
	}
	if (sample.length === 0) {
		throw new NodeOperationError(node, `No job finished as ${states.join(', ')} in the last day`, {
			description: 'A test run only hands on jobs the published trigger could report. Test again once a job has finished, or change the states.',
		});
	}
	return sample.map(shown);
}
