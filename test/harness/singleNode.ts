import { NodeHelpers, type INodeType, type INodeTypes } from 'n8n-workflow';

/** The node types of a workflow that holds one node of `nodeType` and nothing else. */
export function onlyNodeType(nodeType: INodeType): INodeTypes {
	return {
		getByName: () => nodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(nodeType, 1),
		getKnownTypes: () => ({}),
	};
}
