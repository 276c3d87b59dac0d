import type { INodeProperties } from 'n8n-workflow';

import * as account from './actions/account/Account.resource';
import * as container from './actions/container/Container.resource';
import * as job from './actions/job/Job.resource';

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
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Container', value: 'container' },
			{ name: 'Job', value: 'job' },
		],
		default: 'container',
	},
	...account.description,
	...container.description,
	...job.description,
];
