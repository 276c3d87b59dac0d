import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ContainerLister } from '../actions/common/listing';
import { ScnetClient } from '../transport';
import { CONTAINER } from '../transport/endpoints';
import { containsText, entriesOf, LOOKUP_SETTINGS, lookupError, textAt } from './lookups';

/** Containers per page of the editor's picker. */
const PAGE = 50;

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
	const start = Number(paginationToken ?? 0) || 0;
	const answer = await new ContainerLister(client, LOOKUP_SETTINGS).page(start, PAGE, {});
	if (!answer.ok) throw lookupError(this, answer.failure);
	const { containers, total } = answer.page;
	const results = containers
		.filter((container) => containsText([String(container.instanceServiceName ?? ''), String(container.id), String(container.status ?? '')], filter))
		.map((container) => ({
			name: `${String(container.instanceServiceName ?? container.id)} (${String(container.status ?? 'unknown')})`,
			value: String(container.id),
		}));
	const next = start + containers.length;
	const more = containers.length > 0 && (total === undefined || next < total);
	return { results, paginationToken: more ? String(next) : undefined };
}

const IMAGE_PATH_KEYS = ['imagePath', 'path', 'image', 'url', 'fullPath'];
const IMAGE_NAME_KEYS = ['version', 'imageName', 'name', 'tag'];

/** The 'Image' picker: the images SCNet offers for the chosen accelerator type. */
export async function searchImages(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await ScnetClient.connect(this);
	const acceleratorType = String(this.getCurrentNodeParameter('acceleratorType') ?? '') || undefined;
	const result = await client.request('GET', CONTAINER.images, { qs: { acceleratorType } }, LOOKUP_SETTINGS);
	if (!result.ok) throw lookupError(this, result.failure);
	const results = entriesOf(result.data).flatMap((entry) => {
		const path = textAt(entry, IMAGE_PATH_KEYS);
		if (!path) return [];
		const name = textAt(entry, IMAGE_NAME_KEYS) ?? path.split('/').pop() ?? path;
		return containsText([name, path], filter) ? [{ name: name === path ? path : `${name} — ${path}`, value: path }] : [];
	});
	return { results };
}
