import {
	NodeApiError,
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { parseContainerIds, type IdEntry } from '../../helpers/containerIds';
import { jsonPathOf, valueAt } from '../../helpers/jsonPath';
import { ScnetClient } from '../../transport';
import { deleteInBatches, planDeleteRequests } from './deleteInBatches';
import {
	apiHeadline,
	dryRunVerdicts,
	INPUT_HELP,
	invalidIdFailure,
	noIdFailure,
	verdictOf,
	type InvalidEntry,
	type ItemFailure,
	type Verdict,
} from './deleteResults';

const properties: INodeProperties[] = [
	{
		displayName: 'Container IDs',
		name: 'containerIds',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		placeholder: 'e.g. 1bc50ecb6bc742a5afc0a8810018cb02, 195d453c7a424b32ac8593512fec6a26',
		description:
			'IDs of the container instances to delete permanently: one ID, several separated by commas, spaces or new lines, or an expression that returns a list of IDs (each element of a list is one ID, never split). The IDs of all input items are sent together in as few requests as possible.',
		hint: 'Each ID gets its own output item, linked to the input item it came from',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Dry Run',
				name: 'dryRun',
				type: 'boolean',
				default: false,
				description:
					'Whether to only output the containers that would be deleted, without sending any request to SCNet',
			},
			{
				displayName: 'IDs per Request',
				name: 'batchSize',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1, maxValue: 1000, numberPrecision: 0 },
				description:
					'Maximum number of container IDs sent in one delete request. Requests are also split so that each URL stays under 8,000 characters.',
			},
			{
				displayName: 'Max Tries',
				name: 'maxTries',
				type: 'number',
				default: 3,
				typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
				description:
					'How many times to send a request that meets a temporary fault (HTTP 429 or 5xx, a dropped connection, a timeout, code 10012) before its containers are reported as failed',
			},
			{
				displayName: 'Parallel Requests',
				name: 'parallelRequests',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
				description:
					"How many delete requests may be under way at once. Raise it to delete thousands of containers faster, as far as SCNet's rate limits allow.",
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				default: 30000,
				typeOptions: { minValue: 1, maxValue: 600000, numberPrecision: 0 },
				description: 'Time in milliseconds to wait for each answer from SCNet (at most 10 minutes)',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['container'], operation: ['delete'] } },
	properties,
);

interface DeleteOptions {
	batchSize: number;
	dryRun: boolean;
	maxTries: number;
	parallelRequests: number;
	timeout: number;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const options = readOptions.call(this);
	const client = await ScnetClient.connect(this);
	const stopOnError = !this.continueOnFail();

	const path = jsonPathOf(this.getNode().parameters.containerIds);
	const entriesPerItem = items.map((item, itemIndex) =>
		parseContainerIds(
			path ? valueAt(item.json, path) : this.getNodeParameter('containerIds', itemIndex),
			client.secrets,
		),
	);
	// Bad input stops the node before anything is deleted.
	if (stopOnError) throwFirstInputError.call(this, entriesPerItem);

	const ids = [...new Set(entriesPerItem.flatMap((entries) => entries.flatMap((e) => (e.valid ? [e.id] : []))))];
	let verdicts: Map<string, Verdict>;
	if (options.dryRun) {
		verdicts = dryRunVerdicts(planDeleteRequests(ids, options.batchSize));
	} else {
		const outcomes = await deleteInBatches(client, ids, { ...options, stopAtFirstFailure: stopOnError });
		verdicts = new Map([...outcomes].map(([id, outcome]) => [id, verdictOf(id, outcome)]));
	}
	if (stopOnError) throwFirstFailure.call(this, entriesPerItem, verdicts);

	// n8n moves an item to the error output only when its JSON holds nothing but `error`,
	// `message` and `details` (an item carrying an error object loses its JSON), so there the
	// failure travels under `error`; on the main output it keeps its flat shape.
	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const failureItem = ({ json, headline }: ItemFailure, itemIndex: number): INodeExecutionData => ({
		json: toErrorOutput ? { error: json, message: headline } : json,
		pairedItem: { item: itemIndex },
	});

