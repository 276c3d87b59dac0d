import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../helpers/dates';
import { countOf, textOrNull } from '../helpers/simplified';
import { isFinal, jobStateOf, rawStateOf, slurmAttributesOf } from './states';

/**
 * A job as the node outputs it (Get, Get Many, the trigger): SCNet's fields as they came, plus
 * the same names whichever list it came from — the realtime list and history name several of
 * them differently — and its times read in `zone` (SCNet writes China time without a zone) and
 * written as ISO 8601, null where SCNet gives none.
 */
export function jobView(job: IDataObject, zone: string, fallbackId?: string): IDataObject {
	const id = job.jobId ?? job.id ?? fallbackId;
	const time = (...keys: string[]) => {
		const instant = keys.map((key) => readDateTime(job[key], zone)).find((date) => date !== undefined);
		return instant ? instant.toISOString() : null;
	};
	return {
		...job,
		jobId: id === undefined || id === null ? null : String(id),
		name: textOf(job.jobName ?? job.name),
		queue: textOf(job.queue ?? job.queueName),
		state: jobStateOf(job),
		rawState: rawStateOf(job) || null,
		exitCode: exitCodeOf(job),
		submittedAt: time('jobSubmitTime', 'jobQueueTime', 'submitTime'),
		startedAt: time('jobStartTime', 'startTime'),
		finishedAt: time('jobEndTime', 'endTime'),
	};
}

const textOf = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);

/**
 * The job's exit code as a number, where SCNet gives one: history's `jobExitStatus`, or Slurm's
 * `exit:signal` (`1:0`) in the detail's `exitCode` or `jobInitAttr.ExitCode`. Null when unknown:
 * for a job that has not finished (Slurm shows `0:0` until it has), and for one in an unknown
 * state except from history's own field.
 */
export function exitCodeOf(job: IDataObject): number | null {
	const state = jobStateOf(job);
	if (state === 'Queued' || state === 'Running') return null;
	const sources = isFinal(state) ? [job.jobExitStatus, job.exitCode, slurmAttributesOf(job).ExitCode] : [job.jobExitStatus];
	for (const value of sources) {
		if (typeof value === 'number' && Number.isInteger(value)) return value;
		const match = typeof value === 'string' ? /^\s*(-?\d+)(?::\d+)?\s*$/.exec(value) : null;
		if (match) return Number(match[1]);
	}
	return null;
}

/** What 'Simplify' keeps of a job, as its description says it. */
export const SIMPLIFIED_JOB_FIELDS = "each job's ID, name, state, queue, user, cores, times (ISO 8601), exit code and reason";

/**
 * A job as 'Simplify' outputs it (`job` is its `jobView`): flat, the same fields whichever list
 * it came from — ID, name, normalised state, queue, user, cores, the times as ISO 8601 in UTC,
 * the exit code, and Slurm's reason (null for its `None`).
 */
export function simplifiedJob(job: IDataObject): IDataObject {
	const reason = textOrNull(job.reason);
	return {
		jobId: textOrNull(job.jobId),
		jobName: textOrNull(job.name ?? job.jobName),
		state: textOrNull(job.state),
		queue: textOrNull(job.queue ?? job.queueName),
		user: textOrNull(job.user ?? job.userName),
		cores: countOf(job.procNumReq ?? job.jobProcNum ?? job.procNumUsed),
		submittedAt: textOrNull(job.submittedAt),
		startedAt: textOrNull(job.startedAt),
		finishedAt: textOrNull(job.finishedAt),
		exitCode: typeof job.exitCode === 'number' ? job.exitCode : null,
		reason: reason === null || reason.toLowerCase() === 'none' ? null : reason,
	};
}
