import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** An operation's entry in its resource's 'Operation' list. */
export type OperationOption = INodePropertyOptions & { value: string; action: string; description: string };

/** What every `<op>.operation.ts` exports: its entry in the list, its fields, and how it runs. */
export interface OperationModule {
	option: OperationOption;
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

/** A resource's 'Operation' field and its handlers, from one list of operation modules. */
export function resourceOperations(resource: string, operations: readonly OperationModule[], defaultOperation: string) {
	const field: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations.map((operation) => operation.option),
		default: defaultOperation,
	};
	return {
		description: [field, ...operations.flatMap((operation) => operation.description)],
		handlers: Object.fromEntries(operations.map((operation) => [operation.option.value, operation])) as Record<string, OperationModule>,
	};
}
