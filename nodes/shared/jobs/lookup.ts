import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../transport';
import { HPC } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';
import { JobLister } from './jobLists';

/** How far back history is searched for a job that has left the realtime list. */
export const HISTORY_LOOKBACK_DAYS = 30;

export type JobLookup =
	| { ok: true; job: IDataObject; source: 'realtime' | 'history' }
	| { ok: false; failure: ScnetFailure };

/**
 * What SCNet may answer for a job that is no longer in the realtime list (it is UNKNOWN, and
 * clients saw several): no object in `data`, HTTP 404, or an error code with Slurm's "invalid
 * job id". Any of them sends the look-up to history; other failures (a refused token, a
 * timeout) are failures.
 */
function leftRealtime(result: Awaited<ReturnType<ScnetClient['request']>>): boolean {
	if (result.ok) return !result.data || typeof result.data !== 'object' || Array.isArray(result.data);
	const { code, httpCode } = result.failure;
	return httpCode === 404 || code === 'HTTP_404' || code === '10001' || code === '10004';
}

/**
 * One job: from the realtime list while it is there (finished jobs stay about five minutes),
 * then from history (found by its ID within the last `HISTORY_LOOKBACK_DAYS` days).
 */
export async function lookUpJob(client: ScnetClient, scheduler: string, jobId: string, settings: RequestSettings, zone: string): Promise<JobLookup> {
	const realtime = await client.request('hpc', 'GET', HPC.job(jobId), {}, settings);
	if (realtime.ok && !leftRealtime(realtime)) return { ok: true, job: { jobId, ...(realtime.data as IDataObject) }, source: 'realtime' };
	if (!realtime.ok && !leftRealtime(realtime)) return realtime;
	const now = Date.now();
	const window = { from: new Date(now - HISTORY_LOOKBACK_DAYS * 86400000), to: new Date(now + 60000), zone, jobId };
	const history = await new JobLister(client, scheduler, settings).historyPage(0, 10, window);
	if (!history.ok) return history;
	const job = history.page.entries.find((entry) => entry.id === jobId);
	if (job) return { ok: true, job: withoutAddedId(job), source: 'history' };
	const said = realtime.ok ? 'no job' : `'${realtime.failure.scnetMessage ?? realtime.failure.message}'`;
	return {
		ok: false,
		failure: {
			code: 'JOB_NOT_FOUND',
			message: `SCNet knows no job ${jobId} on scheduler ${scheduler}: the realtime list answered ${said}, and history of the last ${HISTORY_LOOKBACK_DAYS} days does not hold it`,
			description: 'Check the job ID and the scheduler. A job just submitted may take a moment to show; one that finished long ago is past the history searched.',
			scope: 'batch',
		},
	};
}

/** An entry as SCNet sent it: the lister adds `id` (text) to every entry it reads. */
export function withoutAddedId(entry: IDataObject): IDataObject {
	const { id: added, ...job } = entry;
	return 'jobId' in job ? job : { ...job, jobId: added };
}
