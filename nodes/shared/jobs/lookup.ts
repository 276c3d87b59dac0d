import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../transport';
import type { ScnetResult } from '../transport/answer';
import { HPC } from '../transport/endpoints';
import { TRANSIENT_CODES, type ScnetFailure } from '../transport/errorCodes';
import { JobLister } from './jobLists';

/** How far back history is searched for a job that has left the realtime list. */
export const HISTORY_LOOKBACK_DAYS = 30;

export type JobLookup =
	| { ok: true; job: IDataObject; source: 'realtime' | 'history' }
	| { ok: false; failure: ScnetFailure };

/**
 * What SCNet may answer for a job that is no longer in the realtime list (it is UNKNOWN, and
 * clients saw several): no object in `data`, HTTP 404, or an error code (Slurm's "invalid job
 * id" came as 10001). Any of them sends the look-up to history. Failures that say nothing of the
 * job are failures: the credential or account refused (any code of scope `account` but a 404),
 * a passing fault that outlived its retries, a timeout, a gateway page.
 */
function leftRealtime(result: ScnetResult): boolean {
	if (result.ok) return !result.data || typeof result.data !== 'object' || Array.isArray(result.data);
	const { code, httpCode, scope } = result.failure;
	if (httpCode === 404 || code === 'HTTP_404') return true;
	// SCNet's own codes (digits); ours are words (HTTP_503, TIMEOUT, INVALID_RESPONSE, …).
	return /^\d+$/.test(code) && scope !== 'account' && !TRANSIENT_CODES.has(code) && (httpCode === undefined || httpCode < 500);
}

/** History is asked for the job by ID; a server that ignored the filter is read on until it is found. */
const HISTORY_PAGE = 100;

/**
 * One job: from the realtime list while it is there (finished jobs stay about five minutes),
 * then from history (found by its ID within the last `HISTORY_LOOKBACK_DAYS` days).
 */
export async function lookUpJob(client: ScnetClient, scheduler: string, jobId: string, settings: RequestSettings, zone: string): Promise<JobLookup> {
	const realtime = await client.request('hpc', 'GET', HPC.job(jobId), {}, settings);
	if (!leftRealtime(realtime)) return realtime.ok ? { ok: true, job: { jobId, ...(realtime.data as IDataObject) }, source: 'realtime' } : realtime;
	const now = Date.now();
	const window = { from: new Date(now - HISTORY_LOOKBACK_DAYS * 86400000), to: new Date(now + 60000), zone, jobId };
	const history = await new JobLister(client, scheduler, settings).history(window, {}, HISTORY_PAGE, 1, (entry) => entry.id === jobId);
	if (!history.ok) return history;
	const [job] = history.jobs;
	if (job) return { ok: true, job: withoutAddedId(job), source: 'history' };
	const said = realtime.ok ? 'no job' : realtime.failure.scnetMessage ? `'${realtime.failure.scnetMessage}'` : `code ${realtime.failure.code}`;
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
