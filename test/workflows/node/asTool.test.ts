import { NodeHelpers, type INode, type INodeParameters, type INodeTypeDescription } from 'n8n-workflow';
import { getSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';

import { Scnet } from '../../../nodes/Scnet/Scnet.node';
import { RESOURCES } from '../../../nodes/Scnet/actions/resources';

/*
 * What a model is offered when the node is an AI agent's tool: n8n makes a `scnetTool` variant of
 * the node and takes the tool's description from its 'toolDescription' parameter, and the tool's
 * arguments from the `$fromAI()` calls in its parameters.
 */

/** The tool variant of the node's description, as n8n's loader makes it (it adds no description field when the node has one). */
function toolVariant(): INodeTypeDescription {
	const { description } = new Scnet();
	const variant = { ...description, name: `${description.name}Tool`, inputs: [], outputs: ['ai_tool'] } as INodeTypeDescription;
	delete variant.usableAsTool;
	return variant;
}

/** A node of `type` as n8n's workflow holds it: its parameters with the defaults of the fields it shows. */
function resolvedNode(type: INodeTypeDescription, parameters: INodeParameters): INode {
	const node: INode = { id: 'tool', name: 'SCNet', type: `n8n-nodes-scnet.${type.name}`, typeVersion: 3, position: [0, 0], parameters };
	node.parameters = NodeHelpers.getNodeParameters(type.properties, parameters, true, false, node, type) ?? {};
	return node;
}

const operations = RESOURCES.flatMap((resource) => Object.values(resource.handlers).map((handler) => ({ resource: resource.option.value, handler })));

describe('As an AI agent tool', () => {
	it.each(operations.map(({ resource, handler }) => [`${resource} → ${handler.option.name}`, resource, handler.option] as const))(
		'%s: the model is told what the operation does, needs and returns',
		(_, resource, option) => {
			const type = toolVariant();
			const node = resolvedNode(type, { resource, operation: option.value });

			const offered = NodeHelpers.getToolDescriptionForNode(node, { description: type } as never);

			expect(offered).toBe(option.toolDescription);
			expect(offered.length).toBeGreaterThan(80);
			expect(offered).toMatch(/SCNet/);
			expect(offered).toMatch(/Returns|returns|Needs nothing|comes back/);
		},
	);

	it('the description field is the tool variant\'s only: the node on the canvas shows none', () => {
		const { description } = new Scnet();
		const node = resolvedNode(description, { resource: 'container', operation: 'list' });

		expect(node.parameters).not.toHaveProperty('toolDescription');
	});

	it("the model's arguments: every field the model fills is in the tool's JSON schema, with its type and description", () => {
		const fromAI = (key: string, about: string, type = 'string') => `={{ $fromAI('${key}', \`${about}\`, '${type}') }}`;
		const type = toolVariant();
		const node = resolvedNode(type, {
			resource: 'container',
			operation: 'list',
			returnAll: fromAI('Return_All', 'Whether to list every container', 'boolean'),
			filters: { status: fromAI('Status', 'Comma-separated statuses, e.g. Running,Failed') },
		});

		// The zod object n8n hands the agent (it sends the model its JSON schema).
		const { shape } = getSchema(node);
		const offered = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, { type: field._def.typeName, description: field.description, optional: field.isOptional() }]));

		expect(offered).toEqual({
			Return_All: { type: 'ZodBoolean', description: 'Whether to list every container', optional: false },
			Status: { type: 'ZodString', description: 'Comma-separated statuses, e.g. Running,Failed', optional: false },
		});
	});
});
