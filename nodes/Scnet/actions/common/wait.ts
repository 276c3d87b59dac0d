import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../../../shared/transport';
import { CONTAINER } from '../../../shared/transport/endpoints';
import type { ScnetFailure } from '../../../shared/transport/errorCodes';
import { sleepWithAbort } from '../../../shared/helpers/sleep';
import { describeValue, numeric, readBoolean } from '../../../shared/parameters/readers';
import { readWholeNumbers, wholeNumberOption, type WholeNumber } from '../../../shared/parameters/options';

const WAIT_TIMEOUT: WholeNumber = { label: 'Wait Timeout', min: 1, max: 86400, default: 600 };

/** A wait's switch among an operation's options, and the words of its options. */
export interface WaitSwitch {
	/** The boolean option, e.g. `waitUntilRunning`, and its label. */
	name: string;
	label: string;
	description: string;
	intervalDescription: string;
	timeoutDescription: string;
}

const UNTIL_RUNNING: WaitSwitch = {
	name: 'waitUntilRunning',
	label: 'Wait Until Running',
	description: "Whether to wait until the container runs (or fails) before going on, and output its status. Off: go on as soon as SCNet accepted the request.",
	intervalDescription: "With 'Wait Until Running': seconds between two looks at the container's status",
	timeoutDescription:
		"With 'Wait Until Running': seconds to wait before giving up. The container is left as it is; a started container can sit in 'Waiting' for minutes while SCNet finds capacity.",
};

/** The options of an operation that can wait for a status: the switch, 'Poll Interval' and 'Wait Timeout'. */
export function waitOptionsOf({ name, label, description, intervalDescription, timeoutDescription }: WaitSwitch): INodeProperties[] {
	return [
		{
			displayName: 'Poll Interval',
			name: 'pollInterval',
			type: 'number',
			default: 10,
			typeOptions: { minValue: 0.1, maxValue: 600, numberPrecision: 1 },
			description: intervalDescription,
		},
		wholeNumberOption('waitTimeout', WAIT_TIMEOUT, timeoutDescription),
		{ displayName: label, name, type: 'boolean', default: false, description },
	];
}

/** The options of operations that can wait for a container to run (Start, Create). */
export const waitOptions: INodeProperties[] = waitOptionsOf(UNTIL_RUNNING);

/** Statuses a container does not leave by itself to run. */
const ENDED = new Set(['Failed', 'Terminated', 'Completed']);

/**
 * Right after a start SCNet may still report the status the object had before it (say
 * `Terminated`): an ended status is final only once the object was seen moving, or after this.
 */
const STALE_STATUS_GRACE_MS = 60000;

export interface WaitSettings {
	timeoutMs: number;
	intervalMs: number;
	request: RequestSettings;
	/** Cuts the wait short: the execution was cancelled. */
	signal?: AbortSignal;
}

/** One look at what is waited for: there (with what was seen), not yet, or a failure that ends the wait. */
export type Look<T> = { done: true; seen: T } | { done: false; seen?: T } | { done: false; failure: ScnetFailure; seen?: T };

export type Polled<T> = { ok: true; seen: T } | { ok: false; failure: ScnetFailure; seen?: T } | { ok: false; timedOut: true; seen?: T };

/**
 * The one waiting loop (containers, jobs, notebooks): looks until `look` says done or fails, or
 * the time is up — the last look is at the deadline — sleeping between looks and stopping at once
 * when `signal` aborts. `seen` is what the last look that saw something saw.
 */
export async function pollUntil<T>(look: () => Promise<Look<T>>, { timeoutMs, intervalMs, signal }: Omit<WaitSettings, 'request'>): Promise<Polled<T>> {
	const deadline = Date.now() + timeoutMs;
	const cancelled = signal ?? new AbortController().signal;
	let last: T | undefined;
	for (;;) {
		const looked = await look();
		if (looked.seen !== undefined) last = looked.seen;
		if (looked.done) return { ok: true, seen: looked.seen };
		if ('failure' in looked) return { ok: false, failure: looked.failure, seen: last };
		const left = deadline - Date.now();
		if (left <= 0) return { ok: false, timedOut: true, seen: last };
		await sleepWithAbort(Math.min(intervalMs, left), cancelled);
	}
}

/** What a status wait waits for, and how its outcomes are worded. */
export interface StatusGoal {
	/** How messages name the object: 'container', 'notebook'. */
	noun: string;
	/** The status waited for, and how a message says the object is then: 'running', 'stopped'. */
	status: string;
	reached: string;
	/** What it did instead, for a message: 'running', 'stopping'. */
	instead: string;
	/** Statuses that end the wait without the goal (once the object was seen moving, or after a grace), and the failure's code and words then. */
	ended: ReadonlySet<string>;
	endedCode: string;
	endedDescription: string;
	/** What to do after WAIT_TIMEOUT. */
	timeoutDescription: string;
}

