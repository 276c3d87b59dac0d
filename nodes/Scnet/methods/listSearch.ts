import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ContainerLister } from '../../shared/containers/listing';
import { NotebookLister } from '../../shared/notebooks/listing';
import { notebookView } from '../../shared/notebooks/notebookView';
import { callError } from '../../shared/results';
import { ScnetClient } from '../../shared/transport';
import { CONTAINER } from '../../shared/transport/endpoints';
import { containsText, entriesOf, LOOKUP_SETTINGS, textAt } from './lookups';

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

/** The 'Image' picker: the images SCNet offers for the chosen accelerator type. */
export async function searchImages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await ScnetClient.connect(this);
	const acceleratorType = String(this.getCurrentNodeParameter('acceleratorType') ?? '') || undefined;
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
