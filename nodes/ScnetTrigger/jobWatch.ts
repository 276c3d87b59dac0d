import { isFinal, JOB_STATES, type JobState } from '../shared/jobs/states';

/*
 * What the trigger remembers of the jobs between polls, and what changed since. Kept in the
 * workflow's static data, so it stays small: per job its state and when it was last listed, and
 * for finished jobs already dealt with, when they ended (until no later poll can read them again).
 */

/** `[state, last listed (epoch ms)]` per job ID. */
export type SeenJob = [state: JobState, lastListed: number];

export interface JobWatchState {
	/** The account, region, HPC service and scheduler the state is about. */
	scope: string;
	/** When the trigger began watching (its first poll): jobs that ended before are not reported. */
	startedAt: number;
	/** When the last poll began. */
	polledAt: number;
	/** The jobs of the realtime list, and those that left it and history does not hold yet. */
	seen: Record<string, SeenJob>;
	/** Finished jobs dealt with (reported or not), by when they ended: history shows them again for a while. */
	done: Record<string, number>;
}

/** A finished job as history shows it. */
export interface EndedJob {
	jobId: string;
	state: JobState;
	/** When it ended (epoch ms), or undefined when SCNet does not say. */
	endedAt?: number;
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

/**
 * How far before the last poll (or the last time a job was listed) history is read: a job stays in
 * the realtime list about five minutes after it ended, and SCNet's clock may differ from n8n's.
 */
export const HISTORY_MARGIN_MS = 15 * 60000;

export function isJobWatchState(value: unknown): value is JobWatchState {
	const state = value as JobWatchState | null;
	return (
		!!state &&
		typeof state === 'object' &&
		typeof state.scope === 'string' &&
		typeof state.startedAt === 'number' &&
		typeof state.polledAt === 'number' &&
		!!state.seen &&
		typeof state.seen === 'object' &&
		!!state.done &&
		typeof state.done === 'object'
	);
}

/** Where this poll reads history from: before the last poll, and before any job that left the realtime list was last listed. */
export function historyFrom(previous: JobWatchState | undefined, listedNow: ReadonlySet<string>, now: number): number {
	const left = Object.entries(previous?.seen ?? {}).filter(([jobId]) => !listedNow.has(jobId)).map(([, [, lastListed]]) => lastListed);
	return Math.min(previous?.polledAt ?? now, ...left) - HISTORY_MARGIN_MS;
}

/**
 * Compares the jobs listed now (the realtime list, read whole) and history since `from` with the
 * last poll's state:
 * - A listed job is new or has changed state.
 * - A job the last poll knew that is no longer listed has left the realtime list: it is never
 *   reported as vanished. History says what it ended as; until it does, it is kept as it was.
 * - A job only history holds, unknown so far, ran and ended between two polls: it is reported
 *   (submitted since, and finished) if it ended after the trigger began watching.
 * Without a previous state (the first poll) nothing has changed: what is listed is recorded, and
 * jobs already finished are not reported.
 */
export function compareJobs(
	previous: JobWatchState | undefined,
	listed: ReadonlyArray<{ jobId: string; state: JobState }>,
	history: ReadonlyArray<EndedJob>,
	{ now, from }: { now: number; from: number },
): { changes: JobChange[]; state: Omit<JobWatchState, 'scope'> } {
	const changes: JobChange[] = [];
	const seen: Record<string, SeenJob> = {};
	// What history can still show: entries that ended before this poll's window are dropped.
	const done: Record<string, number> = Object.fromEntries(Object.entries(previous?.done ?? {}).filter(([, endedAt]) => endedAt >= from - 60000));
	const change = (jobId: string, state: JobState, before: SeenJob | undefined) =>
		changes.push({ jobId, state, previousState: before?.[0] ?? null, finished: isFinal(state) && !(before && isFinal(before[0])) });
	for (const { jobId, state } of listed) {
		if (jobId in seen) continue;
		const before = previous?.seen[jobId];
		if (previous && (!before || before[0] !== state) && !(jobId in done)) change(jobId, state, before);
		seen[jobId] = [state, now];
	}
	const ended = new Map(history.map((job) => [job.jobId, job]));
	for (const [jobId, before] of Object.entries(previous?.seen ?? {})) {
		if (jobId in seen || !isSeenJob(before)) continue;
		const job = ended.get(jobId);
		// Read from history: what it ended as, reported if it differs; then it needs watching no more.
		if (job) {
			if (job.state !== before[0]) change(jobId, job.state, before);
			done[jobId] = job.endedAt ?? now;
			continue;
		}
		if (now - before[1] <= FORGET_AFTER_MS) seen[jobId] = before;
	}
	if (previous) {
		for (const job of history) {
			if (job.jobId in seen || job.jobId in done || job.jobId in previous.seen) continue;
			const endedAt = job.endedAt ?? now;
			// SCNet writes whole seconds.
			if (endedAt >= previous.startedAt - 1000) change(job.jobId, job.state, undefined);
			done[job.jobId] = endedAt;
		}
	}
	return { changes, state: { startedAt: previous?.startedAt ?? now, polledAt: now, seen, done } };
}

function isSeenJob(value: unknown): value is SeenJob {
	return Array.isArray(value) && JOB_STATES.includes(value[0]) && typeof value[1] === 'number';
}
