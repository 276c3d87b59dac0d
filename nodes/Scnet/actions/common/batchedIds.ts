import type { DisplayCondition, IExecuteFunctions, IHttpRequestMethods, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { planBatches } from '../../../shared/helpers/batches';
import { ScnetClient, type RequestSettings } from '../../../shared/transport';
import { withRemedy, type Remedies, type ScnetFailure } from '../../../shared/transport/errorCodes';
import { inputFailure, readContainerIdLists, throwFirstInputError, type InvalidEntry } from './containerInput';
import { goneJson, isGone } from '../../../shared/containers/alreadyGone';
import { earlierTries } from './earlierTries';
import { legacyLiveNotice, previewFields, readPreview } from './preview';
import { fromVersion, PREVIEW_VERSION } from './versions';
import { optionsCollection, readOptions, readWholeNumbers, REQUEST_NUMBERS, requestOptions, wholeNumberOption, type WholeNumber } from '../../../shared/parameters/options';
import { apiFailure, containerSubject, forItem, outputItem, stopError, succeeded, type ItemResult } from '../../../shared/results';
import { continuesOnFail } from '../../../shared/onError';

/*
 * Operations that act on many containers with one request per batch of IDs (`?ids=a&ids=b`):
 * Delete and Stop. The IDs of all input items go out together; every ID occurrence gets its own
 * output item, paired with the item it came from.
 */

/** What distinguishes one batched operation from another. */
export interface BatchedAction {
	method: IHttpRequestMethods;
	path: string;
	/** The output field that says whether it worked, e.g. `deleted`. */
	doneField: string;
	/** The verb and its past participle for descriptions and messages, e.g. `delete`, `deleted`. */
	verb: string;
	done: string;
	/** The operation's own wording of codes where the general one would mislead. */
	remedies: Remedies;
	/**
	 * The code SCNet answers when the container is no longer there to act on (716866 for delete):
	 * for a container an earlier attempt of this run may have acted on, a Get decides (`isGone`).
	 */
	goneCode?: string;
}

/** Gateways commonly refuse request lines of 8 KiB; every URL we send stays below this. */
export const MAX_URL_LENGTH = 8000;

/**
 * Room kept for the container service URL, which may only be known once the credential has signed
 * in: real ones are well under 100 characters.
 */
export const SERVICE_URL_RESERVE = 500;

const BATCH_SIZE: WholeNumber = { label: 'IDs per Request', min: 1, max: 1000, default: 50 };
const PARALLEL_REQUESTS: WholeNumber = { label: 'Parallel Requests', min: 1, max: 10, default: 1 };

/** The bounds of the batching options, and of every call's. */
export const BATCH_NUMBERS = { batchSize: BATCH_SIZE, parallelRequests: PARALLEL_REQUESTS, ...REQUEST_NUMBERS };

/** How a batched operation sends its IDs: its 'IDs per Request' and 'Parallel Requests' options. */
export function batchingOptions(verb: string): INodeProperties[] {
	return [
		wholeNumberOption(
			'batchSize',
			BATCH_SIZE,
			`Maximum number of container IDs sent in one ${verb} request. Requests are also split so that each URL stays under 8,000 characters.`,
		),
		wholeNumberOption(
			'parallelRequests',
			PARALLEL_REQUESTS,
			`How many ${verb} requests may be under way at once. Raise it to handle thousands of containers faster, as far as SCNet's rate limits allow.`,
		),
	];
}

/**
 * The fields of a batched operation after its IDs: 'Preview' (version 2 on) or Options → Dry Run
 * (version 1), the notice of what a run does, and the options.
 */
export function batchedFields({ verb, done }: Pick<BatchedAction, 'verb' | 'done'>): INodeProperties[] {
	const options = (extra: INodeProperties[], version: Array<number | DisplayCondition>): INodeProperties => ({
		...optionsCollection([...extra, ...batchingOptions(verb), ...requestOptions]),
		displayOptions: { show: { '@version': version } },
	});
	const dryRun: INodeProperties = {
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: `Whether to only output the containers that would be ${done}, without sending any request to SCNet`,
	};
	return [
		legacyLiveNotice(verb),
		...previewFields({ verb, done, defaultOn: false, versions: fromVersion(PREVIEW_VERSION) }),
		options([dryRun], [1]),
		options([], fromVersion(PREVIEW_VERSION)),
	];
}

/** Groups unique IDs into the requests to send, by count and by URL length (`?ids=a&ids=b`, as SCNet documents it). */
export function planRequests(path: string, ids: readonly string[], batchSize: number): string[][] {
	const budget = MAX_URL_LENGTH - 1 - SERVICE_URL_RESERVE - path.length;
	return planBatches(ids, batchSize, (id) => `&ids=${id}`.length, budget);
}

export interface BatchSettings extends RequestSettings {
	batchSize: number;
	parallelRequests: number;
	/** Send nothing more once one container has failed ("On Error: Stop"). */
	stopAtFirstFailure: boolean;
	/** The IDs sent by earlier tries of this run of the node (n8n's Retry On Fail); this run's are added. */
	sentBefore?: Map<string | number, true>;
}

/**
 * Sends the unique IDs in batches and returns one result per ID.
 * SCNet answers one code for a whole request. When that code may concern only some of the IDs,
 * the request is split in halves until the failing IDs stand alone, so every other container is
 * still handled. When it concerns the account, the remaining requests are not sent at all.
 */
export async function settleInBatches(
	client: ScnetClient,
	action: BatchedAction,
	ids: readonly string[],
	settings: BatchSettings,
): Promise<Map<string, ItemResult>> {
	const results = new Map<string, ItemResult>();
	let halt: ScnetFailure | undefined;
	const fail = (id: string, failure: ScnetFailure, sent: boolean) => {
		// Headlines name item 0 here: each item that listed the ID gets it with its own number.
		results.set(id, { ...apiFailure(containerSubject(id), failure, 0, { [action.doneField]: false }), sent });
	};

	// The IDs an earlier attempt may have acted on: earlier tries of the node, or a request whose answer was lost.
	const sentBefore = settings.sentBefore ?? new Map<string | number, true>();
	const mayBeDone = new Set([...sentBefore.keys()].map(String));
	const settle = async (batch: string[]): Promise<void> => {
		if (halt) {
			for (const id of batch) fail(id, notSent(halt), false);
			return;
		}
		for (const id of batch) sentBefore.set(id, true);
		const result = await client.request('ai', action.method, action.path, { qs: { ids: batch } }, settings);
		if (!result.ok && result.failure.resent) for (const id of batch) mayBeDone.add(id);
		const [only] = batch;
		if (!result.ok && batch.length === 1 && result.failure.code === action.goneCode && mayBeDone.has(only) && (await isGone(client, only, settings))) {
			results.set(only, succeeded(goneJson(only, action.doneField)));
			return;
		}
		if (result.ok) {
			const message = result.message || capitalised(action.done);
			for (const id of batch) results.set(id, succeeded({ id, [action.doneField]: true, code: '0', message }));
			return;
		}
		const failure = withRemedy(result.failure, action.remedies);
		if (failure.scope === 'ids' && batch.length > 1) {
			const middle = Math.ceil(batch.length / 2);
			await settle(batch.slice(0, middle));
			await settle(batch.slice(middle));
			return;
		}
		for (const id of batch) fail(id, failure, true);
		if (failure.scope === 'account' || settings.stopAtFirstFailure) halt = failure;
	};

	const batches = planRequests(action.path, ids, settings.batchSize);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < batches.length) await settle(batches[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(settings.parallelRequests, batches.length) }, worker));
	return results;
}

