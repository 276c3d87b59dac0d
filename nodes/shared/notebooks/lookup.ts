import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../transport';
import { NOTEBOOK } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';
import { notebookRequest } from './api';

/** One notebook's detail as SCNet answers it (`data`, an object; passwords still in it), or why not. */
export async function readNotebook(client: ScnetClient, id: string, settings: RequestSettings): Promise<{ ok: true; notebook: IDataObject | undefined } | { ok: false; failure: ScnetFailure }> {
	const result = await notebookRequest(client, 'GET', NOTEBOOK.detail, { qs: { notebookId: id } }, settings);
	if (!result.ok) return result;
	const data = result.data;
	const notebook = data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length > 0 ? (data as IDataObject) : undefined;
	return { ok: true, notebook };
}

/*
 * What the detail answers for a notebook that does not exist is not documented: it is taken as
 * gone on 10004 (invalid parameter), HTTP 404, or success without a notebook — as for containers.
 * Anything else (the notebook, a fault, another code) means not known: never gone.
 */
const GONE_CODES = new Set(['10004', 'HTTP_404']);

/** What a detail says of a notebook: certainly gone, still there (as SCNet describes it now), or not known. */
export type NotebookWhereabouts = { gone: true } | { gone: false; found?: IDataObject };

export async function notebookWhereabouts(client: ScnetClient, id: string, settings: RequestSettings): Promise<NotebookWhereabouts> {
	const read = await readNotebook(client, id, settings);
	if (!read.ok) return GONE_CODES.has(read.failure.code) ? { gone: true } : { gone: false };
	return read.notebook ? { gone: false, found: read.notebook } : { gone: true };
}