const CONTAINER_RUNNING: StatusGoal = {
	noun: 'container',
	status: 'Running',
	reached: 'running',
	instead: 'running',
	ended: ENDED,
	endedCode: 'CONTAINER_NOT_RUNNING',
	endedDescription: 'SCNet accepted the request, but the container did not come up. Look at it in the SCNet console (its image, start script and resources), then start it again.',
	timeoutDescription: "It was left as it is: a started container can wait in 'Waiting' for minutes while SCNet finds capacity. Check it later with Get, or raise 'Wait Timeout'.",
};

/**
 * Reads the object's status (`read`) until it is the goal's, has ended, or the time is up.
 * Returns the status it reached, or the failure that names why not (with the last status seen).
 */
export async function waitForStatus(
	read: () => Promise<{ ok: true; status: string } | { ok: false; failure: ScnetFailure }>,
	goal: StatusGoal,
	wait: WaitSettings,
	/** What SCNet did with it, for messages: `started`, `created`, `stopped`. */
	done: string,
): Promise<{ ok: true; status: string } | { ok: false; failure: ScnetFailure; status?: string }> {
	const started = Date.now();
	let seenMoving = false;
	const polled = await pollUntil<string>(async () => {
		const result = await read();
		if (!result.ok) {
			const { failure } = result;
			return { done: false, failure: { ...failure, description: `The ${goal.noun} was ${done}, but its status could not be read. ${failure.description}` } };
		}
		const { status } = result;
		if (status === goal.status) return { done: true, seen: status };
		if (!goal.ended.has(status)) seenMoving = true;
		if (goal.ended.has(status) && (seenMoving || Date.now() - started >= Math.min(STALE_STATUS_GRACE_MS, wait.timeoutMs))) {
			const failure = { code: goal.endedCode, message: `The ${goal.noun} ended as '${status}' instead of ${goal.instead}`, description: goal.endedDescription, scope: 'batch' as const };
			return { done: false, failure, seen: status };
		}
		return { done: false, seen: status };
	}, wait);
	if (polled.ok) return { ok: true, status: polled.seen };
	// A failure to read the status leaves none: only the status of the look that ended the wait is given.
	if ('failure' in polled) return { ok: false, failure: polled.failure, ...(polled.failure.code === goal.endedCode ? { status: polled.seen } : {}) };
	const status = polled.seen;
	return {
		ok: false,
		status,
		failure: {
			code: 'WAIT_TIMEOUT',
			message: `The ${goal.noun} was not ${goal.reached} after ${Math.round(wait.timeoutMs / 1000)} s (status '${status || 'unknown'}')`,
			description: goal.timeoutDescription,
			scope: 'batch',
		},
	};
}

/**
 * Looks at the container (Get) until it is `Running`, has ended (`Failed`, `Terminated`,
 * `Completed`) or the time is up. Returns the status it ran with, or the failure that names why not.
 */
export async function waitUntilRunning(
	client: ScnetClient,
	id: string,
	wait: WaitSettings,
	/** What SCNet did with it, for messages: `started` or `created`. */
	done: string,
): Promise<{ ok: true; status: string } | { ok: false; failure: ScnetFailure; status?: string }> {
	const read = async () => {
		const result = await client.request('ai', 'GET', CONTAINER.detail(id), {}, wait.request);
		return result.ok ? { ok: true as const, status: String((result.data as IDataObject | null)?.status ?? '') } : result;
	};
	return waitForStatus(read, CONTAINER_RUNNING, wait, done);
}

/** Wait settings from an operation's 'Options', or undefined when it does not wait; a bad value stops the item. */
export function readWaitSettings(
	context: IExecuteFunctions,
	raw: Record<string, unknown>,
	request: RequestSettings,
	{ name, label }: Pick<WaitSwitch, 'name' | 'label'> = UNTIL_RUNNING,
): WaitSettings | undefined {
	const node = context.getNode();
	if (!(name in raw) || !readBoolean({ node, label }, raw[name])) return undefined;
	const { waitTimeout } = readWholeNumbers(context, raw, { waitTimeout: WAIT_TIMEOUT });
	const given = raw.pollInterval ?? 10;
	const interval = numeric(given, { whole: false });
	if (typeof interval !== 'number' || !(interval >= 0.1 && interval <= 600)) {
		throw new NodeOperationError(context.getNode(), "The option 'Poll Interval' must be a number of seconds from 0.1 to 600", {
			description: `It is set to ${describeValue(given)}.`,
		});
	}
	return { timeoutMs: waitTimeout * 1000, intervalMs: interval * 1000, request, signal: context.getExecutionCancelSignal?.() };
}
