import type { INodeProperties } from 'n8n-workflow';

import { RESOURCES } from './actions/resources';

/*
 * The node's fields: its resources, and each resource's operations with their fields. The node's
 * head (name, icon, credentials) stays in Scnet.node.ts, where n8n's community-node lint checks it.
 */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map((resource) => resource.option),
		default: 'container',
	},
	...RESOURCES.flatMap((resource) => resource.description),
];
