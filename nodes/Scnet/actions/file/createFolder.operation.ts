import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { readBoolean } from '../../../shared/parameters/readers';
import { apiFailure, fileSubject, inputProblem, succeeded } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import { EFILE } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { readPathParameter } from './fields';

export const option: OperationOption = {
	name: 'Create Folder',
	value: 'createFolder',
	description: 'Create a folder; one that already exists is a success with alreadyExisted',
	action: 'Create folder',
	toolDescription:
		'Create a folder on SCNet\'s file system (an absolute path such as /public/home/<user>/runs/2026-12). Returns {path, created}; a folder that exists already is a success with alreadyExisted.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['file'], operation: ['createFolder'] } }, [
	{
		displayName: 'Folder Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /public/home/<cluster user>/runs/2026-12-02',
		description: 'Absolute path of the folder to create',
	},
	{
		displayName: 'Create Parents',
		name: 'createParents',
		type: 'boolean',
		default: true,
		description: 'Whether to create missing parent folders too. Off: a missing parent fails the item.',
	},
	optionsCollection(requestOptions),
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const client = await ScnetClient.connect(this);
	return runPerItem(
		this,
		async (itemIndex) => {
			const settings = readRequestSettings(this, readOptions(this, itemIndex));
			const createParents = readBoolean({ node, label: 'Create Parents', itemIndex }, this.getNodeParameter('createParents', itemIndex));
			const input = readPathParameter(this.getNodeParameter('path', itemIndex, ''), 'Folder Path');
			if (!input.ok) return inputProblem({ path: null, created: false }, input.message, itemIndex);
			// Sent once: after a lost answer a second mkdir would find the folder and call it one that already existed.
			const answer = await client.request('efile', 'POST', EFILE.mkdir, { qs: { path: input.path, createParents } }, { ...settings, notRepeatable: 'The folder may have been created.' });
			if (answer.ok) return succeeded({ path: input.path, created: true, alreadyExisted: false, code: '0', message: answer.message || 'Created' });
			if (answer.failure.code === '911021') return succeeded({ path: input.path, created: false, alreadyExisted: true, code: '911021', message: answer.failure.message });
			return apiFailure(fileSubject(input.path), answer.failure, itemIndex, { created: false, alreadyExisted: false });
		},
		{ once: true },
	);
}
