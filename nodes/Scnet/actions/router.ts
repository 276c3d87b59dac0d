import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { OperationModule } from './common/operation';
import { refusedItem } from '../../shared/results';
import { RESOURCES } from './resources';
import { continuesOnFail } from '../../shared/onError';

/** The operations of every resource, by the values of the 'Resource' and 'Operation' parameters. */
export const resources: Record<string, Record<string, OperationModule>> = Object.fromEntries(RESOURCES.map((resource) => [resource.option.value, resource.handlers]));

/** Resource and operation cannot be expressions, so item 0 decides for the whole run. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation '${operation}' is not supported for '${resource}'`);
	}
	if (!continuesOnFail(this)) return [await handler.execute.call(this)];
	try {
		return [await handler.execute.call(this)];
	} catch (error) {
		// n8n itself would pass the input items on as if they had been processed: each gets its error instead.
		const items = handler.runsOnce ? [0] : this.getInputData().map((_, itemIndex) => itemIndex);
		return [items.map((item) => refusedItem(this.getNode(), error as Error, item))];
	}
}
