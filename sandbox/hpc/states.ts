/**
 * SCNet's raw job state codes (platform reference §2.9). The sandbox answers these codes, never
 * normalised names, so the node's own mapping is what gets tested.
 */

/** The official enum (C) plus the codes third-party clients saw in results (T). */
export const RAW_STATES = [
	'statQ', // queued (C)
	'statW', // waiting (C)
	'statH', // held (C)
	'statR', // running (C)
	'statS', // suspended (C)
	'statRQ', // requeued (T)
	'statC', // completed (C)
	'statE', // exited (C): what the sandbox answers for a failed job unless told `statD`
	'statD', // failed (T)
	'statEX', // abnormal (T, one client only)
	'statN', // node failure (T)
	'statDE', // cancelled / deleted (T): what a cancel leads to
	'statT', // timeout (T): what a job past its wall time becomes
	'statX', // other (C)
] as const;

export type RawState = (typeof RAW_STATES)[number];

/** States a job never leaves by itself; it then leaves the realtime list and enters history. */
const TERMINAL: readonly RawState[] = ['statC', 'statE', 'statD', 'statEX', 'statN', 'statDE', 'statT'];

const QUEUED: readonly RawState[] = ['statQ', 'statW', 'statH'];

export const isTerminal = (state: RawState): boolean => TERMINAL.includes(state);

export const isQueued = (state: RawState): boolean => QUEUED.includes(state);

export const isRawState = (value: unknown): value is RawState => RAW_STATES.includes(value as RawState);

/**
 * Slurm's own name for a state, for `jobInitAttr.JobState` in the detail: one live client trusts it
 * over `jobStatus`, which can lag and say `statC` for a failed job.
 */
export function slurmState(state: RawState): string {
	if (isQueued(state)) return 'PENDING';
	const names: Partial<Record<RawState, string>> = {
		statR: 'RUNNING',
		statS: 'SUSPENDED',
		statRQ: 'REQUEUED',
		statC: 'COMPLETED',
		statN: 'NODE_FAIL',
		statDE: 'CANCELLED',
		statT: 'TIMEOUT',
		statX: 'UNKNOWN',
	};
	return names[state] ?? 'FAILED';
}

/** Slurm's `Reason` for a state, which the lists carry as `reason`. */
export function slurmReason(state: RawState): string {
	if (isQueued(state)) return state === 'statH' ? 'JobHeldUser' : 'Priority';
	const reasons: Partial<Record<RawState, string>> = { statE: 'NonZeroExitCode', statD: 'NonZeroExitCode', statT: 'TimeLimit', statN: 'NodeDown' };
	return reasons[state] ?? 'None';
}
