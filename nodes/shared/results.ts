import { NodeApiError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData, type JsonObject } from 'n8n-workflow';

import type { ScnetFailure } from './transport/errorCodes';

/** What one container (or one input) became in an operation: the JSON of its output item, and the failure if it failed. */
export interface ContainerResult {
	json: IDataObject;
	/** Set when it failed: the one-line message naming the container (or the input), the code and the item. */
	headline?: string;
	/** The SCNet failure behind it; absent for bad input, which never reached SCNet. */
	failure?: ScnetFailure;
	/** False for containers that failed without a request, after an earlier one halted the run. */
	sent?: boolean;
}

/** One line naming what failed: the container (when the call was about one), the code and the item. */
export function apiHeadline(id: string | undefined, failure: ScnetFailure, itemIndex: number): string {
	const subject = id === undefined ? '' : `container '${id}', `;
	return `${failure.message} (${subject}code ${failure.code}) [item ${itemIndex}]`;
}

/** The result of one item given to another item too (the same container twice): its headline names that item. */
export function forItem(result: ContainerResult, itemIndex: number): ContainerResult {
	return result.headline === undefined ? result : { ...result, headline: result.headline.replace(/\[item \d+\]$/, `[item ${itemIndex}]`) };
}

/**
 * The output item of a result, paired with its input item. n8n moves an item to the error
 * output only when its JSON holds nothing but `error`, `message` and `details` (an item carrying
 * an error object loses its JSON), so there a failure travels under `error`; on the main output
 * it keeps its flat shape.
 */
export function outputItem(context: IExecuteFunctions, result: ContainerResult, itemIndex: number): INodeExecutionData {
	const toErrorOutput = result.headline !== undefined && context.getNode().onError === 'continueErrorOutput';
	return {
		json: toErrorOutput ? { error: result.json, message: result.headline } : { ...result.json },
		pairedItem: { item: itemIndex },
	};
}

/**
 * The result of a call SCNet failed, for one container (`id`) or not; `flags` are the operation's
 * own fields (e.g. `{ started: false }`).
 */
export function apiFailure(id: string | undefined, failure: ScnetFailure, itemIndex: number, flags: IDataObject = {}): ContainerResult {
	const { code, message, description } = failure;
	const subject = id === undefined ? {} : { id };
	return { json: { ...subject, ...flags, code, message, description }, failure, headline: apiHeadline(id, failure, itemIndex) };
}

/**
 * For operations that make one call for the whole run (List, Clean Up): its failure stops the
 * workflow ("Stop"), or becomes the run's one output item.
 */
export function failedRun(context: IExecuteFunctions, failure: ScnetFailure): INodeExecutionData[] {
	if (!context.continueOnFail()) throw stopError(context, undefined, failure, 0);
	return [outputItem(context, apiFailure(undefined, failure, 0), 0)];
}

/** The error that stops the workflow ("On Error: Stop") for a call SCNet failed, about one container or not. */
export function stopError(
	context: IExecuteFunctions,
	id: string | undefined,
	failure: ScnetFailure,
	itemIndex: number,
	headline = apiHeadline(id, failure, itemIndex),
): NodeApiError {
	// An SCNet code comes with HTTP 200; only a failing HTTP status is worth showing.
	const httpCode = failure.httpCode === undefined || failure.httpCode < 300 ? undefined : String(failure.httpCode);
	return scnetError(context.getNode(), failure, headline, { id, itemIndex, httpCode });
}

/** The error of a call that concerns no item (an editor lookup, a trigger's poll): SCNet's reason and code. */
export function callError(node: INode, failure: ScnetFailure): NodeApiError {
	return scnetError(node, failure, `${failure.message} (code ${failure.code})`);
}

function scnetError(
	node: INode,
	failure: ScnetFailure,
	headline: string,
	{ id, itemIndex, httpCode }: { id?: string; itemIndex?: number; httpCode?: string } = {},
): NodeApiError {
	// The response object is ours, not axios's: nothing of the request (and so of the token) is kept.
	const response: JsonObject = { ...(id === undefined ? {} : { container: id }), scnetCode: failure.code, message: failure.message };
	const error = new NodeApiError(node, response, { message: headline, description: failure.description, httpCode, itemIndex });
	// n8n swaps a message that mentions a network code (ECONNRESET, …) for a generic text; keep ours.
	error.message = headline;
	return error;
}
