import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { ScnetClient, type RequestSettings } from '../../../shared/transport';
import { CONTAINER } from '../../../shared/transport/endpoints';
import { containerIdField, readContainerId } from '../common/containerInput';
import type { OperationOption } from '../common/operation';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { runPerItem } from '../common/perItem';
import { apiFailure, containerSubject, forItem, succeeded, type ItemResult } from '../../../shared/results';
import { readWaitSettings, waitOptions, waitUntilRunning, type WaitSettings } from '../common/wait';

export const option: OperationOption = {
	name: 'Start',
	value: 'start',
	description: 'Start (restart) a stopped, finished or failed container, and optionally wait until it runs',
	action: 'Start container',
	toolDescription:
		'Start (restart) a stopped, finished or failed SCNet container by ID, optionally waiting until it runs. Returns {id, started, status}; a failure has an error object. A start is never sent twice.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['container'], operation: ['start'] } }, [
	containerIdField,
	optionsCollection([...requestOptions, ...waitOptions]),
]);

/** A restart must not happen twice: after a fault that may have reached SCNet it is not sent again. */
const MAY_HAVE_RESTARTED = 'The container may have been restarted: check its status with Get before running the workflow again.';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	// A container listed by several items is restarted once; the others get its outcome.
	const byId = new Map<string, ItemResult>();
	return runPerItem(this, async (itemIndex) => {
		const options = readOptions(this, itemIndex);
		const reads = readRequestSettings(this, options);
		const wait = readWaitSettings(this, options, reads);
		const input = readContainerId(this, itemIndex, { started: false }, client.secrets);
		if ('failure' in input) return input.failure;
		const { id } = input;
		const earlier = byId.get(id);
		if (earlier) return forItem(earlier, itemIndex);
		const outcome = await start(client, id, itemIndex, { ...reads, notRepeatable: MAY_HAVE_RESTARTED }, wait);
		byId.set(id, outcome);
		return outcome;
	}, { once: true });
}

async function start(client: ScnetClient, id: string, itemIndex: number, settings: RequestSettings, wait: WaitSettings | undefined): Promise<ItemResult> {
	const result = await client.request('ai', 'POST', CONTAINER.restart, { qs: { instanceServiceId: id } }, settings);
	if (!result.ok) return apiFailure(containerSubject(id), result.failure, itemIndex, { started: false });
	const started = { id, started: true, code: '0', message: result.message || 'Started' };
	if (!wait) return succeeded(started);
	const ran = await waitUntilRunning(client, id, wait, 'started');
	if (ran.ok) return succeeded({ ...started, status: ran.status });
	// SCNet did start it: `started` stays true, and the item fails for what came after.
	const failed = apiFailure(containerSubject(id), ran.failure, itemIndex, { started: true });
	return { ...failed, json: { ...failed.json, ...(ran.status ? { status: ran.status } : {}) } };
}
