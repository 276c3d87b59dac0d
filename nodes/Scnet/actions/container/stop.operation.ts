import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { CONTAINER } from '../../../shared/transport/endpoints';
import { batchedFields, executeBatched, type BatchedAction } from '../common/batchedIds';
import { containerIdsField } from '../common/containerInput';
import type { OperationOption } from '../common/operation';

/*
 * SCNet documents no stop call; live third-party clients use this one. Hence "beta": its
 * description and the README say so (the name stays 'Stop', as in the actions list), and every
 * answer is passed on as SCNet gives it.
 */

export const option: OperationOption = {
	name: 'Stop',
	value: 'stop',
	description:
		'Stop running containers, by ID, batching the IDs of all input items. Beta: SCNet does not document this call; it is the one its live clients use.',
	action: 'Stop containers',
	toolDescription:
		'Stop running SCNet containers by ID (several IDs separated by commas). Returns one item per ID with stopped true or false; a failure has an error object with code and message. Report each ID\'s outcome.',
};

const action: BatchedAction = {
	method: 'POST',
	path: CONTAINER.stop,
	doneField: 'stopped',
	verb: 'stop',
	done: 'stopped',
	remedies: {
		'10004': {
			message: 'SCNet rejected the container ID as invalid',
			description: 'The container may not exist, may be deleted already, or may belong to another user or region. Check the ID with List.',
		},
	},
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['container'], operation: ['stop'] } }, [
	containerIdsField('stop'),
	...batchedFields(action),
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return executeBatched(this, action);
}
