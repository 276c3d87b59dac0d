import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { ContainerLister } from '../../shared/containers/listing';
import { listResourceGroups } from '../../shared/containers/resourceGroups';
import { NotebookLister } from '../../shared/notebooks/listing';
import { notebookView } from '../../shared/notebooks/notebookView';
import { callError } from '../../shared/results';
import { ScnetClient } from '../../shared/transport';
import { CONTAINER } from '../../shared/transport/endpoints';
import { choiceList, pickedValue, type Choice } from '../../shared/parameters/picks';
import {
	CONTAINER_ACCELERATOR_CHOICES,
	FILE_TYPE_CHOICES,
	JOB_SOURCE_CHOICES,
	NOTEBOOK_ACCELERATOR_CHOICES,
	OUTPUT_STREAM_CHOICES,
	SERVICE_TYPE_CHOICES,
} from '../actions/common/choices';
import { SCRIPT_SCOPE_CHOICES } from '../actions/common/script';
import { containsText, entriesOf, LOOKUP_SETTINGS, textAt } from './lookups';
import { getQueues, getResourceGroups, getSchedulers } from './loadOptions';

/** Containers per page of the editor's picker. */
const PAGE = 50;
/** Pages one search reads at most before handing the editor a token for more. */
const PAGES_PER_SEARCH = 5;

/**
 * The 'Container' picker: the account's containers, newest first, a page at a time, narrowed to
 * those whose name, ID or status contains the typed text.
 */
export async function searchContainers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await ScnetClient.connect(this);
	const lister = new ContainerLister(client, LOOKUP_SETTINGS);
	const results: INodeListSearchResult['results'] = [];
	let start = Number(paginationToken ?? 0) || 0;
	let more = true;
	// With a search, pages without a match are read on (a few), so the editor does not show "no results" too soon.
	for (let pages = 0; more && results.length === 0 && pages < PAGES_PER_SEARCH; pages++) {
		const answer = await lister.page(start, PAGE, {});
		if (!answer.ok) throw callError(this.getNode(), answer.failure);
		const { entries: containers, total } = answer.page;
		for (const container of containers) {
			// A container listed twice, or again on the next page after the list moved, is offered once.
			if (results.some((result) => result.value === container.id)) continue;
			if (!containsText([String(container.instanceServiceName ?? ''), String(container.id), String(container.status ?? '')], filter)) continue;
			results.push({
				name: `${String(container.instanceServiceName ?? container.id)} (${String(container.status ?? 'unknown')})`,
				value: String(container.id),
			});
		}
		start += containers.length;
		more = containers.length > 0 && (total === undefined || start < total);
		if (!filter) break;
	}
	return { results, paginationToken: more ? String(start) : undefined };
}

/** Notebooks per page of the editor's picker. */
const NOTEBOOK_PAGE = 50;

/**
 * The 'Notebook' picker: the account's notebooks, a page (SCNet pages them by number) at a
 * time, narrowed to those whose name, ID or status contains the typed text.
 */
export async function searchNotebooks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await ScnetClient.connect(this);
	const lister = new NotebookLister(client, LOOKUP_SETTINGS);
	const results: INodeListSearchResult['results'] = [];
	let page = Math.max(1, Number(paginationToken ?? 1) || 1);
	let more = true;
	for (let pages = 0; more && results.length === 0 && pages < PAGES_PER_SEARCH; pages++) {
		const answer = await lister.page(page, NOTEBOOK_PAGE);
		if (!answer.ok) throw callError(this.getNode(), answer.failure);
		const { entries, total } = answer.page;
		for (const notebook of entries) {
			const { id, name, status } = notebookView(notebook);
			if (results.some((result) => result.value === id)) continue;
			if (!containsText([String(name ?? ''), String(id), String(status ?? '')], filter)) continue;
			results.push({ name: `${String(name ?? id)} (${String(status ?? 'unknown')})`, value: String(id) });
		}
		// SCNet may send fewer a page than asked (its pages are then of that size): judged by what came, it ends on an empty page at worst.
		more = entries.length > 0 && (total === undefined || page * entries.length < total);
		page++;
		if (!filter) break;
	}
	return { results, paginationToken: more ? String(page) : undefined };
}

