import { NodeOperationError, sleep, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../../../shared/transport';
import { CONTAINER } from '../../../shared/transport/endpoints';
import type { ScnetFailure } from '../../../shared/transport/errorCodes';
import { describeValue, numeric, readBoolean } from '../../../shared/parameters/readers';
import { readWholeNumbers, wholeNumberOption, type WholeNumber } from '../../../shared/parameters/options';

const WAIT_TIMEOUT: WholeNumber = { label: 'Wait Timeout', min: 1, max: 86400, default: 600 };

/** The options of operations that can wait for a container to run (Start, Create). */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Poll Interval',
		name: 'pollInterval',
		type: 'number',
		default: 10,
		typeOptions: { minValue: 0.1, maxValue: 600, numberPrecision: 1 },
		description: "With 'Wait Until Running': seconds between two looks at the container's status",
	},
	wholeNumberOption(
		'waitTimeout',
		WAIT_TIMEOUT,
		"With 'Wait Until Running': seconds to wait before giving up. The container is left as it is; a started container can sit in 'Waiting' for minutes while SCNet finds capacity.",
	),
	{
		displayName: 'Wait Until Running',
		name: 'waitUntilRunning',
		type: 'boolean',
		default: false,
		description: "Whether to wait until the container runs (or fails) before going on, and output its status. Off: go on as soon as SCNet accepted the request.",
	},
];

/** Statuses a container does not leave by itself to run. */
const ENDED = new Set(['Failed', 'Terminated', 'Completed']);

/**
 * Right after a start SCNet may still report the status the container had before it (say
 * `Terminated`): an ended status is final only once the container was seen starting, or after this.
 */
const STALE_STATUS_GRACE_MS = 60000;

export interface WaitSettings {
	timeoutMs: number;
	intervalMs: number;
	request: RequestSettings;
}

/**
 * Looks at the container (Get) until it is `Running`, has ended (`Failed`, `Terminated`,
 * `Completed`) or the time is up. Returns the status it ran with, or the failure that names why not.
 */
export async function waitUntilRunning(
	client: ScnetClient,
	id: string,
	{ timeoutMs, intervalMs, request }: WaitSettings,
	/** What SCNet did with it, for messages: `started` or `created`. */
	done: string,
): Promise<{ ok: true; status: string } | { ok: false; failure: ScnetFailure; status?: string }> {
	const started = Date.now();
	const deadline = started + timeoutMs;
	let seenStarting = false;
	for (;;) {
		const result = await client.request('ai', 'GET', CONTAINER.detail(id), {}, request);
		if (!result.ok) {
			const failure = result.failure;
			return { ok: false, failure: { ...failure, description: `The container was ${done}, but its status could not be read. ${failure.description}` } };
		}
		const status = String((result.data as IDataObject | null)?.status ?? '');
		if (status === 'Running') return { ok: true, status };
		if (!ENDED.has(status)) seenStarting = true;
		if (ENDED.has(status) && (seenStarting || Date.now() - started >= Math.min(STALE_STATUS_GRACE_MS, timeoutMs))) {
			return {
				ok: false,
				status,
				failure: {
					code: 'CONTAINER_NOT_RUNNING',
					message: `The container ended as '${status}' instead of running`,
					description: 'SCNet accepted the request, but the container did not come up. Look at it in the SCNet console (its image, start script and resources), then start it again.',
					scope: 'batch',
				},
			};
		}
		if (Date.now() + intervalMs > deadline) {
			return {
				ok: false,
				status,
				failure: {
					code: 'WAIT_TIMEOUT',
					message: `The container was not running after ${Math.round(timeoutMs / 1000)} s (status '${status || 'unknown'}')`,
					description:
						"It was left as it is: a started container can wait in 'Waiting' for minutes while SCNet finds capacity. Check it later with Get, or raise 'Wait Timeout'.",
					scope: 'batch',
				},
			};
		}
		await sleep(intervalMs);
	}
}

/** Wait settings from an operation's 'Options', or undefined when it does not wait; a bad value stops the item. */
export function readWaitSettings(context: IExecuteFunctions, raw: Record<string, unknown>, request: RequestSettings): WaitSettings | undefined {
	const node = context.getNode();
	if (!('waitUntilRunning' in raw) || !readBoolean({ node, label: 'Wait Until Running' }, raw.waitUntilRunning)) return undefined;
	const { waitTimeout } = readWholeNumbers(context, raw, { waitTimeout: WAIT_TIMEOUT });
	const given = raw.pollInterval ?? 10;
	const interval = numeric(given, { whole: false });
	if (typeof interval !== 'number' || !(interval >= 0.1 && interval <= 600)) {
		throw new NodeOperationError(context.getNode(), "The option 'Poll Interval' must be a number of seconds from 0.1 to 600", {
			description: `It is set to ${describeValue(given)}.`,
		});
	}
	return { timeoutMs: waitTimeout * 1000, intervalMs: interval * 1000, request };
}
