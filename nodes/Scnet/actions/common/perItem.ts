import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { outputItem, stopError, type ContainerResult } from './results';

/**
 * Runs an operation that makes one SCNet call per input item, in item order, and handles what
 * every such operation must: pairing each output item with its input item, and n8n's On Error
 * setting — Stop throws at the first failure (naming the item), Continue puts failures on the
 * main output, Continue (using error output) on the error output.
 */
export async function runPerItem(
	context: IExecuteFunctions,
	handle: (itemIndex: number) => Promise<ContainerResult | ContainerResult[]>,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const output: INodeExecutionData[] = [];
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let results: ContainerResult[];
		try {
			results = ([] as ContainerResult[]).concat(await handle(itemIndex));
		} catch (error) {
			// Not a failure SCNet reported (e.g. an option out of range): n8n's own convention applies,
			// and n8n routes such an item to the error output by itself.
			if (!continueOnFail) throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
			output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			continue;
		}
		for (const result of results) {
			if (result.headline !== undefined && !continueOnFail) throw failureError(context, result, itemIndex);
			output.push(outputItem(context, result, itemIndex));
		}
	}
	return output;
}

function failureError(context: IExecuteFunctions, result: ContainerResult, itemIndex: number): Error {
	// The result's own headline: it names the container as the output item does (by name, for one not created).
	if (result.failure) return stopError(context, result.json.id === null ? undefined : String(result.json.id), result.failure, itemIndex, result.headline);
	return new NodeOperationError(context.getNode(), result.headline as string, {
		itemIndex,
		description: String(result.json.description ?? ''),
	});
}
