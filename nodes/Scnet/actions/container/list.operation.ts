import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { readDateTime } from '../../../shared/helpers/dates';
import { ScnetClient } from '../../../shared/transport';
import { containerView, SIMPLIFIED_CONTAINER_FIELDS, simplifiedContainer } from '../../../shared/containers/containerView';
import { readSimplify, simplifyField } from '../../../shared/parameters/simplify';
import { AGENT_VERSION, beforeVersion, fromVersion } from '../common/versions';
import { acceptedValues, pickedValue, pickField, readPick } from '../../../shared/parameters/picks';
import { SERVICE_TYPE_CHOICES } from '../common/choices';
import { ContainerLister, type ListQuery } from '../../../shared/containers/listing';
import type { OperationOption } from '../common/operation';
import {
	optionsCollection,
	readOptions,
	readRequestSettings,
	readTimezone,
	readLimit,
	readWholeNumbers,
	requestOptions,
	returnAllFields,
	timezoneOption,
	wholeNumberOption,
	type WholeNumber,
} from '../../../shared/parameters/options';
import { readChoices } from '../../../shared/parameters/readers';
import { failedRun } from '../../../shared/results';
import { STATUSES, TASK_TYPES } from '../../../shared/containers/taskTypes';

export const option: OperationOption = {
	// "Get Many" is n8n's name for a listing; the value stays `list`.
	name: 'Get Many',
	value: 'list',
	description: 'List the containers of the account, newest first, filtered by status, service type, name or creation time',
	action: 'Get many containers',
	toolDescription:
		'List the SCNet containers of the account, newest first: id, name, status, service type, resources, times (ISO 8601). Can filter by status (one or more of Running, Waiting, Deploying, Completed, Failed, Terminated, comma-separated), service type, name and creation time. Returns one item per container; no access URLs (use the Get URL tool).',
};

const PAGE_SIZE: WholeNumber = { label: 'Page Size', min: 1, max: 1000, default: 100 };

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['container'], operation: ['list'] } }, [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		options: [
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
				description: 'Only containers created after this time',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
				description: 'Only containers created before this time, e.g. {{ $now.minus(24, "hours") }} for those older than a day',
			},
			{
				displayName: 'Name Contains',
				name: 'name',
				type: 'string',
				default: '',
				description: 'Only containers whose name contains this text',
			},
			{
				displayName: 'Service Type',
				name: 'taskType',
				type: 'options',
				options: TASK_TYPES,
				default: 'jupyter',
				displayOptions: { show: { '@version': beforeVersion(AGENT_VERSION) } },
				description: 'Only containers offering this service',
			},
			{
				// Version 3: a picker an AI agent can fill (see shared/parameters/picks.ts).
				...pickField({
					displayName: 'Service Type',
					name: 'taskType',
					default: 'jupyter',
					description: `Only containers offering this service: ${acceptedValues(SERVICE_TYPE_CHOICES)}`,
					searchListMethod: 'searchServiceTypes',
					listPlaceholder: 'Select a service…',
					placeholder: 'e.g. jupyter',
					staticList: true,
				}),
				displayOptions: { show: { '@version': fromVersion(AGENT_VERSION) } },
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: STATUSES.map((status) => ({ name: status, value: status })),
				default: [],
				description: 'Only containers in one of these statuses',
			},
		],
	},
	simplifyField(SIMPLIFIED_CONTAINER_FIELDS, fromVersion(AGENT_VERSION)),
	optionsCollection([
		...requestOptions,
		timezoneOption,
		wholeNumberOption('pageSize', PAGE_SIZE, 'How many containers to ask SCNet for per request. SCNet may send fewer; the node reads on until it has them all.'),
	]),
]);

interface Filters {
	status: string[];
	taskType?: string;
	name?: string;
	after?: Date;
	before?: Date;
}

/** One listing (or clean-up) per execution, whatever the number of input items. */
export const runsOnce = true;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	// One list for the run: the node lists once, whatever the number of input items.
	const options = readOptions(this);
	const settings = readRequestSettings(this, options);
	const zone = readTimezone(this, options);
	const { pageSize } = readWholeNumbers(this, options, { pageSize: PAGE_SIZE });
	const limit = readLimit(this);
	const filters = readFilters(this);
	const simplify = readSimplify(this);
	const client = await ScnetClient.connect(this);

	const lister = new ContainerLister(client, settings);
	const listed = await lister.collect(serverQuery(filters), {
		pageSize: limit === undefined ? pageSize : Math.min(pageSize, limit),
		wanted: limit,
		keep: (container) => matches(container, filters, zone),
	});
	if (!listed.ok) return failedRun(this, listed.failure);
	return listed.containers.map((container) => {
		const view = containerView(container, zone);
		return { json: simplify ? simplifiedContainer(view, zone) : view, pairedItem: { item: 0 } };
	});
}

function readFilters(context: IExecuteFunctions): Filters {
	const raw = context.getNodeParameter('filters', 0, {}) as IDataObject;
	const workflowZone = context.getTimezone();
	const date = (key: 'createdAfter' | 'createdBefore', label: string) => {
		if (raw[key] === undefined || raw[key] === '') return undefined;
		const value = raw[key] instanceof Date ? (raw[key] as unknown as Date) : readDateTime(String(raw[key]), workflowZone);
		if (!value) {
			throw new NodeOperationError(context.getNode(), `The filter '${label}' is not a date and time: '${String(raw[key])}'`, {
				description: 'Use the date picker, or an ISO date such as 2026-11-28T00:00:00.',
			});
		}
		return value;
	};
	return {
		status: 'status' in raw ? readChoices({ node: context.getNode(), label: 'Status', itemIndex: 0 }, raw.status, STATUSES, { required: false }) : [],
		// An option (versions 1 and 2) or a picker's value (version 3); empty for any service.
		taskType: raw.taskType === undefined || String(pickedValue(raw.taskType) ?? '').trim() === '' ? undefined : readPick({ node: context.getNode(), label: 'Service Type', itemIndex: 0 }, raw.taskType, SERVICE_TYPE_CHOICES),
		name: typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name.trim() : undefined,
		after: date('createdAfter', 'Created After'),
		before: date('createdBefore', 'Created Before'),
	};
}

/** What SCNet can filter on its side (one status at most); the node checks every filter again. */
function serverQuery(filters: Filters): ListQuery {
	return {
		status: filters.status.length === 1 ? filters.status[0] : undefined,
		taskType: filters.taskType,
		instanceServiceName: filters.name,
	};
}

/**
 * Whether a listed container passes the filters. Whether SCNet honours its list fields is not
 * documented, so every filter is applied here too. A container without a readable `createTime`
 * fails a date filter: an unknown age must not count as old enough to act on.
 */
function matches(container: IDataObject, filters: Filters, zone: string): boolean {
	if (filters.status.length > 0 && !filters.status.includes(String(container.status))) return false;
	if (filters.taskType && container.taskType !== filters.taskType) return false;
	if (filters.name && !String(container.instanceServiceName ?? '').includes(filters.name)) return false;
	if (filters.after || filters.before) {
		const created = readDateTime(container.createTime, zone);
		if (!created) return false;
		if (filters.after && created <= filters.after) return false;
		if (filters.before && created >= filters.before) return false;
	}
	return true;
}
