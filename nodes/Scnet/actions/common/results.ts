import { NodeApiError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type JsonObject } from 'n8n-workflow';

import type { ScnetFailure } from '../../transport/errorCodes';

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

export function apiHeadline(id: string, failure: ScnetFailure, itemIndex: number): string {
	return `${failure.message} (container '${id}', code ${failure.code}) [item ${itemIndex}]`;
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

/** The error that stops the workflow ("On Error: Stop") for a container SCNet failed. */
export function stopError(context: IExecuteFunctions, id: string, failure: ScnetFailure, itemIndex: number): NodeApiError {
	const headline = apiHeadline(id, failure, itemIndex);
	// The response object is ours, not axios's: nothing of the request (and so of the token) is kept.
	const response: JsonObject = { container: id, scnetCode: failure.code, message: failure.message };
	const error = new NodeApiError(context.getNode(), response, {
		message: headline,
		description: failure.description,
		httpCode: failure.httpCode === undefined ? undefined : String(failure.httpCode),
		itemIndex,
	});
	// n8n swaps a message that mentions a network code (ECONNRESET, …) for a generic text; keep ours.
	error.message = headline;
	return error;
}
