/**
 * How the sandbox's HPC side behaves, where the reference leaves the platform's behaviour open
 * (UNKNOWN) or where live clients disagree: each choice is a setting, so the node can be tested
 * against every plausible platform. Changed with `sandbox.hpc.configure`, restored on reset.
 */
import type { RawState } from './states';

/** Where the cancel call's `jobMethod` and `strJobInfoMap` are read from. */
export type CancelParams =
	/** The query string only (default): a live TypeScript client found the gateway ignores DELETE bodies. */
	| 'query'
	/** A form body only, as the official examples send it: a query-only request gets `10003`. */
	| 'form';

/** What `GET /jobs/{jobId}` answers for a job that is not (or no longer) in the realtime list (UNKNOWN). */
export type MissingJobAnswer =
	/** Code 10001 with Slurm's text in `msg`, the way scheduler refusals come back (default, a guess). */
	| 'error'
	/** Code "0" and `data: null`. */
	| 'null'
	/** HTTP 404 with a Spring-style JSON body. */
	| 'http404';

/** The parameter names `GET /historyjobs` takes the scheduler ID from. */
export type HistorySchedulerParam = 'strClusterNameList' | 'strClusterIDList';

export interface HpcSettings {
	/** How long a submitted job stays `statQ` before it runs. */
	queueDelayMs: number;
	/** How long a job runs before it finishes by itself (unless its wall time is shorter: then `statT`). */
	runDelayMs: number;
	/**
	 * How long a finished job stays in the realtime list. The platform says 5 minutes; the sandbox
	 * defaults to one, so a demo or a test sees a job leave without waiting long.
	 */
	realtimeRetentionMs: number;
	/** How long after finishing a job appears in history (the platform's delay is UNKNOWN). */
	historyDelayMs: number;
	/** The code a job whose script exits non-zero ends with: `statE` (official "exited") or `statD` (third-party "failed"). */
	failedState: Extract<RawState, 'statE' | 'statD'>;
	/** The realtime list and detail say `statC` for a failed job, as one live client saw (history keeps the truth). */
	failureShowsCompleted: boolean;
	/** The most entries one page of `GET /jobs` or `GET /historyjobs` holds, whatever `limit` asks (UNKNOWN; a client caps at 100). */
	pageCap: number;
	missingJob: MissingJobAnswer;
	cancelParams: CancelParams;
	/** Which names `GET /historyjobs` accepts for the scheduler; a request with none of them gets `10003`. */
	historySchedulerParams: HistorySchedulerParam[];
}

export const defaultHpcSettings = (): HpcSettings => ({
	queueDelayMs: 1000,
	runDelayMs: 3000,
	realtimeRetentionMs: 60_000,
	historyDelayMs: 0,
	failedState: 'statE',
	failureShowsCompleted: false,
	pageCap: 100,
	missingJob: 'error',
	cancelParams: 'query',
	historySchedulerParams: ['strClusterNameList'],
});
