import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { notebookRequest } from '../../../shared/notebooks/api';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { forItem, succeeded, type ItemResult } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import { NOTEBOOK } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { checkEveryItem, runPerItem } from '../common/perItem';
import { notebookFailure, notebookIdField, readNotebookId } from './fields';

export const option: OperationOption = {
	name: 'Release',
	value: 'release',
	description: 'Release (delete) a notebook and its environment for good; it cannot be undone',
	action: 'Release a notebook',
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
	const readItem = (itemIndex: number) => {
		const reads = readRequestSettings(this, readOptions(this, itemIndex));
		const input = readNotebookId(this, itemIndex, { released: false }, client.secrets);
		return 'failure' in input ? input : { id: input.id, reads };
	};
	// Irreversible: with "Stop", every item is read before anything is released.
	checkEveryItem(this, readItem);
	// A notebook named by several items is released once; the others get its outcome.
	const byId = new Map<string, ItemResult>();
	return runPerItem(this, async (itemIndex) => {
		const item = readItem(itemIndex);
		if ('failure' in item) return item.failure;
		const earlier = byId.get(item.id);
		if (earlier) return forItem(earlier, itemIndex);
		const result = await notebookRequest(client, 'POST', NOTEBOOK.release, { body: { id: item.id } }, { ...item.reads, notRepeatable: MAY_HAVE_BEEN_RELEASED });
		const outcome = result.ok
			? succeeded({ id: item.id, released: true, code: '0', message: result.message || 'Released' })
			: notebookFailure(item.id, result.failure, itemIndex, { released: false });
		byId.set(item.id, outcome);
		return outcome;
	}, { once: true });
}
