/**
 * The realtime side of the job routes: submit, the realtime list and one job's detail
 * (reference §2.4–2.6). Finished jobs stay here until `realtimeRetentionMs` has passed.
 */
import { fail, jsonOf, ok, type HpcAnswer, type HpcHandler } from './exchange';
import { isAnswer, listAnswer, readPage, readSchedulers } from './listing';
import type { MissingJobAnswer } from './settings';
import { readSubmission } from './submit';
import { jobDetail, realtimeEntry } from './views';

/** Answers the new job's ID as text in `data`, as live clients read it (T). */
export const submit: HpcHandler = (request, { store, clusterUser }) => {
	const spec = readSubmission(jsonOf(request), clusterUser());
	return isAnswer(spec) ? spec : ok(store.submit(spec).id);
};

/** `GET /jobs`: the scheduler (required), the filters the page documents, and the page. */
export const realtimeList: HpcHandler = ({ query }, { store }) => {
	const schedulers = readSchedulers(query, 'strClusterIDList');
	if (isAnswer(schedulers)) return schedulers;
	const page = readPage(query, false);
	if (isAnswer(page)) return page;
	const now = Date.now();
	const wanted = (name: string, value: string) => {
		const filter = query.get(name);
		return !filter || value === filter;
	};
	const jobs = store.all(now).filter((job) => {
		const shown = realtimeEntry(job, store.settings, now);
		return (
			store.inRealtime(job, now) &&
			schedulers.includes(job.schedulerId) &&
			wanted('strJobOwner', job.user) &&
			wanted('strJobId', job.id) &&
			wanted('strQueueName', job.queue) &&
			wanted('strJobStat', shown.jobStatus) &&
			// A name filter that matches part of the name, like the console's search box (a guess).
			job.name.includes(query.get('strJobName') ?? '')
		);
	});
	return listAnswer(jobs, page, store.settings.pageCap, (job) => realtimeEntry(job, store.settings, now));
};

/** `GET /jobs/{jobId}`: only while the job is in the realtime list; after that, what `missingJob` says. */
export const detail: HpcHandler = ({ path, pathParams: [jobId] }, { store }) => {
	const job = store.get(jobId);
	if (job && store.inRealtime(job)) return ok(jobDetail(job, store.settings));
	return missingJob(store.settings.missingJob, jobId, path);
};

function missingJob(answer: MissingJobAnswer, jobId: string, path: string): HpcAnswer {
	if (answer === 'null') return ok(null);
	if (answer === 'http404') return { status: 404, body: { timestamp: new Date().toISOString(), status: 404, error: 'Not Found', path } };
	return fail('10001', `slurm_load_jobs error: Invalid job id specified: ${jobId}`);
}