	const output: INodeExecutionData[] = [];
	entriesPerItem.forEach((entries, itemIndex) => {
		if (entries.length === 0) output.push(failureItem(noIdFailure(itemIndex), itemIndex));
		for (const entry of entries) {
			if (!entry.valid) {
				output.push(failureItem(invalidIdFailure(entry, itemIndex), itemIndex));
				continue;
			}
			const { json, failure } = verdicts.get(entry.id) as Verdict;
			output.push(
				failure
					? failureItem({ json: { ...json }, headline: apiHeadline(entry.id, failure, itemIndex) }, itemIndex)
					: { json: { ...json }, pairedItem: { item: itemIndex } },
			);
		}
	});
	return output;
}

function readOptions(this: IExecuteFunctions): DeleteOptions {
	// Options are read once: all items' IDs go out together, so they cannot differ per item.
	const raw = this.getNodeParameter('options', 0, {}) as Partial<DeleteOptions>;
	const options: DeleteOptions = {
		batchSize: raw.batchSize ?? 50,
		dryRun: raw.dryRun === true,
		maxTries: raw.maxTries ?? 3,
		parallelRequests: raw.parallelRequests ?? 1,
		timeout: raw.timeout ?? 30000,
	};
	const bounds: Array<[keyof DeleteOptions, string, number, number]> = [
		['batchSize', 'IDs per Request', 1, 1000],
		['maxTries', 'Max Tries', 1, 10],
		['parallelRequests', 'Parallel Requests', 1, 10],
		['timeout', 'Timeout', 1, 600000],
	];
	for (const [key, label, min, max] of bounds) {
		const value = options[key];
		if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
			throw new NodeOperationError(this.getNode(), `The option '${label}' must be a whole number from ${min} to ${max}`, {
				description: `It is set to ${String(value)}.`,
			});
		}
	}
	return options;
}

function throwFirstInputError(this: IExecuteFunctions, entriesPerItem: IdEntry[][]): void {
	entriesPerItem.forEach((entries, itemIndex) => {
		const invalid = entries.find((entry): entry is InvalidEntry => !entry.valid);
		const failure = entries.length === 0 ? noIdFailure(itemIndex) : invalid && invalidIdFailure(invalid, itemIndex);
		if (failure) {
			throw new NodeOperationError(this.getNode(), failure.headline, { itemIndex, description: INPUT_HELP });
		}
	});
}

/** "On Error: Stop": report the first container, in input order, whose request really failed. */
function throwFirstFailure(this: IExecuteFunctions, entriesPerItem: IdEntry[][], verdicts: Map<string, Verdict>): void {
	const failed = entriesPerItem.flatMap((entries, itemIndex) =>
		entries.flatMap((entry) => {
			const verdict = entry.valid ? verdicts.get(entry.id) : undefined;
			return entry.valid && verdict?.failure ? [{ id: entry.id, itemIndex, failure: verdict.failure, verdict }] : [];
		}),
	);
	const first = failed.find(({ verdict }) => verdict.sent) ?? failed[0];
	if (!first) return;
	const { id, itemIndex, failure } = first;
	const headline = apiHeadline(id, failure, itemIndex);
	// The response object is ours, not axios's: nothing of the request (and so of the token) is kept.
	const response: JsonObject = { container: id, scnetCode: failure.code, message: failure.message };
	const error = new NodeApiError(this.getNode(), response, {
		message: headline,
		description: failure.description,
		httpCode: failure.httpCode === undefined ? undefined : String(failure.httpCode),
		itemIndex,
	});
	// n8n swaps a message that mentions a network code (ECONNRESET, …) for a generic text; keep ours.
	error.message = headline;
	throw error;
}
