import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { notebookRequest } from '../../../shared/notebooks/api';
import { optionsCollection, requestOptions } from '../../../shared/parameters/options';
import { succeeded } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import { NOTEBOOK } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { notebookFailure, notebookIdField, perNotebook, readNotebookItem } from './fields';

export const option: OperationOption = {
	name: 'Release',
	value: 'release',
	description: 'Release (delete) a notebook and its environment for good; it cannot be undone',
	action: 'Release notebook',
	toolDescription:
		'Release (delete for good) an SCNet notebook and its environment by ID; it cannot be undone. Returns {id, released} or an error object. Only when the user asked for it.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['notebook'], operation: ['release'] } }, [
	{
		displayName: 'Releasing deletes the notebook and the changes in its environment for good. Every execution releases for real; the files in your home folder stay.',
		name: 'releaseNotice',
		type: 'notice',
		default: '',
	},
	notebookIdField,
	optionsCollection(requestOptions),
]);

/** A release cannot be undone, and is not sent again after a fault that may have reached SCNet. */
const MAY_HAVE_BEEN_RELEASED = 'The notebook may have been released: check with Get Many (or Get) before running the workflow again.';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	// Irreversible: released once per run, every item read first with "Stop", never again after a fault that may have reached SCNet.
	return perNotebook(
		this,
		(itemIndex) => readNotebookItem(this, itemIndex, { released: false }, client.secrets),
		async ({ id, reads }, itemIndex) => {
			const result = await notebookRequest(client, 'POST', NOTEBOOK.release, { body: { id } }, { ...reads, notRepeatable: MAY_HAVE_BEEN_RELEASED });
			return result.ok ? succeeded({ id, released: true, code: '0', message: result.message || 'Released' }) : notebookFailure(id, result.failure, itemIndex, { released: false });
		},
		{ once: true },
	);
}
