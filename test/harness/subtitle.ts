import { NodeHelpers, Workflow, type INodeParameters, type INodeType } from 'n8n-workflow';

/**
 * The canvas subtitle the editor shows for a node of `nodeType` with `parameters`: its `subtitle`
 * expression evaluated as the editor evaluates it (`getSimpleParameterValue`, mode 'internal'),
 * on the parameters with their defaults filled in for `typeVersion`.
 */
export function canvasSubtitle(nodeType: INodeType, parameters: INodeParameters, typeVersion: number): unknown {
	const { description } = nodeType;
	const filled = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, { typeVersion }, description) ?? parameters;
	const node = { id: 'node', name: description.displayName, type: `n8n-nodes-scnet.${description.name}`, typeVersion, position: [0, 0] as [number, number], parameters: filled };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	return workflow.expression.getSimpleParameterValue(node, description.subtitle as string, 'internal', {});
}
