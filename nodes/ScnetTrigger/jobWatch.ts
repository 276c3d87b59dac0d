import { isFinal, JOB_STATES, type JobState } from '../shared/jobs/states';

/*
 * What the trigger remembers of the jobs between polls, and what changed since. Kept in the
 * workflow's static data, so it stays small: per job only its state and when it was last listed.
 */

/** `[state, last listed (epoch ms)]` per job ID. */
export type SeenJob = [state: JobState, lastListed: number];

export interface JobWatchState {
	/** The account, region, HPC service and scheduler the state is about. */
	scope: string;
	seen: Record<string, SeenJob>;
}

export interface JobChange {
	jobId: string;
	state: JobState;
	/** Null for a job submitted since the last poll. */
	previousState: JobState | null;
	/** It reached a final state with this change: once per job. */
	finished: boolean;
}

/** A job that left the realtime list and is not (yet) in history is forgotten after this, without an event. */
export const FORGET_AFTER_MS = 30 * 86400000;

export function isJobWatchState(value: unknown): value is JobWatchState {
	const state = value as JobWatchState | null;
	return !!state && typeof state === 'object' && typeof state.scope === 'string' && !!state.seen && typeof state.seen === 'object';
}

/**
 * Compares the jobs listed now (the realtime list, read whole) with the last poll's state.
 * A job the last poll knew that is no longer listed has left the realtime list: it is never
 * reported as vanished; `history` says what it ended as, and until it does the job is kept as it
 * was. Without a previous state (the first poll) nothing has changed: what is listed is recorded,
 * and jobs already finished are not reported.
 */
export function compareJobs(
	previous: JobWatchState | undefined,
	listed: ReadonlyArray<{ jobId: string; state: JobState }>,
	history: ReadonlyMap<string, JobState>,
	now: number,
): { changes: JobChange[]; seen: Record<string, SeenJob> } {
	const changes: JobChange[] = [];
	const seen: Record<string, SeenJob> = {};
	const change = (jobId: string, state: JobState, before: SeenJob | undefined) =>
		changes.push({ jobId, state, previousState: before?.[0] ?? null, finished: isFinal(state) && !(before && isFinal(before[0])) });
	for (const { jobId, state } of listed) {
		if (jobId in seen) continue;
		const before = previous?.seen[jobId];
		if (previous && (!before || before[0] !== state)) change(jobId, state, before);
		seen[jobId] = [state, now];
	}
	for (const [jobId, before] of Object.entries(previous?.seen ?? {})) {
		if (jobId in seen || !isSeenJob(before)) continue;
		const ended = history.get(jobId);
		// Read from history: what it ended as, reported if it differs; then it needs watching no more.
		if (ended !== undefined) {
			if (ended !== before[0]) change(jobId, ended, before);
			continue;
		}
		if (now - before[1] <= FORGET_AFTER_MS) seen[jobId] = before;
	}
	return { changes, seen };
}

function isSeenJob(value: unknown): value is SeenJob {
	return Array.isArray(value) && JOB_STATES.includes(value[0]) && typeof value[1] === 'number';
}
