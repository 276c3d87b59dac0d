import { NodeOperationError, type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { NotebookLister } from '../shared/notebooks/listing';
import { notebookWhereabouts } from '../shared/notebooks/lookup';
import { NOTEBOOK_STATUSES, notebookView, simplifiedNotebook } from '../shared/notebooks/notebookView';
import { readChoices } from '../shared/parameters/readers';
import { callError } from '../shared/results';
import { ScnetClient } from '../shared/transport';
import { POLL_SETTINGS, SAMPLE_SIZE } from './containerPoll';
import { lookUpMissing } from './missing';
import { isWatchState, watch, type Change } from './watch';

/** Notebooks per list request of a poll; SCNet may send fewer, and the poll reads every page. */
const PAGE_SIZE = 50;
/** What a notebook can be in now; one that vanished (and SCNet confirms gone) is 'Released'. */
export const NOTEBOOK_TRIGGER_STATUSES = [...NOTEBOOK_STATUSES, 'Released'];

/**
 * One poll for Notebook Status Changed: list every notebook (complete, or the poll fails and
 * nothing is recorded), compare with the last poll through the containers' watch, and emit each
 * change once: a notebook whose status differs (with `previousStatus`), one that appeared since
 * (`previousStatus` null), and one that vanished and a Get confirms gone (`Released`).
 */
export async function pollNotebooks(context: IPollFunctions, zone: string, simplify = false): Promise<INodeExecutionData[][] | null> {
	const node = context.getNode();
	const shape = (notebook: IDataObject) => (simplify ? simplifiedNotebook(notebook, zone) : notebook);
	// Read as strictly as the node's own rules: a value that cannot be read fails the poll, never "every status".
	const statuses = readChoices({ node, label: 'Statuses' }, context.getNodeParameter('statuses', []), NOTEBOOK_TRIGGER_STATUSES, { required: false });
	const wanted = (status: unknown) => statuses.length === 0 || statuses.includes(String(status));

	const client = await ScnetClient.connect(context);
	const listed = await new NotebookLister(client, POLL_SETTINGS).collect({}, { pageSize: PAGE_SIZE });
	// Nothing is recorded: the next poll compares with the last one that worked, so no change is lost.
	if (!listed.ok) throw callError(node, listed.failure);
	const notebooks = listed.notebooks.map((notebook) => notebookView(notebook));

	if (context.getMode() === 'manual') {
		// Only what the published trigger could report now, shaped as its items.
		const sample = notebooks.filter((notebook) => wanted(notebook.status)).slice(0, SAMPLE_SIZE);
		if (sample.length === 0) {
			const why = statuses.length === 0 ? 'SCNet lists no notebook' : `none of the ${notebooks.length} listed is in ${statuses.join(', ')}`;
			throw new NodeOperationError(node, `No notebook matches the event now: ${why}`, {
				description: 'A test run only hands on notebooks the published trigger could report, so nothing downstream acts on others. Test again when one matches, or change the statuses.',
			});
		}
		return [context.helpers.returnJsonArray(sample.map((notebook) => ({ ...shape(notebook), previousStatus: notebook.status })))];
	}

	const staticData = context.getWorkflowStaticData('node');
	// Tied to the account, the region and both hosts notebook calls may go to: another credential starts afresh.
	const scope = `${client.scopeOf('ai')}/${client.scopeOf('platform')}`;
	const stored = isWatchState(staticData.notebooks) && staticData.notebooks.scope === scope ? staticData.notebooks : undefined;
	const listedIds = new Set(notebooks.map((notebook) => String(notebook.id)));
	const missing = stored ? Object.keys(stored.seen).filter((id) => !listedIds.has(id)) : [];
	const { gone, found } = await lookUpMissing(missing, (id) => notebookWhereabouts(client, id, POLL_SETTINGS));
	const seenNow = [...notebooks, ...found.map((notebook) => notebookView(notebook))];
	const { changes, state } = watch(stored, seenNow, { now: Date.now(), zone, tooLongMs: Infinity, gone, goneStatus: 'Released' });
	staticData.notebooks = { ...state, scope } as unknown as IDataObject;
	const items = changes.flatMap((change) => itemOf(change, shape)).filter((item) => wanted(item.status));
	return items.length > 0 ? [context.helpers.returnJsonArray(items)] : null;
}

/** The item of a change: a status change with its previous status, or a notebook that appeared since the last poll. */
function itemOf(change: Change, shape: (notebook: IDataObject) => IDataObject): IDataObject[] {
	if (change.kind === 'statusChanged') return [{ ...shape(change.container), previousStatus: change.previousStatus }];
	if (change.kind === 'containerCreated') return [{ ...shape(change.container), previousStatus: null }];
	return [];
}
