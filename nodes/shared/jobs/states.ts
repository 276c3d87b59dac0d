import type { IDataObject } from 'n8n-workflow';

/** A job's state, normalised from SCNet's codes (reference §2.9); what users branch on. */
export type JobState = 'Queued' | 'Running' | 'Completed' | 'Failed' | 'Cancelled' | 'TimedOut' | 'Unknown';

export const JOB_STATES: readonly JobState[] = ['Queued', 'Running', 'Completed', 'Failed', 'Cancelled', 'TimedOut', 'Unknown'];

/** The states a job does not leave. `Unknown` is not one: it may be anything, so it is never taken for an end. */
export const FINAL_STATES: readonly JobState[] = ['Completed', 'Failed', 'Cancelled', 'TimedOut'];

/**
 * SCNet's codes: the official ones (`statR`, `statQ`, `statH`, `statS`, `statE`, `statC`, `statW`,
 * `statX`) and those live clients saw (`statD`, `statDE`, `statT`, `statN`, `statRQ`, `statEX`).
 * `statX` is "other": Unknown, like any code not listed, never a guess.
 */
const BY_CODE: Readonly<Record<string, JobState>> = {
	statQ: 'Queued',
	statW: 'Queued',
	statH: 'Queued',
	statR: 'Running',
	statS: 'Running',
	statRQ: 'Running',
	statC: 'Completed',
	statD: 'Failed',
	statE: 'Failed',
	statEX: 'Failed',
	statN: 'Failed',
	statDE: 'Cancelled',
	statT: 'TimedOut',
};

/** Slurm's own words for a job that failed, seen under a `statC` that lags behind (reference §2.9). */
const SLURM_FAILED = new Set(['FAILED', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE']);
const FAILED_REASONS = new Set(['NonZeroExitCode', 'OutOfMemory', 'NodeFail']);

/** SCNet's raw state of a job: the realtime list says `jobStatus`, history `jobState`. */
export function rawStateOf(job: IDataObject): string {
	const raw = job.jobStatus ?? job.jobState;
	return typeof raw === 'string' ? raw.trim() : '';
}

/**
 * The normalised state of a job as SCNet shows it. A `statC` job whose Slurm state or reason says
 * it failed is `Failed`: the realtime list can show `statC` for a failed job (a live client saw it).
 */
export function jobStateOf(job: IDataObject): JobState {
	const state = BY_CODE[rawStateOf(job)] ?? 'Unknown';
	if (state !== 'Completed') return state;
	const slurm = String((job.jobInitAttr as IDataObject | undefined)?.JobState ?? '').trim().toUpperCase();
	const reason = String(job.reason ?? '').trim();
	return SLURM_FAILED.has(slurm) || FAILED_REASONS.has(reason) ? 'Failed' : state;
}

export const isFinal = (state: JobState): boolean => FINAL_STATES.includes(state);
