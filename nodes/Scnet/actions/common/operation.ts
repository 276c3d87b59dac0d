import type { DisplayCondition, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * An operation's entry in its resource's 'Operation' list, and what an AI agent is told of it as a
 * tool: what it does, what it needs and what it returns (`toolDescription`).
 */
export type OperationOption = INodePropertyOptions & { value: string; action: string; description: string; toolDescription: string };

/** What every `<op>.operation.ts` exports: its entry in the list, its fields, and how it runs. */
export interface OperationModule {
	option: OperationOption;
	description: INodeProperties[];
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[]>;
	/** Set for operations that act once for the whole run (List, Clean Up), whatever the number of input items. */
	runsOnce?: boolean;
}

/** What every `<Resource>.resource.ts` exports: its entry in the 'Resource' list, its fields, and its operations by value. */
export interface ResourceModule {
	option: { name: string; value: string };
	description: INodeProperties[];
	handlers: Record<string, OperationModule>;
}

/**
 * A resource's 'Operation' field and its handlers, from one list of operation modules. The default
 * may differ by node version (`{ 1: 'delete', 2: 'list' }`): n8n leaves a default out when it saves
 * a workflow, so a saved node keeps the default of its own version.
 */
export function resourceOperations(
	/** The resource's entry in the 'Resource' list, e.g. `{ name: 'Job', value: 'job' }`. */
	{ name, value: resource }: { name: string; value: string },
	operations: readonly OperationModule[],
	defaults: string | Record<number, string>,
): ResourceModule {
	const field = (defaultOperation: string, versions?: Array<number | DisplayCondition>): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource], ...(versions ? { '@version': versions } : {}) } },
		options: operations.map(({ option: { name, value, description, action } }) => ({ name, value, description, action })),
		default: defaultOperation,
	});
	// As a tool (n8n's '@tool'), the node tells the agent what the chosen operation does. n8n adds
	// a 'Description' of its own only to a node that has none, and would fill it with the action alone.
	const toolDescriptions = operations.map(
		({ option: { value, toolDescription } }): INodeProperties => ({
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: toolDescription,
			required: true,
			typeOptions: { rows: 3 },
			displayOptions: { show: { '@tool': [true], resource: [resource], operation: [value] } },
			description: 'What the AI agent is told this tool does, needs and returns. Say more if your workflow fixes some of its fields.',
		}),
	);
	// Each default holds from its version until the next one given; the last one for every later version.
	const byVersion = typeof defaults === 'string' ? [] : Object.entries(defaults).map(([version, operation]) => [Number(version), operation] as const).sort(([a], [b]) => a - b);
	const fields =
		typeof defaults === 'string'
			? [field(defaults)]
			: byVersion.map(([version, operation], index) => field(operation, [index === byVersion.length - 1 ? { _cnd: { gte: version } } : { _cnd: { between: { from: version, to: byVersion[index + 1][0] - 1 } } }]));
	return {
		option: { name, value: resource },
		description: [...fields, ...toolDescriptions, ...operations.flatMap((operation) => operation.description)],
		handlers: Object.fromEntries(operations.map((operation) => [operation.option.value, operation])) as Record<string, OperationModule>,
	};
}
