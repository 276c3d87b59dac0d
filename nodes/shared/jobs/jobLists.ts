import type { IDataObject } from 'n8n-workflow';

import { formatWallTime } from '../helpers/dates';
import { readAll, readPage, type PageResult } from '../listing';
import type { RequestSettings, ScnetClient } from '../transport';
import { HPC } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';

/*
 * The two job lists: the realtime list (queued and running jobs, and finished ones for about
 * five minutes) and history (finished jobs, in a time window). Both page by offset and answer
 * `{ total, list }` (as live clients read them; read in every plausible shape), so both are read
 * whole or fail, as the container list is.
 */

/** Where SCNet may put a job's ID. */
const ID_KEYS = ['jobId', 'id', 'jobid'];

/** What both lists can be asked to filter by on SCNet's side (checked again on ours). */
export interface JobFilters {
	name?: string;
	queue?: string;
}

/** History's window, and the zone SCNet's zone-less times are written in (China time). */
export interface HistoryWindow {
	from: Date;
	to: Date;
	zone: string;
	jobId?: string;
}

export type JobsResult = { ok: true; jobs: IDataObject[] } | { ok: false; failure: ScnetFailure };

/**
 * History's scheduler parameter is documented as `strClusterNameList`; live clients send
 * `strClusterIDList`. The documented one goes first; a "missing parameters" answer (`10003`) tries
 * the other, which is then kept for the client's later calls.
 */
type HistorySchedulerParam = 'strClusterNameList' | 'strClusterIDList';
const historyParamOf = new WeakMap<ScnetClient, HistorySchedulerParam>();

export class JobLister {
	constructor(
		private readonly client: ScnetClient,
		private readonly scheduler: string,
		private readonly settings: RequestSettings,
	) {}

	/** One page of the realtime list. */
	async realtimePage(start: number, limit: number, filters: JobFilters = {}, jobId?: string): Promise<PageResult> {
		const qs = { strClusterIDList: this.scheduler, start, limit, strJobName: filters.name, strQueueName: filters.queue, strJobId: jobId };
		const result = await this.client.request('hpc', 'GET', HPC.jobs, { qs }, this.settings);
		return pageOf(result.ok ? { data: result.data } : { failure: result.failure }, 'realtime job list');
	}

	/** One page of history. */
	async historyPage(start: number, limit: number, window: HistoryWindow, filters: JobFilters = {}): Promise<PageResult> {
		const qs = {
			startTime: formatWallTime(window.from, window.zone),
			endTime: formatWallTime(window.to, window.zone),
			timeType: 'CUSTOM',
			// Filter by end time, as the page recommends.
			isQueryByQueueTime: false,
			jobId: window.jobId,
			queue: filters.queue,
			jobName: filters.name,
			sort: 'DESC',
			orderBy: 'jobId',
			start,
			limit,
		};
		const send = async (name: HistorySchedulerParam) => ({
			name,
			result: await this.client.request('hpc', 'GET', HPC.history, { qs: { [name]: this.scheduler, ...qs } }, this.settings),
		});
		const known = historyParamOf.get(this.client);
		let sent = await send(known ?? 'strClusterNameList');
		if (!known && !sent.result.ok && sent.result.failure.code === '10003') sent = await send('strClusterIDList');
		if (sent.result.ok) historyParamOf.set(this.client, sent.name);
		return pageOf(sent.result.ok ? { data: sent.result.data } : { failure: sent.result.failure }, 'job history');
	}

	/** Every job of the realtime list that passes `keep`, each once; all or a failure. */
	async realtime(filters: JobFilters, pageSize: number, wanted?: number, keep?: (job: IDataObject) => boolean): Promise<JobsResult> {
		const read = await readAll((start, limit) => this.realtimePage(start, limit, filters), { noun: 'job', pageSize, wanted, keep });
		return read.ok ? { ok: true, jobs: read.entries } : read;
	}

	/** Every job of history in the window that passes `keep`, each once; all or a failure. */
	async history(window: HistoryWindow, filters: JobFilters, pageSize: number, wanted?: number, keep?: (job: IDataObject) => boolean): Promise<JobsResult> {
		const read = await readAll((start, limit) => this.historyPage(start, limit, window, filters), { noun: 'finished job', pageSize, wanted, keep });
		return read.ok ? { ok: true, jobs: read.entries } : read;
	}
}

function pageOf(answer: { data: unknown } | { failure: ScnetFailure }, what: string): PageResult {
	if ('failure' in answer) return { ok: false, failure: answer.failure };
	// A realtime list without jobs may come as `null` (a live client saw it for per-queue counts).
	const page = answer.data === null ? { entries: [], withoutId: 0 } : readPage(answer.data, ID_KEYS);
	if (page) return { ok: true, page };
	return {
		ok: false,
		failure: {
			code: 'INVALID_RESPONSE',
			message: `SCNet answered the ${what} with something that is not a list`,
			description: "Check that the credential's HPC service URL is right; if it is, please report the answer's shape.",
			scope: 'batch',
		},
	};
}
