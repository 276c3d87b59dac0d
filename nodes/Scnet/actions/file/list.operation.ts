import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { entryPath, fileView, SIMPLIFIED_FILE_FIELDS, simplifiedFile } from '../../../shared/files/fileView';
import { readPage, readAll } from '../../../shared/listing';
import { optionsCollection, readLimit, readOptions, readRequestSettings, readTimezone, requestOptions, returnAllFields, timezoneOption } from '../../../shared/parameters/options';
import { acceptedValues, pickField, readPick } from '../../../shared/parameters/picks';
import { FILE_TYPE_CHOICES } from '../common/choices';
import { readSimplify, simplifyField } from '../../../shared/parameters/simplify';
import { failedRun } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import { EFILE } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { AGENT_VERSION, beforeVersion, fromVersion } from '../common/versions';
import { orStop, readFolderParameter, unreadableAnswer } from './fields';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'list',
	description: "List the files and folders in a folder (the cluster user's home folder unless another is given)",
	action: 'Get many files',
	toolDescription:
		'List the files and folders in a folder of SCNet\'s file system (an absolute path; empty: the home folder): path, name, isDirectory, size, modifiedAt (ISO 8601). Can filter by name and by files or folders. Returns one item per entry.',
};


export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['file'], operation: ['list'] } }, [
	{
		displayName: 'Folder Path',
		name: 'path',
		type: 'string',
		default: '',
		placeholder: 'e.g. /public/home/<cluster user>/results',
		description: "Absolute path of the folder to list. Empty: the cluster user's home folder, as SCNet's region discovery names it.",
	},
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Name Contains', name: 'nameContains', type: 'string', default: '', description: 'Only entries whose name contains this text (ignoring case)' },
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: [...FILE_TYPE_CHOICES],
				default: 'both',
				displayOptions: { show: { '@version': beforeVersion(AGENT_VERSION) } },
				description: 'Which kind of entries to return',
			},
			{
				// Version 3: a picker an AI agent can fill (see shared/parameters/picks.ts).
				...pickField({
					displayName: 'Type',
					name: 'type',
					default: 'both',
					description: `Which kind of entries to return: ${acceptedValues(FILE_TYPE_CHOICES)}`,
					searchListMethod: 'searchFileTypes',
					listPlaceholder: 'Select a kind…',
					placeholder: 'e.g. files',
					staticList: true,
				}),
				displayOptions: { show: { '@version': fromVersion(AGENT_VERSION) } },
			},
		],
	},
	simplifyField(SIMPLIFIED_FILE_FIELDS, fromVersion(AGENT_VERSION)),
	optionsCollection([...requestOptions, { ...timezoneOption, description: "The time zone SCNet's file times are written in. SCNet gives none; its platform runs on China time (UTC+8)." }]),
]);

/** The most entries SCNet is asked for per page: live clients use 1,000, its own default is 10. */
const PAGE_SIZE = 500;

export const runsOnce = true;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const options = readOptions(this);
	const [settings, zone] = [readRequestSettings(this, options), readTimezone(this, options)];
	const limit = readLimit(this);
	const raw = this.getNodeParameter('filters', 0, {}) as IDataObject;
	const nameContains = typeof raw.nameContains === 'string' ? raw.nameContains.trim() : '';
	const type = raw.type === undefined ? 'both' : readPick({ node, label: 'Type' }, raw.type, FILE_TYPE_CHOICES);
	const simplify = readSimplify(this);
	const client = await ScnetClient.connect(this);
	const folder = orStop(this, await readFolderParameter(this, { name: 'path', label: 'Folder Path', itemIndex: 0, optional: true }));

	// SCNet's keyword is asked for and checked again here: a server that ignores it must not widen the list.
	const keep = (entry: IDataObject) => {
		const view = fileView(entry, entry.id as string, zone);
		if (nameContains !== '' && !String(view.name).toLowerCase().includes(nameContains.toLowerCase())) return false;
		return type === 'both' || (type === 'folders' ? view.isDirectory === true : view.isDirectory === false);
	};
	const read = await readAll(
		async (start, pageSize) => {
			const qs = { path: folder, start, limit: pageSize, keyWord: nameContains || undefined, orderBy: 'name', order: 'asc' };
			const answer = await client.request('efile', 'GET', EFILE.list, { qs }, settings);
			if (!answer.ok) return answer;
			const data = (answer.data ?? {}) as IDataObject;
			// The entries' own paths, else their names inside the folder SCNet says it listed (the home folder when none was given).
			const listed = folder ?? (typeof data.path === 'string' ? data.path : undefined);
			const entries = (Array.isArray(data.fileList) ? data.fileList : Array.isArray(data) ? data : undefined) as IDataObject[] | undefined;
			const page = readPage(
				entries ? { total: data.total, list: entries.map((entry) => ({ ...entry, path: entryPath(entry, listed) })) } : data,
				['path'],
			);
			return page ? { ok: true, page } : { ok: false, failure: unreadableAnswer('folder listing', answer.data) };
		},
		{ noun: 'file', pageSize: PAGE_SIZE, wanted: limit, keep },
	);
	if (!read.ok) return failedRun(this, read.failure);
	return read.entries.slice(0, limit).map((entry) => {
		const { id, ...rest } = entry;
		const view = fileView(rest, id as string, zone);
		return { json: simplify ? simplifiedFile(view) : view, pairedItem: { item: 0 } };
	});
}
