import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import * as container from './container/Container.resource';

type Operation = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

const resources: Record<string, Record<string, Operation>> = {
	container: container.operations,
};

/** Resource and operation cannot be expressions, so item 0 decides for the whole run. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation '${operation}' is not supported for '${resource}'`);
	}
	return [await handler.execute.call(this)];
}
