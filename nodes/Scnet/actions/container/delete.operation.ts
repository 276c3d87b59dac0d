import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { CONTAINER } from '../../../shared/transport/endpoints';
import type { Remedies } from '../../../shared/transport/errorCodes';
import { batchedFields, executeBatched, type BatchedAction } from '../common/batchedIds';
import { containerIdsField } from '../common/containerInput';
import type { OperationOption } from '../common/operation';

export const option: OperationOption = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete containers permanently, by ID, batching the IDs of all input items',
	action: 'Delete containers',
	toolDescription:
		'Delete SCNet containers permanently by ID (several IDs separated by commas). Returns one item per ID with deleted true or false; a container that was already gone is alreadyGone; a failure has an error object with code and message. Report each ID\'s outcome.',
};

const NOT_FOR_DELETE = 'This code is not expected when deleting containers; run the workflow again, and report it if it persists.';

/** Delete's own wording of the codes whose general remedy would mislead here. */
export const remedies: Remedies = {
	'10001': {
		description:
			'The platform could not process the request. If only some containers are affected, they may be in a state that cannot be deleted yet; run the workflow again later or contact SCNet support.',
	},
	'10004': {
		message: 'SCNet rejected the container ID as invalid',
		description:
			'Use a container instance ID as returned by the container list (a 32-character hex string), not an instance name or a notebook ID.',
	},
	'10010': { description: NOT_FOR_DELETE },
	'10011': { description: NOT_FOR_DELETE },
	'716864': { description: 'This code belongs to script execution and is not expected when deleting; run the workflow again.' },
	'716865': { description: 'This code belongs to container creation and is not expected when deleting; run the workflow again.' },
	'716870': { description: 'This code belongs to script execution and is not expected when deleting; run the workflow again.' },
	HTTP_429: { description: 'Run the workflow again later, or spread the deletions over more time.' },
	TIMEOUT: {
		description:
			"Raise 'Timeout' in the node options or run the workflow again later. A request that timed out may still have deleted its containers.",
	},
};

/** How Delete sends its IDs; Clean Up deletes the same way. */
export const deleteAction: BatchedAction = { method: 'DELETE', path: CONTAINER.tasks, doneField: 'deleted', verb: 'delete', done: 'deleted', remedies, goneCode: '716866' };

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['container'], operation: ['delete'] } }, [
	containerIdsField('delete permanently'),
	...batchedFields(deleteAction),
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return executeBatched(this, deleteAction);
}
