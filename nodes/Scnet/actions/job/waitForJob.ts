import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { lookUpJob } from '../../../shared/jobs/lookup';
import { isFinal, jobStateOf, rawStateOf } from '../../../shared/jobs/states';
import { readWholeNumbers, wholeNumberOption, type WholeNumber } from '../../../shared/parameters/options';
import { readBoolean } from '../../../shared/parameters/readers';
import type { RequestSettings, ScnetClient } from '../../../shared/transport';
import type { ScnetFailure } from '../../../shared/transport/errorCodes';
import { pollUntil } from '../common/wait';

const WAIT_NUMBERS: Record<'waitTimeout' | 'pollInterval', WholeNumber> = {
	waitTimeout: { label: 'Wait Timeout', min: 1, max: 86400, default: 600 },
	// At least 5 s: SCNet documents no rate limit, and a job's state changes on Slurm's clock.
	pollInterval: { label: 'Poll Interval', min: 5, max: 3600, default: 30 },
};

/** Submit's options for waiting until the job has finished. */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Wait Until Finished',
		name: 'waitUntilFinished',
		type: 'boolean',
		default: false,
		description:
			"Whether to wait until the job has finished and output its final state. For jobs longer than a few minutes, leave it off and use the SCNet Trigger's 'Job Finished' event instead.",
	},
	wholeNumberOption(
		'waitTimeout',
		WAIT_NUMBERS.waitTimeout,
		"With 'Wait Until Finished': seconds to wait before giving up (the item then fails with WAIT_TIMEOUT; the job runs on)",
	),
	wholeNumberOption('pollInterval', WAIT_NUMBERS.pollInterval, "With 'Wait Until Finished': seconds between two looks at the job (at least 5)"),
];

export interface JobWait {
	timeoutMs: number;
	intervalMs: number;
}

/** The wait the options ask for, or undefined for none; refuses values it cannot read. */
export function readJobWait(context: IExecuteFunctions, raw: Record<string, unknown>, itemIndex: number): JobWait | undefined {
	const wanted = raw.waitUntilFinished === undefined ? false : readBoolean({ node: context.getNode(), label: 'Wait Until Finished', itemIndex }, raw.waitUntilFinished);
	if (!wanted) return undefined;
	const { waitTimeout, pollInterval } = readWholeNumbers(context, raw, WAIT_NUMBERS);
	return { timeoutMs: waitTimeout * 1000, intervalMs: pollInterval * 1000 };
}

export type WaitOutcome = { ok: true; job: IDataObject } | { ok: false; failure: ScnetFailure; job?: IDataObject };

/**
 * Looks at the job until it has finished or the time is up, stopping at once when the execution
 * is cancelled. A job not found is looked for again (it may be between the realtime list and
 * history); any other failure to read it ends the wait with that failure.
 */
export async function waitForJob(
	context: IExecuteFunctions,
	client: ScnetClient,
	{ scheduler, jobId, zone }: { scheduler: string; jobId: string; zone: string },
	{ timeoutMs, intervalMs }: JobWait,
	request: RequestSettings,
): Promise<WaitOutcome> {
	const polled = await pollUntil<IDataObject>(
		async () => {
			const found = await lookUpJob(client, scheduler, jobId, request, zone);
			if (found.ok) return isFinal(jobStateOf(found.job)) ? { done: true, seen: found.job } : { done: false, seen: found.job };
			// Not found: it may be between the realtime list and history.
			if (found.failure.code === 'JOB_NOT_FOUND') return { done: false };
			const { failure } = found;
			return { done: false, failure: { ...failure, description: `The job was submitted, but its state could not be read. ${failure.description}` } };
		},
		{ timeoutMs, intervalMs, signal: context.getExecutionCancelSignal?.() },
	);
	if (polled.ok) return { ok: true, job: polled.seen };
	if ('failure' in polled) return { ok: false, job: polled.seen, failure: polled.failure };
	return { ok: false, job: polled.seen, failure: waitTimeout(jobId, timeoutMs, polled.seen) };
}

function waitTimeout(jobId: string, timeoutMs: number, job: IDataObject | undefined): ScnetFailure {
	const state = job ? `${jobStateOf(job)} (${rawStateOf(job) || 'no state'})` : 'not yet visible to SCNet';
	return {
		code: 'WAIT_TIMEOUT',
		message: `Job ${jobId} had not finished after ${Math.round(timeoutMs / 1000)} s: it was ${state}`,
		description:
			"The job runs on. Read it later with Get, or let the SCNet Trigger's 'Job Finished' event start the rest of the workflow; raise 'Wait Timeout' only for jobs that finish within an execution.",
		scope: 'batch',
	};
}
