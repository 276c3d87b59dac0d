import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { notebookRequest } from '../../../shared/notebooks/api';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { forItem, succeeded, type ItemResult } from '../../../shared/results';
import { ScnetClient, type RequestSettings } from '../../../shared/transport';
import { NOTEBOOK } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { checkEveryItem, runPerItem } from '../common/perItem';
import type { WaitSettings } from '../common/wait';
import { GOALS, notebookFailure, notebookIdField, notebookWaitOptions, readNotebookId, readNotebookWait, statusNow, waitForNotebook } from './fields';

export const option: OperationOption = {
	name: 'Start',
	value: 'start',
	description: 'Start (power on) a stopped notebook, and optionally wait until it runs',
	action: 'Start a notebook',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['notebook'], operation: ['start'] } }, [
	notebookIdField,
	optionsCollection([...requestOptions, ...notebookWaitOptions]),
]);

/** A start must not happen twice: after a fault that may have reached SCNet it is not sent again. */
const MAY_HAVE_STARTED = 'The notebook may have been started: check its status with Get before running the workflow again.';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	const readItem = (itemIndex: number) => {
		const options = readOptions(this, itemIndex);
		const reads = readRequestSettings(this, options);
		const wait = readNotebookWait(this, options, reads);
		const input = readNotebookId(this, itemIndex, { started: false }, client.secrets);
		return 'failure' in input ? input : { id: input.id, reads, wait };
	};
	// A notebook starts (and bills) once asked: with "Stop", every item is read before any is started.
	checkEveryItem(this, readItem);
	// A notebook named by several items is started once; the others get its outcome.
	const byId = new Map<string, ItemResult>();
	return runPerItem(this, async (itemIndex) => {
		const item = readItem(itemIndex);
		if ('failure' in item) return item.failure;
		const earlier = byId.get(item.id);
		if (earlier) return forItem(earlier, itemIndex);
		const outcome = await start(client, item.id, itemIndex, item.reads, item.wait);
		byId.set(item.id, outcome);
		return outcome;
	}, { once: true });
}

async function start(client: ScnetClient, id: string, itemIndex: number, reads: RequestSettings, wait: WaitSettings | undefined): Promise<ItemResult> {
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
