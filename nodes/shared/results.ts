import { NodeApiError, type IBinaryKeyData, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData, type JsonObject } from 'n8n-workflow';

import type { ScnetFailure } from './transport/errorCodes';
import { continuesOnFail, toErrorOutput } from './onError';
import { AGENT_VERSION } from '../Scnet/actions/common/versions';

/**
 * What a call was about, as an output item and a failure headline name it: a container
 * (`container '1bc5…'`), a job (`job 834040`), a file (`file /public/home/u/a.txt`) or a notebook
 * (`notebook 'a3f0…'`).
 */
export interface Subject {
	kind: 'container' | 'job' | 'file' | 'notebook';
	/** The output fields that name it, e.g. `{ id }` or `{ jobId }`. */
	json: IDataObject;
	/** How a headline names it. */
	phrase: string;
}

export const containerSubject = (id: string): Subject => ({ kind: 'container', json: { id }, phrase: `container '${id}'` });
/** A container that has no ID (yet), e.g. one Create could not make: named by its name. */
export const unnamedContainer = (name: string): Subject => ({ kind: 'container', json: { id: null, name }, phrase: `container '${name}'` });
export const jobSubject = (jobId: string): Subject => ({ kind: 'job', json: { jobId }, phrase: `job ${jobId}` });
/** A job that has no ID (yet), e.g. one Submit could not submit: named by its name. */
export const unnamedJob = (name: string): Subject => ({ kind: 'job', json: { jobId: null, jobName: name }, phrase: `job '${name}'` });

export const fileSubject = (path: string): Subject => ({ kind: 'file', json: { path }, phrase: `file ${path}` });
export const notebookSubject = (id: string): Subject => ({ kind: 'notebook', json: { id }, phrase: `notebook '${id}'` });
/** A notebook that has no ID (yet), e.g. one Create could not make: named by its image. */
export const newNotebook = (image: string): Subject => ({ kind: 'notebook', json: { id: null, image }, phrase: `new notebook of image '${image.split('/').pop() ?? image}'` });

/** What one input (or one object of it) became in an operation: the JSON of its output item, and whether it failed. */
export type ItemResult =
	| { ok: true; json: IDataObject; binary?: IBinaryKeyData }
	| {
			ok: false;
			json: IDataObject;
			/** The one-line message naming what failed, the code and the item. */
			headline: string;
			/** The SCNet failure behind it; absent for bad input, which never reached SCNet. */
			failure?: ScnetFailure;
			/** What the failed call was about, when it was about one object. */
			subject?: Subject;
			/** False for objects that failed without a request, after an earlier one halted the run. */
			sent?: boolean;
	  };

export type ItemFailure = Extract<ItemResult, { ok: false }>;

/** A success; `binary` is the item's binary data (a downloaded file). */
export const succeeded = (json: IDataObject, binary?: IBinaryKeyData): ItemResult => (binary ? { ok: true, json, binary } : { ok: true, json });

/** A failure found before anything was sent (bad input): `headline` is its message, without the item. */
export function inputProblem(json: IDataObject, message: string, itemIndex: number): ItemFailure {
	const headline = `${message} [item ${itemIndex}]`;
	return { ok: false, json: { ...json, message: headline }, headline };
}

/** One line naming what failed: the object (when the call was about one), the code and the item. */
export function apiHeadline(subject: Subject | undefined, failure: ScnetFailure, itemIndex: number): string {
	const named = subject === undefined ? '' : `${subject.phrase}, `;
	return `${failure.message} (${named}code ${failure.code}) [item ${itemIndex}]`;
}

/** The result of one item given to another item too (the same object twice): its headline names that item. */
export function forItem(result: ItemResult, itemIndex: number): ItemResult {
	return result.ok ? result : { ...result, headline: result.headline.replace(/\[item \d+\]$/, `[item ${itemIndex}]`) };
}

/** The `error` object every failure item carries from node version 3 on: what failed (`code`), why (`message`) and what to do (`description`). */
export interface ErrorObject extends IDataObject {
	code: string;
	message: string;
	description: string;
}

/**
 * A failure's JSON in the shape of the node's version. Up to version 2 `code`, `message` and
 * `description` sit beside the operation's fields; from version 3 they are one `error` object, so
 * a model or an IF node tells any failure of any operation by `error` alone.
 */
