import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readNotebook } from '../../../shared/notebooks/lookup';
import { notebookView, SIMPLIFIED_NOTEBOOK_FIELDS, simplifiedNotebook } from '../../../shared/notebooks/notebookView';
import { optionsCollection, requestOptions, SCNET_TIME_ZONE } from '../../../shared/parameters/options';
import { readSimplify, simplifyField } from '../../../shared/parameters/simplify';
import { succeeded } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import type { OperationOption } from '../common/operation';
import { AGENT_VERSION, fromVersion } from '../common/versions';
import { notebookFailure, notebookIdField, perNotebook, readNotebookItem } from './fields';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	description: 'Get one notebook with its status, image and resources (its SSH password is never output)',
	action: 'Get notebook',
	toolDescription:
		'Get one SCNet notebook by ID: its name, status, image, resources and times (ISO 8601); its SSH password is never returned. A notebook SCNet does not know comes back with an error object.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['notebook'], operation: ['get'] } }, [
	notebookIdField,
	simplifyField(SIMPLIFIED_NOTEBOOK_FIELDS, fromVersion(AGENT_VERSION)),
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
	return perNotebook(this, (itemIndex) => readNotebookItem(this, itemIndex, {}, client.secrets), async ({ id, reads }, itemIndex) => {
		const simplify = readSimplify(this, itemIndex);
		const found = await readNotebook(client, id, reads);
		if (!found.ok) return notebookFailure(id, found.failure, itemIndex);
		if (!found.notebook) return notebookFailure(id, NOT_FOUND, itemIndex);
		const view = notebookView(found.notebook, id);
		// SCNet writes a notebook's times in China time, without a zone.
		return succeeded(simplify ? simplifiedNotebook(view, SCNET_TIME_ZONE) : view);
	});
}
