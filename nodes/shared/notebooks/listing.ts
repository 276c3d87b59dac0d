import type { IDataObject } from 'n8n-workflow';

import { byPageNumber, readAll, readPage, type PageResult } from '../listing';
import type { RequestSettings, ScnetClient } from '../transport';
import { NOTEBOOK } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';
import { notebookRequest } from './api';
import { NOTEBOOK_ID_KEYS } from './notebookView';

/*
 * Listing notebooks. SCNet documents `GET …/notebook/list` with `page` (from 1) and `size`, and
 * the answer `{ total, records: [{ id, notebookName, notebookStatus, … }] }`; every plausible
 * shape is read (`list`, a bare array, `notebookId` for the ID). A listing is complete or fails,
 * as the container and job lists are (see `readAll`).
 */

/** What the list can be asked to filter by on SCNet's side (checked again on ours). */
export interface NotebookFilters {
	/** `notebookName`. */
	name?: string;
	/** `notebookStatus`: one status. */
	status?: string;
}

export class NotebookLister {
	constructor(
		private readonly client: ScnetClient,
		private readonly settings: RequestSettings,
	) {}

	/** One page (`page` from 1) of at most `size` notebooks, as SCNet orders them. */
	async page(page: number, size: number, { name, status }: NotebookFilters = {}): Promise<PageResult> {
		const qs = { page, size, notebookName: name, notebookStatus: status };
		const result = await notebookRequest(this.client, 'GET', NOTEBOOK.list, { qs }, this.settings);
		if (!result.ok) return result;
		const read = readPage(result.data, NOTEBOOK_ID_KEYS);
		return read ? { ok: true, page: read } : { ok: false, failure: notAList(result.data) };
	}

	/** Every notebook, each once: all of them or `INCOMPLETE_LISTING`, or the first `wanted` that pass `keep`. */
	async collect(
		filters: NotebookFilters,
		{ pageSize, wanted, keep }: { pageSize: number; wanted?: number; keep?: (notebook: IDataObject) => boolean },
	): Promise<{ ok: true; notebooks: IDataObject[] } | { ok: false; failure: ScnetFailure }> {
		const fetch = byPageNumber((page, size) => this.page(page, size, filters), 'notebook');
		const read = await readAll(fetch, { noun: 'notebook', pageSize, wanted, keep });
		return read.ok ? { ok: true, notebooks: read.entries } : read;
	}
}

function notAList(data: unknown): ScnetFailure {
	const shape = Array.isArray(data) ? 'a list' : data === null ? 'null' : typeof data;
	return {
		code: 'INVALID_RESPONSE',
		message: `SCNet answered the notebook list with ${shape === 'object' ? 'an object without a list' : shape} in 'data'`,
		description: "The notebook list returned no notebooks. Check the credential's service URLs; if they are right, please report the answer's shape.",
		scope: 'batch',
	};
}
