import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameterResourceLocator, INodeProperties } from 'n8n-workflow';

import { readNotebook } from '../../../shared/notebooks/lookup';
import { notebookStatusOf } from '../../../shared/notebooks/notebookView';
import { describeValue } from '../../../shared/parameters/readers';
import { readOptions, readRequestSettings } from '../../../shared/parameters/options';
import { apiFailure, forItem, inputProblem, notebookSubject, type ItemFailure, type ItemResult } from '../../../shared/results';
import type { RequestSettings, ScnetClient } from '../../../shared/transport';
import { withRemedy, type Remedies, type ScnetFailure } from '../../../shared/transport/errorCodes';
import { parseContainerIds, type IdEntry } from '../common/containerIds';
import { checkEveryItem, runPerItem } from '../common/perItem';
import { readWaitSettings, waitForStatus, waitOptionsOf, type StatusGoal, type WaitSettings, type WaitSwitch } from '../common/wait';

/*
 * What the notebook operations share: the 'Notebook' field and reading it, the words of a failed
 * notebook call, and waiting for a notebook to run or to stop.
 */

/** The 'Notebook' field of every operation about one notebook. */
export const notebookIdField: INodeProperties = {
	displayName: 'Notebook',
	name: 'notebookId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The notebook, picked from the list (by name, ID or status) or given by its ID, as Get Many outputs it',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a notebook…',
			typeOptions: { searchListMethod: 'searchNotebooks', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 6f1c2a9e4b7d4e0a8c3f5b2d1e9a7c40',
			validation: [{ type: 'regex', properties: { regex: '^[A-Za-z0-9_-]{1,128}$', errorMessage: 'A notebook ID has only letters, digits, - and _' } }],
		},
	],
};

const ID_HELP = "'Notebook' takes one notebook ID: pick it from the list, or map it with an expression such as {{ $json.id }}.";

/**
 * The 'Notebook' of one item: the picked or typed ID, or the plain ID an expression gave, trimmed
 * and checked whole; the input failure (`NO_NOTEBOOK_ID`, `INVALID_NOTEBOOK_ID`) instead when
 * there is none or it is not one ID. Nothing is sent for it.
 */
export function readNotebookId(context: IExecuteFunctions, itemIndex: number, flags: IDataObject, secrets: readonly string[]): { id: string } | { failure: ItemFailure } {
	const raw = context.getNodeParameter('notebookId', itemIndex, '') as INodeParameterResourceLocator | unknown;
	const value = raw && typeof raw === 'object' && (raw as { __rl?: unknown }).__rl === true ? (raw as INodeParameterResourceLocator).value : raw;
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return { failure: inputProblem({ id: null, ...flags, code: 'NO_NOTEBOOK_ID', description: ID_HELP }, "No notebook ID in 'Notebook'", itemIndex) };
	}
	// As an element of a list the value is one ID, whatever it holds (the container IDs' reader, whose shape notebook IDs share).
	const entries = parseContainerIds([value], secrets);
	const [entry] = entries;
	if (entries.length === 1 && entry.valid) return { id: entry.id };
	const invalid = (shownValue: string | null, shown: string, reason: string) => ({
		failure: inputProblem({ id: shownValue, ...flags, code: 'INVALID_NOTEBOOK_ID', description: ID_HELP }, `Invalid notebook ID ${shown}: ${reason}`, itemIndex),
	});
	if (entries.length > 1) return invalid(null, `a list of ${entries.length} IDs`, 'give one notebook ID per item');
	const bad = entries.find((one): one is Extract<IdEntry, { valid: false }> => !one.valid);
	return invalid(bad?.value ?? null, bad?.shown ?? describeValue(value), (bad?.reason ?? 'it is not an ID').replace('container', 'notebook'));
}

/** Codes whose general wording names containers. */
const REMEDIES: Remedies = {
	'10004': {
		message: 'SCNet rejected the notebook ID as invalid',
		description: 'The notebook may not exist, may be released already, or may belong to another user or region. Check the ID with Get Many.',
	},
	'10009': {
		message: 'The SCNet token has no permission to access the notebook API',
		description: "Neither the region's token nor the platform token was accepted. Check that the user may use notebooks in the credential's region.",
	},
};

/** The result of a notebook call SCNet failed, in the notebook's words; `flags` are the operation's own fields. */
export function notebookFailure(id: string, failure: ScnetFailure, itemIndex: number, flags: IDataObject = {}): ItemFailure {
	return apiFailure(notebookSubject(id), withRemedy(failure, REMEDIES), itemIndex, flags);
}

