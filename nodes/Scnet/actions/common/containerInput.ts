import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodeParameterResourceLocator,
} from 'n8n-workflow';

import { jsonPathOf, valueAt } from '../../../shared/helpers/jsonPath';
import { parseContainerIds, type IdEntry } from './containerIds';
import { inputProblem, type ItemFailure, type ItemResult } from '../../../shared/results';

export const INPUT_HELP =
	"'Container IDs' takes a text with IDs separated by commas, spaces or new lines, or an expression that returns a list with one ID per element, e.g. {{ $json.id }} or {{ $json.body.ids }}.";

const SINGLE_INPUT_HELP =
	"'Container' takes one container instance ID (32 hexadecimal characters): pick it from the list, or map it with an expression such as {{ $json.id }}.";

export type InvalidEntry = Extract<IdEntry, { valid: false }>;

/** The 'Container IDs' field of the operations that act on many containers in batched requests. */
export function containerIdsField(what: string): INodeProperties {
	return {
		displayName: 'Container IDs',
		name: 'containerIds',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		placeholder: 'e.g. 1bc50ecb6bc742a5afc0a8810018cb02, 195d453c7a424b32ac8593512fec6a26',
		description: `IDs of the container instances to ${what}: one ID, several separated by commas, spaces or new lines, or an expression that returns a list of IDs (each element of a list is one ID, never split). The IDs of all input items are sent together in as few requests as possible.`,
		hint: 'Each ID gets its own output item, linked to the input item it came from',
	};
}

/** The 'Container' field of the operations that act on one container per input item. */
export const containerIdField: INodeProperties = {
	displayName: 'Container',
	name: 'containerId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The container instance, picked from the list or given by ID',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a container…',
			typeOptions: { searchListMethod: 'searchContainers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1bc50ecb6bc742a5afc0a8810018cb02',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[A-Za-z0-9_-]{1,128}$', errorMessage: 'A container ID has only letters, digits, - and _' },
				},
			],
		},
	],
};

/**
 * The 'Container IDs' of every item, parsed. A parameter that is nothing but `{{ $json.a.b }}` is
 * read from the items directly: n8n 2.x evaluates each expression in a sandbox at about half a
 * millisecond, seconds for thousands of items.
 */
export function readContainerIdLists(context: IExecuteFunctions, secrets: readonly string[]): IdEntry[][] {
	const path = jsonPathOf(context.getNode().parameters.containerIds);
	return context.getInputData().map((item, itemIndex) =>
		parseContainerIds(path ? valueAt(item.json, path) : context.getNodeParameter('containerIds', itemIndex), secrets),
	);
}

/**
 * The failure of an input that never reached SCNet: no ID, or one that is not an ID. `flags` are
 * the operation's own result fields (e.g. `{ deleted: false }`), `field` the parameter's label.
 */
export function inputFailure(
	entry: InvalidEntry | undefined,
	itemIndex: number,
	flags: IDataObject,
	field = 'Container IDs',
): ItemFailure {
	const help = field === 'Container IDs' ? INPUT_HELP : SINGLE_INPUT_HELP;
	return entry
		? inputProblem({ id: entry.value, ...flags, code: 'INVALID_CONTAINER_ID', description: help }, `Invalid container ID ${entry.shown}: ${entry.reason}`, itemIndex)
		: inputProblem({ id: null, ...flags, code: 'NO_CONTAINER_ID', description: help }, `No container ID in '${field}'`, itemIndex);
}

/** "On Error: Stop": bad input stops the node, naming the first item at fault, before anything is sent. */
export function throwFirstInputError(context: IExecuteFunctions, entriesPerItem: IdEntry[][]): void {
	entriesPerItem.forEach((entries, itemIndex) => {
		const invalid = entries.find((entry): entry is InvalidEntry => !entry.valid);
		if (entries.length === 0 || invalid) {
			const { headline } = inputFailure(invalid, itemIndex, {});
			throw new NodeOperationError(context.getNode(), headline, { itemIndex, description: INPUT_HELP });
		}
	});
}

/**
 * The 'Container' of one item: the picked or typed ID, or the plain ID an expression gave,
 * trimmed and checked whole. Returns the input failure instead when there is none, or it is not one ID.
 */
export function readContainerId(
	context: IExecuteFunctions,
	itemIndex: number,
	flags: IDataObject,
	secrets: readonly string[],
): { id: string } | { failure: ItemResult } {
	const raw = context.getNodeParameter('containerId', itemIndex, '') as INodeParameterResourceLocator | unknown;
	const value = isResourceLocator(raw) ? raw.value : raw;
	const fail = (entry?: InvalidEntry) => ({ failure: inputFailure(entry, itemIndex, flags, 'Container') });
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return fail();
	// As an element of a list, the value is one ID whatever it holds; a list of one ID is fine.
	const entries = parseContainerIds([value], secrets);
	const [entry] = entries;
	if (entries.length === 1 && entry.valid) return { id: entry.id };
	if (entries.length > 1) {
		return fail({ valid: false, value: null, shown: `a list of ${entries.length} IDs`, reason: 'give one container ID per item' });
	}
	return fail(entries.find((candidate): candidate is InvalidEntry => !candidate.valid));
}

function isResourceLocator(value: unknown): value is INodeParameterResourceLocator {
	return typeof value === 'object' && value !== null && (value as { __rl?: unknown }).__rl === true;
}
