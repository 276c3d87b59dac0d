import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { notebookRequest } from '../../../shared/notebooks/api';
import { optionsCollection, requestOptions } from '../../../shared/parameters/options';
import { succeeded } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import { NOTEBOOK } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { notebookFailure, notebookIdField, perNotebook, readNotebookItem } from './fields';

export const option: OperationOption = {
	name: 'Get URL',
	value: 'getUrl',
	description: "Get the address that opens a notebook's JupyterLab in the browser, and whether it is active",
	action: 'Get notebook URL',
	toolDescription:
		'Get the browser URL of a running SCNet notebook (JupyterLab). Needs the notebook ID. Returns {id, url}; the URL carries an access token: give it only to the user who asked for it.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['notebook'], operation: ['getUrl'] } }, [
	{
		...notebookIdField,
		hint: 'The URL carries an access token of the notebook (?token=…): whoever has it can use the notebook, so share it only with people who may. Its item says so with secretInUrl.',
	},
	optionsCollection(requestOptions),
]);

/** Query fields that make a URL a credential in itself. */
const SECRET_QUERY = /[?&](?:token|access_token|key|password|sign|signature)=/i;

/**
 * The address is what this operation is for, so it is output — marked `secretInUrl` when it
 * carries a token, as SCNet's Jupyter URLs do (`?token=sothisai_…`); it goes nowhere else:
 * failures are built from SCNet's code alone.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	return perNotebook(this, (itemIndex) => readNotebookItem(this, itemIndex, {}, client.secrets), async ({ id, reads }, itemIndex) => {
		const result = await notebookRequest(client, 'GET', NOTEBOOK.url, { qs: { notebookId: id } }, reads);
		if (!result.ok) return notebookFailure(id, result.failure, itemIndex);
		// Documented as { status: active | inactive, url }; a bare text is read as the URL.
		const data = typeof result.data === 'string' ? { url: result.data } : ((result.data ?? {}) as IDataObject);
		const { url, status } = data;
		if (typeof url !== 'string' || url.trim() === '') return notebookFailure(id, noUrl(status), itemIndex);
		const active = status === 'active' ? true : status === 'inactive' ? false : null;
		return succeeded({ id, url, active, secretInUrl: SECRET_QUERY.test(url) });
	});
}

function noUrl(status: unknown) {
	return {
		code: 'NO_URL',
		message: `SCNet returned no URL for the notebook${typeof status === 'string' && status !== '' ? ` (status '${status}')` : ''}`,
		description: 'The notebook may not be running: start it (Start, with Wait Until Done), then get its URL.',
		scope: 'batch' as const,
	};
}
