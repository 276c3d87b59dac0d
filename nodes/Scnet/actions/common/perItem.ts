import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { earlierTries } from './earlierTries';
import { outputItem, refusedItem, stopError, type ItemFailure, type ItemResult } from '../../../shared/results';
import { continuesOnFail } from '../../../shared/onError';

/**
 * Runs an operation that makes one SCNet call per input item, in item order, and handles what
 * every such operation must: pairing each output item with its input item, and n8n's On Error
 * setting — Stop throws at the first failure (naming the item), Continue puts failures on the
 * main output, Continue (using error output) on the error output.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	handle: (itemIndex: number) => Promise<ItemResult | ItemResult[]>,
	/** For calls that create, restart or run something: an item an earlier try did (or may have done) is not sent again. */
	{ once = false }: { once?: boolean } = {},
): Promise<INodeExecutionData[]> {
	const continueOnFail = continuesOnFail(context);
	const output: INodeExecutionData[] = [];
	const items = context.getInputData();
	const done = once ? earlierTries<ItemResult[]>(context, 'items') : undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let results: ItemResult[];
		try {
			const earlier = done?.get(itemIndex);
			results = earlier ?? ([] as ItemResult[]).concat(await handle(itemIndex));
			// Its outcome is given again as it was; only an item SCNet certainly did not act on may be sent again.
			if (done && !earlier && results.some(reachedScnet)) done.set(itemIndex, results);
		} catch (error) {
			// Not a failure SCNet reported (e.g. an option out of range): n8n's own convention applies,
			// and n8n routes such an item to the error output by itself.
			if (!continueOnFail) throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			output.push(refusedItem(context.getNode(), error as Error, itemIndex));
			continue;
		}
		for (const result of results) {
			if (!result.ok && !continueOnFail) throw failureError(context, result, itemIndex);
			output.push(outputItem(context, result, itemIndex));
		}
	}
	return output;
}

/**
 * "Stop" fails closed: every item's input is read (`read` returns its failure, or throws a
 * refusal) before anything is asked of SCNet for any item, so a bad later item stops the run
 * before the first one is acted on. Under "Continue" each item meets its own input when it runs.
 */
export function checkEveryItem(context: IExecuteFunctions, read: (itemIndex: number) => object): void {
	if (continuesOnFail(context)) return;
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const input = read(itemIndex);
		if ('failure' in input) {
			const { failure } = input as { failure: ItemFailure };
			throw new NodeOperationError(context.getNode(), failure.headline, { itemIndex, description: `${String(failure.json.description ?? '')} Nothing was sent to SCNet.` });
		}
	}
}

/** Whether SCNet did, or may have done, what the result is about: a success, or a failure other than one certainly not sent. */
function reachedScnet(result: ItemResult): boolean {
	return result.ok || (result.failure !== undefined && result.failure.unsent !== true);
}

function failureError(context: IExecuteFunctions, result: ItemFailure, itemIndex: number): Error {
	// The result's own headline: it names the object as the output item does (by name, for a container not created).
	if (result.failure) return stopError(context, result.subject, result.failure, itemIndex, result.headline);
	return new NodeOperationError(context.getNode(), result.headline, {
		itemIndex,
		description: String(result.json.description ?? ''),
	});
}
