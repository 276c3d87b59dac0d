import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { notebookRequest } from '../../../shared/notebooks/api';
import { optionsCollection, requestOptions } from '../../../shared/parameters/options';
import { readBoolean } from '../../../shared/parameters/readers';
import { succeeded, type ItemResult } from '../../../shared/results';
import { isTokenRefusal, ScnetClient } from '../../../shared/transport';
import { NOTEBOOK } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { GOALS, notebookFailure, notebookIdField, notebookWaitOptions, perNotebook, readNotebookItem, statusNow, waitForNotebook, type NotebookItem } from './fields';

export const option: OperationOption = {
	name: 'Stop',
	value: 'stop',
	description: 'Stop (power off) a notebook, keeping or dropping the changes made in its environment; a stopped one is a success (alreadyStopped)',
	action: 'Stop notebook',
	toolDescription:
		'Stop (power off) an SCNet notebook by ID, keeping or dropping the changes made in its environment. Returns {id, stopped, status}; one that is stopped already is a success (alreadyStopped).',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['notebook'], operation: ['stop'] } }, [
	notebookIdField,
	{
		displayName: 'Save Environment',
		name: 'saveEnvironment',
		type: 'boolean',
		default: true,
		description:
			'Whether SCNet keeps the changes made in the notebook (installed packages, files outside the home folder) for its next start (saveEnv). Off: the next start begins from the image again.',
	},
	optionsCollection([...requestOptions, ...notebookWaitOptions]),
]);

/** SCNet's "当前Notebook已经停止！" (the notebook is already stopped), as its console answers a stop of a stopped one. */
const ALREADY_STOPPED = '817140';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	const read = (itemIndex: number) => {
		const item = readNotebookItem(this, itemIndex, { stopped: false }, client.secrets, { waits: true });
		// Decides what SCNet keeps: 'false' from an expression is false, and a word is refused — never taken as true.
		const saveEnv = readBoolean({ node: this.getNode(), label: 'Save Environment', itemIndex }, this.getNodeParameter('saveEnvironment', itemIndex, true));
		return 'failure' in item ? item : { ...item, saveEnv };
	};
	// A stop may be sent again (Max Tries, Retry On Fail): a repeated one finds the notebook stopped, which is a success.
	return perNotebook(this, read, (item, itemIndex) => stop(client, item, itemIndex));
}

async function stop(client: ScnetClient, { id, saveEnv, reads, wait }: NotebookItem & { saveEnv: boolean }, itemIndex: number): Promise<ItemResult> {
	const result = await notebookRequest(client, 'POST', NOTEBOOK.stop, { body: { notebookId: id, saveEnv } }, reads);
	if (!result.ok) {
		const { failure } = result;
		if (failure.code === ALREADY_STOPPED) {
			return succeeded({ id, stopped: true, alreadyStopped: true, status: await statusNow(client, id, reads), code: '0', message: `Already stopped: SCNet answered ${ALREADY_STOPPED} (the notebook is not running)` });
		}
		// SCNet refused it with a code of its own (not a fault): a notebook its detail shows stopped is stopped all the same.
		const refused = /^\d+$/.test(failure.code) && !isTokenRefusal(failure) && (failure.httpCode === undefined || failure.httpCode < 300);
		if (refused && (await statusNow(client, id, reads)) === 'Terminated') {
			return succeeded({ id, stopped: true, alreadyStopped: true, status: 'Terminated', code: '0', message: `Already stopped: SCNet refused the stop (code ${failure.code}), and the notebook is Terminated` });
		}
		return notebookFailure(id, failure, itemIndex, { stopped: false });
	}
	const stopped = { id, stopped: true, code: '0', message: result.message || 'Stopped' };
	if (!wait) return succeeded({ ...stopped, status: await statusNow(client, id, reads) });
	const ended = await waitForNotebook(client, id, GOALS.stopped, wait, 'stopped');
	if (ended.ok) return succeeded({ ...stopped, status: ended.status });
	const failed = notebookFailure(id, ended.failure, itemIndex, { stopped: true });
	return { ...failed, json: { ...failed.json, status: ended.status ?? null } };
}
