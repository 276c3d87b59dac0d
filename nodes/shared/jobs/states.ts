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
/** Slurm's words for the other ends a lagging `statC` can hide: Slurm's own state does not lag. */
const SLURM_ENDS: ReadonlyMap<string, JobState> = new Map([
	['TIMEOUT', 'TimedOut'],
	['CANCELLED', 'Cancelled'],
]);

/** SCNet's raw state of a job: the realtime list says `jobStatus`, history `jobState` (the first that holds text). */
export function rawStateOf(job: IDataObject): string {
	for (const raw of [job.jobStatus, job.jobState]) {
		if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
	}
	return '';
}

/** Slurm's own view of the job in the detail (`jobInitAttr`): an object, or the same as JSON text. */
export function slurmAttributesOf(job: IDataObject): IDataObject {
	let attributes: unknown = job.jobInitAttr;
	if (typeof attributes === 'string') {
		try {
			attributes = JSON.parse(attributes);
		} catch {
			return {};
		}
	}
	return attributes && typeof attributes === 'object' && !Array.isArray(attributes) ? (attributes as IDataObject) : {};
}

/**
 * The normalised state of a job as SCNet shows it. A `statC` job whose Slurm state or reason says
 * it failed is `Failed`: the realtime list can show `statC` for a failed job (a live client saw it);
 * one Slurm calls timed out or cancelled is that.
 */
export function jobStateOf(job: IDataObject): JobState {
	const raw = rawStateOf(job);
	// Own keys only: a code such as `constructor` is unknown, not Object's.
	const state = Object.prototype.hasOwnProperty.call(BY_CODE, raw) ? BY_CODE[raw] : 'Unknown';
	if (state !== 'Completed') return state;
	// `CANCELLED by 1234` is how Slurm writes a cancel.
	const slurm = String(slurmAttributesOf(job).JobState ?? '').trim().toUpperCase().split(/\s+/)[0];
	const reason = String(job.reason ?? '').trim();
	if (SLURM_FAILED.has(slurm) || FAILED_REASONS.has(reason)) return 'Failed';
	return SLURM_ENDS.get(slurm) ?? state;
}

export const isFinal = (state: JobState): boolean => FINAL_STATES.includes(state);
