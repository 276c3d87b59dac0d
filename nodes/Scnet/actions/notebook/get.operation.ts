import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readNotebook } from '../../../shared/notebooks/lookup';
import { notebookView } from '../../../shared/notebooks/notebookView';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { succeeded } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { notebookFailure, notebookIdField, readNotebookId } from './fields';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	description: 'Get one notebook with its status, image and resources (its SSH password is never output)',
	action: 'Get a notebook',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['notebook'], operation: ['get'] } }, [
	notebookIdField,
	optionsCollection(requestOptions),
]);

/** SCNet answered success without a notebook. */
const NOT_FOUND = {
	code: 'NOTEBOOK_NOT_FOUND',
	message: 'SCNet returned no notebook for this ID',
	description: 'The notebook may not exist (any more), or belong to another region. Check the ID with Get Many.',
	scope: 'ids' as const,
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	return runPerItem(this, async (itemIndex) => {
		const settings = readRequestSettings(this, readOptions(this, itemIndex));
		const input = readNotebookId(this, itemIndex, {}, client.secrets);
		if ('failure' in input) return input.failure;
		const found = await readNotebook(client, input.id, settings);
		if (!found.ok) return notebookFailure(input.id, found.failure, itemIndex);
		if (!found.notebook) return notebookFailure(input.id, NOT_FOUND, itemIndex);
		return succeeded(notebookView(found.notebook, input.id));
	});
}
