import { NodeHelpers, type INode, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';
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

	/** $fromAI's type for a field the model fills: what n8n's "let the model define this parameter" gives it. */
	const AI_TYPES: Partial<Record<INodeProperties['type'], { fromAI: string; zod: string }>> = {
		string: { fromAI: 'string', zod: 'ZodString' },
		dateTime: { fromAI: 'string', zod: 'ZodString' },
		resourceLocator: { fromAI: 'string', zod: 'ZodString' },
		multiOptions: { fromAI: 'string', zod: 'ZodString' },
		number: { fromAI: 'number', zod: 'ZodNumber' },
		boolean: { fromAI: 'boolean', zod: 'ZodBoolean' },
		json: { fromAI: 'json', zod: 'ZodEffects' },
	};

	it.each(operations.map(({ resource, handler }) => [`${resource} → ${handler.option.name}`, resource, handler.option.value] as const))(
		"%s: every field the model may fill (version 3) is one argument of the tool's JSON schema, of its field's type",
		(_, resource, operation) => {
			const type = toolVariant();
			const context = { resource, operation };
			const probe = resolvedNode(type, context);
			const shown = type.properties.filter(
				(field) => !['resource', 'operation', 'toolDescription'].includes(field.name) && field.type !== 'notice' && NodeHelpers.displayParameter(probe.parameters, field, probe, type),
			);
			const parameters: INodeParameters = { ...context };
			const expected: Record<string, string> = {};
			const unfillable: string[] = [];
			const fill = (field: INodeProperties, key: string): unknown => {
				const aiType = AI_TYPES[field.type];
				if (!aiType) {
					unfillable.push(`${key} (${field.type})`);
					return undefined;
				}
				expected[key] = aiType.zod;
				const expression = `={{ $fromAI('${key}', \`${field.displayName}\`, '${aiType.fromAI}') }}`;
				return field.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: expression } : expression;
			};
			for (const field of shown) {
				if (field.type === 'collection') {
					parameters[field.name] = Object.fromEntries(
						((field.options ?? []) as INodeProperties[])
							// A collection holds the variants of every version; the ones of version 3 count.
							.filter((option) => NodeHelpers.displayParameter(probe.parameters, option, probe, type))
							.map((option) => [option.name, fill(option, `${field.name}_${option.name}`)])
							.filter(([, value]) => value !== undefined),
					);
				} else {
					const value = fill(field, field.name);
					if (value !== undefined) parameters[field.name] = value as string;
				}
			}

			const { shape } = getSchema(resolvedNode(type, parameters));

			expect(Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, field._def.typeName]))).toEqual(expected);
			expect(Object.keys(expected).length).toBeGreaterThan(0);
			expect(unfillable).toEqual([]);
		},
	);

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
