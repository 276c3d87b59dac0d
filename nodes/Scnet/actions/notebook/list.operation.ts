import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { NotebookLister } from '../../../shared/notebooks/listing';
import { NOTEBOOK_STATUSES, notebookNameOf, notebookStatusOf, notebookView, SIMPLIFIED_NOTEBOOK_FIELDS, simplifiedNotebook } from '../../../shared/notebooks/notebookView';
import {
	optionsCollection,
	readLimit,
	readOptions,
	readRequestSettings,
	readWholeNumbers,
	requestOptions,
	returnAllFields,
	SCNET_TIME_ZONE,
	wholeNumberOption,
	type WholeNumber,
} from '../../../shared/parameters/options';
import { readSimplify, simplifyField } from '../../../shared/parameters/simplify';
import { readChoices } from '../../../shared/parameters/readers';
import { failedRun } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import type { OperationOption } from '../common/operation';
import { AGENT_VERSION, fromVersion } from '../common/versions';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'list',
	description: "List the account's notebooks (Jupyter environments) with their status, filtered by name and status",
	action: 'Get many notebooks',
	toolDescription:
		'List the SCNet notebooks of the account: id, name, status, image, resources and times (ISO 8601); can filter by name and status. Returns one item per notebook; no access URLs (use the Get URL tool).',
};

/** SCNet's largest page size is not documented (its default is 20). */
const PAGE_SIZE: WholeNumber = { label: 'Page Size', min: 1, max: 1000, default: 50 };

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['notebook'], operation: ['list'] } }, [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only notebooks whose name contains this text (sent to SCNet as notebookName, and checked again by the node)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: NOTEBOOK_STATUSES.map((status) => ({ name: status, value: status })),
				default: [],
				description: "Only notebooks in one of these statuses: Terminated is SCNet's word for stopped, Shutting for stopping, Restarting for starting",
			},
		],
	},
	simplifyField(SIMPLIFIED_NOTEBOOK_FIELDS, fromVersion(AGENT_VERSION)),
	optionsCollection([
		...requestOptions,
		wholeNumberOption('pageSize', PAGE_SIZE, 'How many notebooks to ask SCNet for per request. SCNet may send fewer; the node reads on until it has them all.'),
	]),
]);

/** One listing per execution, whatever the number of input items. */
export const runsOnce = true;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const options = readOptions(this);
	const settings = readRequestSettings(this, options);
	const { pageSize } = readWholeNumbers(this, options, { pageSize: PAGE_SIZE });
	const limit = readLimit(this);
	const raw = this.getNodeParameter('filters', 0, {}) as IDataObject;
	const statuses = 'status' in raw ? readChoices({ node, label: 'Status', itemIndex: 0 }, raw.status, NOTEBOOK_STATUSES, { required: false }) : [];
	const name = typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name.trim() : undefined;
	const simplify = readSimplify(this);

	const client = await ScnetClient.connect(this);
	// SCNet takes one status; the filters are checked again here, so a server that ignores one cannot widen the list.
	const keep = (notebook: IDataObject) =>
		(statuses.length === 0 || statuses.includes(notebookStatusOf(notebook))) && (name === undefined || (notebookNameOf(notebook) ?? '').includes(name));
	const listed = await new NotebookLister(client, settings).collect(
		{ name, status: statuses.length === 1 ? statuses[0] : undefined },
		{ pageSize: limit === undefined ? pageSize : Math.min(pageSize, limit), wanted: limit, keep },
	);
	if (!listed.ok) return failedRun(this, listed.failure);
	// SCNet writes a notebook's times in China time, without a zone.
	return listed.notebooks.map((notebook) => {
		const view = notebookView(notebook);
		return { json: simplify ? simplifiedNotebook(view, SCNET_TIME_ZONE) : view, pairedItem: { item: 0 } };
	});
}