function failureJson(node: INode, json: IDataObject, headline: string): IDataObject {
	if (node.typeVersion < AGENT_VERSION) return json;
	const { code, message, description, ...fields } = json;
	const error: ErrorObject = {
		code: typeof code === 'string' && code !== '' ? code : 'INVALID_INPUT',
		message: typeof message === 'string' && message !== '' ? message : headline,
		description: typeof description === 'string' ? description : '',
	};
	return { ...fields, error };
}

/**
 * The output item of a result, paired with its input item. n8n moves an item to the error
 * output only when its JSON holds nothing but `error`, `message` and `details` (an item carrying
 * an error object loses its JSON), so there a failure travels under `error`; on the main output
 * it keeps its shape (flat up to version 2, with an `error` object from version 3).
 */
export function outputItem(context: IExecuteFunctions, result: ItemResult, itemIndex: number): INodeExecutionData {
	const node = context.getNode();
	if (result.ok) return { json: { ...result.json }, ...(result.binary ? { binary: result.binary } : {}), pairedItem: { item: itemIndex } };
	const json = failureJson(node, result.json, result.headline);
	if (!toErrorOutput(node)) return { json, pairedItem: { item: itemIndex } };
	const { error, ...fields } = json;
	const details = node.typeVersion < AGENT_VERSION ? json : { ...fields, ...(error as IDataObject) };
	return { json: { error: details, message: result.headline }, pairedItem: { item: itemIndex } };
}

/**
 * The item of an input the operation refused by throwing (an option out of range, a value that
 * cannot be read), under On Error Continue or in a tool run: its message, and from version 3 the
 * same `error` object as every other failure. Nothing was sent for it.
 */
export function refusedItem(node: INode, error: Error, itemIndex: number): INodeExecutionData {
	const description = (error as { description?: unknown }).description;
	const json: IDataObject =
		node.typeVersion < AGENT_VERSION
			? { error: error.message }
			: { error: { code: 'INVALID_INPUT', message: error.message, description: typeof description === 'string' ? description : '' } satisfies ErrorObject };
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The result of a call SCNet failed, about one object (`subject`) or not; `flags` are the
 * operation's own fields (e.g. `{ started: false }`).
 */
export function apiFailure(subject: Subject | undefined, failure: ScnetFailure, itemIndex: number, flags: IDataObject = {}): ItemFailure {
	const { code, message, description } = failure;
	return { ok: false, json: { ...subject?.json, ...flags, code, message, description }, failure, subject, headline: apiHeadline(subject, failure, itemIndex) };
}

/**
 * For operations that make one call for the whole run (List, Clean Up): its failure stops the
 * workflow ("Stop"), or becomes the run's one output item.
 */
export function failedRun(context: IExecuteFunctions, failure: ScnetFailure): INodeExecutionData[] {
	if (!continuesOnFail(context)) throw stopError(context, undefined, failure, 0);
	return [outputItem(context, apiFailure(undefined, failure, 0), 0)];
}

/** The error that stops the workflow ("On Error: Stop") for a call SCNet failed, about one container or not. */
export function stopError(
	context: IExecuteFunctions,
	subject: Subject | undefined,
	failure: ScnetFailure,
	itemIndex: number,
	headline = apiHeadline(subject, failure, itemIndex),
): NodeApiError {
	// An SCNet code comes with HTTP 200; only a failing HTTP status is worth showing.
	const httpCode = failure.httpCode === undefined || failure.httpCode < 300 ? undefined : String(failure.httpCode);
	return scnetError(context.getNode(), failure, headline, { subject, itemIndex, httpCode });
}

/** The error of a call that concerns no item (an editor lookup, a trigger's poll): SCNet's reason and code. */
export function callError(node: INode, failure: ScnetFailure): NodeApiError {
	return scnetError(node, failure, `${failure.message} (code ${failure.code})`);
}

function scnetError(
	node: INode,
	failure: ScnetFailure,
	headline: string,
	{ subject, itemIndex, httpCode }: { subject?: Subject; itemIndex?: number; httpCode?: string } = {},
): NodeApiError {
	// The response object is ours, not axios's: nothing of the request (and so of the token) is kept.
	const named = subject === undefined ? {} : { [subject.kind]: Object.values(subject.json).find((value) => value !== null) ?? null };
	const response: JsonObject = { ...named, scnetCode: failure.code, message: failure.message };
	const error = new NodeApiError(node, response, { message: headline, description: failure.description, httpCode, itemIndex });
	// n8n swaps a message that mentions a network code (ECONNRESET, …) for a generic text; keep ours.
	error.message = headline;
	return error;
}