const IMAGE_PATH_KEYS = ['imagePath', 'path', 'image', 'url', 'fullPath'];
const IMAGE_NAME_KEYS = ['version', 'imageName', 'name', 'tag'];

/** A field's current value in the editor: a picker's value, an option, or '' (an expression is not evaluated here). */
function currentText(context: ILoadOptionsFunctions, name: string): string {
	const value = pickedValue(context.getCurrentNodeParameter(name));
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/**
 * The 'Image' picker: the images SCNet offers for the chosen accelerator type. In version 3 an
 * empty 'Accelerator Type' is the resource group's: its type when SCNet's answer names it, else
 * every image.
 */
export async function searchImages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await ScnetClient.connect(this);
	let acceleratorType = currentText(this, 'acceleratorType') || undefined;
	const group = currentText(this, 'resourceGroup');
	if (!acceleratorType && group !== '' && !group.startsWith('=')) {
		const groups = await listResourceGroups(client, LOOKUP_SETTINGS);
		if (!groups.ok) throw callError(this.getNode(), groups.failure);
		acceleratorType = groups.groups.find((one) => one.name === group)?.acceleratorType;
	}
	const result = await client.request('ai', 'GET', CONTAINER.images, { qs: { acceleratorType } }, LOOKUP_SETTINGS);
	if (!result.ok) throw callError(this.getNode(), result.failure);
	const results = entriesOf(result.data).flatMap((entry) => {
		const path = textAt(entry, IMAGE_PATH_KEYS);
		if (!path) return [];
		const name = textAt(entry, IMAGE_NAME_KEYS) ?? path.split('/').pop() ?? path;
		return containsText([name, path], filter) ? [{ name: name === path ? path : `${name} — ${path}`, value: path }] : [];
	});
	return { results };
}

/**
 * A picker of version 3 whose list the dropdown of versions 1 and 2 shows too: that list (one
 * request, one reading of SCNet's answer), narrowed to the entries whose name — or, with
 * `byDescription`, description — contains the text typed.
 */
function narrowed(options: INodePropertyOptions[], filter: string | undefined, { byDescription = false } = {}): INodeListSearchResult {
	const results = options.flatMap(({ name, value, description }) =>
		containsText([name, byDescription ? description : undefined], filter) ? [{ name, value: String(value), ...(description ? { description } : {}) }] : [],
	);
	return { results };
}

/** The 'Resource Group' picker: the account's groups, each with what SCNet's answer says of it (accelerator type, card model and count, cores, memory). */
export async function searchResourceGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return narrowed(await getResourceGroups.call(this), filter, { byDescription: true });
}

/** The 'Scheduler' picker: the region's Slurm schedulers, by name and ID. */
export async function searchSchedulers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return narrowed(await getSchedulers.call(this), filter);
}

/** The 'Queue' picker: the cluster user's queues on the chosen scheduler (the first one when none is chosen). */
export async function searchQueues(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return narrowed(await getQueues.call(this), filter);
}

/** A picker of a fixed enumeration: its values, without asking SCNet. */
const staticSearch = (choices: readonly Choice[]) =>
	async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return choiceList(choices, filter);
	};

/** Container Create's 'Accelerator Type'. */
export const searchAcceleratorTypes = staticSearch(CONTAINER_ACCELERATOR_CHOICES);
/** Notebook Create's 'Accelerator Type'. */
export const searchNotebookAcceleratorTypes = staticSearch(NOTEBOOK_ACCELERATOR_CHOICES);
/** Container Create's 'Service Type'. */
export const searchServiceTypes = staticSearch(SERVICE_TYPE_CHOICES);
/** 'Start Script Runs In' (Create) and 'Run In' (Execute Script). */
export const searchScriptScopes = staticSearch(SCRIPT_SCOPE_CHOICES);
/** Job Get Many's 'Source'. */
export const searchJobSources = staticSearch(JOB_SOURCE_CHOICES);
/** Job Get Output's 'Stream'. */
export const searchOutputStreams = staticSearch(OUTPUT_STREAM_CHOICES);
/** File Get Many's filter 'Type'. */
export const searchFileTypes = staticSearch(FILE_TYPE_CHOICES);
