import { createReadStream } from 'node:fs';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ExecutionError,
	type ICredentialDataDecryptedObject,
	type IBinaryData,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { Scnet } from '../../nodes/Scnet/Scnet.node';
import { SCNET_CREDENTIAL_REF, scnetCredentialsHelper, type TestCredentialsHelper } from './credentialsHelper';

export const SCNET_NODE_TYPE = 'n8n-nodes-scnet.scnet';
export const SCNET_NODE_NAME = 'SCNet';
/** The node type n8n makes of the node for AI agents (`usableAsTool`). */
export const SCNET_TOOL_TYPE = `${SCNET_NODE_TYPE}Tool`;
const SOURCE_NODE_NAME = 'Input';

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

/** "On Error" as a test names it: one of n8n's settings, or 'stop' for "Stop Workflow" left unset (n8n's default). */
export type OnErrorChoice = OnError | 'stop';

/** The node's `onError` for a test's choice. */
export const onErrorSetting = (choice: OnErrorChoice): OnError | undefined => (choice === 'stop' ? undefined : choice);

export interface RunOptions {
	/** The stored 'SCNet API' credential. */
	credentials: ICredentialDataDecryptedObject;
	/** The JSON of the items that reach the SCNet node. */
	items: IDataObject[];
	/** The SCNet operation to run; '' leaves it out, as n8n saves a node left on its default. */
	operation: string;
	/** The operation's parameters. */
	parameters?: INodeParameters;
	onError?: OnError;
	/** The node's version (1 unless given). */
	typeVersion?: number;
	/** The node's settings besides On Error, e.g. Retry On Fail (`retryOnFail`, `maxTries`, `waitBetweenTries`). */
	settings?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
	/** The resource (Container unless given). */
	resource?: string;
	/** Run the node as n8n runs it as an AI agent's tool: as its `…Tool` variant (the input items stand for the model's arguments). */
	asTool?: boolean;
	/** Binary data of the items that reach the node, by item and field, stored the way n8n stores it (see `useBinaryStore`). */
	binary?: Array<Record<string, InputFile | { stored: IBinaryData }> | undefined>;
}

/** A file an item carries as binary data. */
export interface InputFile {
	/** The bytes, or a local file to stream them from (n8n stores a stream without holding it whole in filesystem mode). */
	content: Buffer | { path: string };
	fileName?: string;
	mimeType?: string;
}

export interface RunResult {
	/** Items on the node's main output. */
	main: INodeExecutionData[];
	/** Items on the error output ("On Error: Continue (using error output)"). */
	errorOutput: INodeExecutionData[];
	/** The error that stopped the workflow, if any. */
	error?: ExecutionError;
	run: IRun;
	credentials: TestCredentialsHelper;
}

/** A source node that hands the given items (and their files) to the next node, as a trigger or upstream node would. */
function sourceNode(items: IDataObject[], binary: RunOptions['binary'] = []): INodeType {
	return {
		description: {
			displayName: 'Input',
			name: 'input',
			group: ['input'],
			version: 1,
			description: 'Emits fixed items',
			defaults: { name: SOURCE_NODE_NAME },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const output: INodeExecutionData[] = [];
			for (const [index, json] of items.entries()) {
				const files = Object.entries(binary[index] ?? {});
				if (files.length === 0) {
					output.push({ json });
					continue;
				}
				const stored: IBinaryKeyData = {};
				for (const [field, file] of files) {
					// Binary data n8n stored already (e.g. by a Download of an earlier run) is handed on as it is.
					if ('stored' in file) {
						stored[field] = file.stored;
						continue;
					}
					stored[field] = await this.helpers.prepareBinaryData(
					Buffer.isBuffer(file.content) ? file.content : createReadStream(file.content.path),
						file.fileName,
						file.mimeType,
					);
				}
				output.push({ json, binary: stored });
			}
			return [output];
		},
	};
}

function nodeTypesWith(items: IDataObject[], binary?: RunOptions['binary']): INodeTypes {
	const types: Record<string, INodeType> = {
		'test.input': sourceNode(items, binary),
		[SCNET_NODE_TYPE]: new Scnet(),
		[SCNET_TOOL_TYPE]: new Scnet(),
	};
	return {
		getByName: (type) => types[type],
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(types[type], version),
		getKnownTypes: () => ({}),
	};
}

/** Runs Input → SCNet through n8n-core's WorkflowExecute, as n8n runs a manual execution. */
export async function runWorkflow(options: RunOptions): Promise<RunResult> {
	const nodes: INode[] = [
		{ id: 'input', name: SOURCE_NODE_NAME, type: 'test.input', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'scnet',
			name: SCNET_NODE_NAME,
			type: options.asTool ? SCNET_TOOL_TYPE : SCNET_NODE_TYPE,
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: { resource: options.resource ?? 'container', ...(options.operation === '' ? {} : { operation: options.operation }), ...options.parameters },
			credentials: SCNET_CREDENTIAL_REF,
			onError: options.onError,
			...options.settings,
		},
	];
	const connections = {
		[SOURCE_NODE_NAME]: { main: [[{ node: SCNET_NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const workflow = new Workflow({
		id: 'scnet-test',
		nodes,
		connections,
		active: false,
		nodeTypes: nodeTypesWith(options.items, options.binary),
		settings: { executionOrder: 'v1' },
	});
	const workflowData: IWorkflowBase = {
		id: 'scnet-test',
		name: 'SCNet test',
		active: false,
		isArchived: false,
		nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	};

	const credentials = scnetCredentialsHelper(options.credentials);
	const additionalData = createAdditionalData(credentials, new ExecutionLifecycleHooks('manual', 'test-execution', workflowData));

	const run = await new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: workflow.getNode(SOURCE_NODE_NAME) ?? undefined,
	});
	const output = run.data.resultData.runData[SCNET_NODE_NAME]?.[0]?.data?.main ?? [];
	return {
		main: output[0] ?? [],
		errorOutput: output[1] ?? [],
		error: run.data.resultData.error,
		run,
		credentials,
	};
}

/** What n8n's CLI hands the engine for an execution, reduced to what these tests use. */
export function createAdditionalData(
	credentialsHelper: TestCredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678';
	return {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		variables: {},
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		webhookBaseUrl: `${base}/webhook`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		formBaseUrl: `${base}/form`,
		formTestBaseUrl: `${base}/form-test`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}