/** The switch of Start's and Stop's wait, with the 'Poll Interval' and 'Wait Timeout' beside it. */
const UNTIL_DONE: WaitSwitch = {
	name: 'waitUntilDone',
	label: 'Wait Until Done',
	description: "Whether to wait until the notebook runs (Start) or has stopped (Stop), and output that status. Off: go on as soon as SCNet accepted the request.",
	intervalDescription: "With 'Wait Until Done': seconds between two looks at the notebook's status",
	timeoutDescription: "With 'Wait Until Done': seconds to wait before giving up (the item then fails with WAIT_TIMEOUT and the last status; the notebook is left as it is)",
};

export const notebookWaitOptions = waitOptionsOf(UNTIL_DONE);

/** The wait Start or Stop asks for, or undefined for none; a value it cannot read stops the item. */
export const readNotebookWait = (context: IExecuteFunctions, options: Record<string, unknown>, request: RequestSettings): WaitSettings | undefined =>
	readWaitSettings(context, options, request, UNTIL_DONE);

/** What Start and Stop wait for. */
export const GOALS: Record<'running' | 'stopped', StatusGoal> = {
	running: {
		noun: 'notebook',
		status: 'Running',
		reached: 'running',
		instead: 'running',
		ended: new Set(['Failed', 'Terminated']),
		endedCode: 'NOTEBOOK_NOT_RUNNING',
		endedDescription: 'SCNet accepted the start, but the notebook did not come up. Look at it in the SCNet console (an image not synced to the region fails, for one), then start it again.',
		timeoutDescription: "It was left as it is: a notebook may wait in 'Restarting' while SCNet finds a free card. Check it later with Get, or raise 'Wait Timeout'.",
	},
	stopped: {
		noun: 'notebook',
		status: 'Terminated',
		reached: 'stopped',
		instead: 'stopping',
		ended: new Set(['Failed']),
		endedCode: 'NOTEBOOK_FAILED',
		endedDescription: 'SCNet accepted the stop, but the notebook ended as Failed. Look at it in the SCNet console.',
		timeoutDescription: "It was left as it is: it may still be 'Shutting'. Check it later with Get, or raise 'Wait Timeout'.",
	},
};

/** Looks at the notebook (its detail) until it reached `goal`, has ended otherwise, or the time is up. */
export function waitForNotebook(client: ScnetClient, id: string, goal: StatusGoal, wait: WaitSettings, done: string) {
	const read = async () => {
		const found = await readNotebook(client, id, wait.request);
		return found.ok ? { ok: true as const, status: found.notebook ? notebookStatusOf(found.notebook) : '' } : found;
	};
	return waitForStatus(read, goal, wait, done);
}

/** The notebook's status as its detail gives it now, or null when it cannot be read (the call before it worked all the same). */
export async function statusNow(client: ScnetClient, id: string, settings: RequestSettings): Promise<string | null> {
	const found = await readNotebook(client, id, settings);
	return found.ok && found.notebook ? notebookStatusOf(found.notebook) || null : null;
}

/** What an item asks of one notebook: its ID and the request options (and the wait, for Start and Stop). */
export interface NotebookItem {
	id: string;
	reads: RequestSettings;
	wait?: WaitSettings;
}

/** The notebook and options of one item, or its input failure; `flags` are the operation's own fields. A value it cannot read throws, naming it. */
export function readNotebookItem(context: IExecuteFunctions, itemIndex: number, flags: IDataObject, secrets: readonly string[], { waits = false } = {}): NotebookItem | { failure: ItemFailure } {
	const options = readOptions(context, itemIndex);
	const reads = readRequestSettings(context, options);
	const wait = waits ? readNotebookWait(context, options, reads) : undefined;
	const input = readNotebookId(context, itemIndex, flags, secrets);
	return 'failure' in input ? input : { id: input.id, reads, wait };
}

/**
 * Runs an operation on one notebook per item: with "Stop", every item is read before anything is
 * sent for any; a notebook named by several items is acted on once, and each of them gets its
 * outcome; `once` for what must never happen twice (n8n's Retry On Fail gives the earlier outcome).
 */
export async function perNotebook<T extends NotebookItem>(
	context: IExecuteFunctions,
	read: (itemIndex: number) => T | { failure: ItemFailure },
	act: (item: T, itemIndex: number) => Promise<ItemResult>,
	{ once = false }: { once?: boolean } = {},
): Promise<INodeExecutionData[]> {
	checkEveryItem(context, read);
	const byId = new Map<string, ItemResult>();
	return runPerItem(
		context,
		async (itemIndex) => {
			const item = read(itemIndex);
			if ('failure' in item) return item.failure;
			const earlier = byId.get(item.id);
			if (earlier) return forItem(earlier, itemIndex);
			const outcome = await act(item, itemIndex);
			byId.set(item.id, outcome);
			return outcome;
		},
		{ once },
	);
}
