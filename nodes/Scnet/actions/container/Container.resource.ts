import type { INodeProperties } from 'n8n-workflow';

import * as deleteOperation from './delete.operation';

/** The operations of the Container resource, by the value of the 'Operation' parameter. */
export const operations = {
	delete: deleteOperation,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['container'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete containers permanently, by ID, batching the IDs of all input items',
				action: 'Delete containers',
			},
		],
		default: 'delete',
	},
	...deleteOperation.description,
];
