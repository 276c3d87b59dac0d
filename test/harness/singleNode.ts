import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { SCNET_CREDENTIAL_REF, scnetCredentialsHelper, type TestCredentialsHelper } from './credentialsHelper';
import { createAdditionalData } from './runWorkflow';

/** The node types of a workflow that holds one node of `nodeType` and nothing else. */
export function onlyNodeType(nodeType: INodeType): INodeTypes {
	return {
		getByName: () => nodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(nodeType, 1),
		getKnownTypes: () => ({}),
	};
}

type WorkflowParameters = ConstructorParameters<typeof Workflow>[0];

export interface SingleNodeOptions {
	nodeType: INodeType;
	/** Which node this is; it uses the 'SCNet API' credential. */
	node: Pick<INode, 'id' | 'name' | 'type'>;
	/** The node's version (1 unless given). */
	typeVersion?: number;
	/** The node's parameters as set in the editor. */
	parameters: INodeParameters;
	/** The stored 'SCNet API' credential. */
	credentials: ICredentialDataDecryptedObject;
	/** The rest of the workflow (active or not, id, static data, settings). */
	workflow: Omit<WorkflowParameters, 'nodes' | 'connections' | 'nodeTypes'>;
}

export interface SingleNode {
	workflow: Workflow;
	node: INode;
	/** The parameters as n8n holds them: the editor's, with the defaults filled in. */
	parameters: INodeParameters;
	/** The credential as stored, and afterwards (a sign-in persists its session here). */
	credentials: TestCredentialsHelper;
	additionalData: IWorkflowExecuteAdditionalData;
}

/** A workflow holding one node of `nodeType`, with the stored credential and what n8n's CLI hands the engine. */
export function singleNodeWorkflow({ nodeType, node, typeVersion = 1, parameters, credentials, workflow }: SingleNodeOptions): SingleNode {
	const withDefaults =
		NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, { typeVersion }, nodeType.description) ??
		parameters;
	const only: INode = {
		...node,
		typeVersion,
		position: [0, 0],
		parameters: withDefaults,
		credentials: SCNET_CREDENTIAL_REF,
	};
	const helper = scnetCredentialsHelper(credentials);
	return {
		workflow: new Workflow({ ...workflow, nodes: [only], connections: {}, nodeTypes: onlyNodeType(nodeType) }),
		node: only,
		parameters: withDefaults,
		credentials: helper,
		additionalData: createAdditionalData(helper),
	};
}
