import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { notebookRequest } from '../../../shared/notebooks/api';
import { optionsCollection, requestOptions } from '../../../shared/parameters/options';
import { succeeded, type ItemResult } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import { NOTEBOOK } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { GOALS, notebookFailure, notebookIdField, notebookWaitOptions, perNotebook, readNotebookItem, statusNow, waitForNotebook, type NotebookItem } from './fields';

export const option: OperationOption = {
	name: 'Start',
	value: 'start',
	description: 'Start (power on) a stopped notebook, and optionally wait until it runs',
	action: 'Start notebook',
	toolDescription:
		'Start (power on) a stopped SCNet notebook by ID, optionally waiting until it runs. Returns {id, started, status} or an error object; a start is never sent twice.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['notebook'], operation: ['start'] } }, [
	notebookIdField,
	optionsCollection([...requestOptions, ...notebookWaitOptions]),
]);

/** A start must not happen twice: after a fault that may have reached SCNet it is not sent again. */
const MAY_HAVE_STARTED = 'The notebook may have been started: check its status with Get before running the workflow again.';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	// A notebook starts (and bills) once asked: it is started once per run, every item read first with "Stop".
	return perNotebook(this, (itemIndex) => readNotebookItem(this, itemIndex, { started: false }, client.secrets, { waits: true }), (item, itemIndex) => start(client, item, itemIndex), { once: true });
}

async function start(client: ScnetClient, { id, reads, wait }: NotebookItem, itemIndex: number): Promise<ItemResult> {
	const result = await notebookRequest(client, 'POST', NOTEBOOK.start, { body: { notebookId: id } }, { ...reads, notRepeatable: MAY_HAVE_STARTED });
	if (!result.ok) return notebookFailure(id, result.failure, itemIndex, { started: false });
	const started = { id, started: true, code: '0', message: result.message || 'Started' };
	if (!wait) return succeeded({ ...started, status: await statusNow(client, id, reads) });
	const ran = await waitForNotebook(client, id, GOALS.running, wait, 'started');
	if (ran.ok) return succeeded({ ...started, status: ran.status });
	// SCNet did start it: `started` stays true, and the item fails for what came after.
	const failed = notebookFailure(id, ran.failure, itemIndex, { started: true });
	return { ...failed, json: { ...failed.json, status: ran.status ?? null } };
}