/** The whole run of a batched operation: read the IDs of all items, send them, report each occurrence. */
export async function executeBatched(context: IExecuteFunctions, action: BatchedAction): Promise<INodeExecutionData[]> {
	const raw = readOptions(context);
	const numbers = readWholeNumbers(context, raw, BATCH_NUMBERS);
	const client = await ScnetClient.connect(context);
	const stopOnError = !continuesOnFail(context);

	const entriesPerItem = readContainerIdLists(context, client.secrets);
	if (stopOnError) throwFirstInputError(context, entriesPerItem);

	const occurrences = entriesPerItem.flatMap((entries, itemIndex) => entries.flatMap((entry) => (entry.valid ? [{ id: entry.id, itemIndex }] : [])));
	const ids = [...new Set(occurrences.map(({ id }) => id))];
	const results = readPreview(context, raw, { legacyDryRun: true })
		? previewResults(context, action, planRequests(action.path, ids, numbers.batchSize))
		: await settleInBatches(client, action, ids, { ...numbers, stopAtFirstFailure: stopOnError, sentBefore: earlierTries(context, `${action.verb}:sent`) });
	if (stopOnError) throwFirstFailure(context, occurrences, results);

	const flags = { [action.doneField]: false };
	const output: INodeExecutionData[] = [];
	entriesPerItem.forEach((entries, itemIndex) => {
		if (entries.length === 0) output.push(outputItem(context, inputFailure(undefined, itemIndex, flags), itemIndex));
		for (const entry of entries) {
			if (!entry.valid) {
				output.push(outputItem(context, inputFailure(entry as InvalidEntry, itemIndex, flags), itemIndex));
				continue;
			}
			output.push(outputItem(context, forItem(results.get(entry.id) as ItemResult, itemIndex), itemIndex));
		}
	});
	return output;
}

/** What a preview shows per ID: which request would carry it (version 1 calls it a dry run). */
function previewResults(context: IExecuteFunctions, action: BatchedAction, requests: string[][]): Map<string, ItemResult> {
	const legacy = context.getNode().typeVersion < PREVIEW_VERSION;
	const results = new Map<string, ItemResult>();
	requests.forEach((batch, index) => {
		const where = `would be ${action.done} in request ${index + 1} of ${requests.length}`;
		const json = legacy ? { dryRun: true, message: `Dry run: ${where}` } : { preview: true, message: `Preview: ${where}` };
		for (const id of batch) results.set(id, succeeded({ id, [action.doneField]: false, ...json }));
	});
	return results;
}

/**
 * "On Error: Stop": throws for the first container, in the order given, whose request really
 * failed (one not sent because of it comes only when none was sent).
 */
export function throwFirstFailure(
	context: IExecuteFunctions,
	containers: ReadonlyArray<{ id: string; itemIndex: number }>,
	results: Map<string, ItemResult>,
): void {
	const failed = containers.flatMap(({ id, itemIndex }) => {
		const result = results.get(id);
		return result && !result.ok && result.failure ? [{ id, itemIndex, failure: result.failure, sent: result.sent }] : [];
	});
	const first = failed.find(({ sent }) => sent) ?? failed[0];
	if (first) throw stopError(context, containerSubject(first.id), first.failure, first.itemIndex);
}

function notSent(cause: ScnetFailure): ScnetFailure {
	return {
		...cause,
		description: `Not sent, because an earlier request in this run failed with code ${cause.code}. ${cause.description}`,
	};
}

function capitalised(word: string): string {
	return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}
