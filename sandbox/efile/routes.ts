/**
 * The eFile service's endpoints (`efileUrls`, prefix `/efile/openapi/v2`, reference §3.1), one
 * handler each. The server checks the token first, as for the other services; each route has a
 * name recorded requests carry (`efile.list`, `efile.upload`, …). A known path asked with another
 * method answers HTTP 405, as Spring does (the HPC side does the same).
 */
import { copy, exist, mkdir, move, remove, rename, touch } from './changes';
import { download, downloadCheck } from './download';
import type { EfileAnswer, EfileHandler } from './exchange';
import { list } from './listing';
import { burst, merge, upload } from './upload';

export const EFILE_PREFIX = '/efile/openapi/v2';
const FILE = `${EFILE_PREFIX}/file`;
export const LIST_PATH = `${FILE}/list`;
export const UPLOAD_PATH = `${FILE}/upload`;
export const BURST_PATH = `${FILE}/burst`;
export const MERGE_PATH = `${FILE}/merge`;
export const DOWNLOAD_PATH = `${FILE}/download`;
export const DOWNLOAD_CHECK_PATH = `${FILE}/download-check`;
export const MKDIR_PATH = `${FILE}/mkdir`;
export const TOUCH_PATH = `${FILE}/touch`;
export const EXIST_PATH = `${FILE}/exist`;
export const RENAME_PATH = `${FILE}/rename`;
export const MOVE_PATH = `${FILE}/move`;
export const COPY_PATH = `${FILE}/copy`;
export const REMOVE_PATH = `${FILE}/remove`;

interface EfileRoute {
	name: string;
	method: string;
	path: string;
	handle: EfileHandler;
	/** It reads a multipart body's files itself; for any other route the service reads the fields first. */
	files?: boolean;
}

const ROUTES: EfileRoute[] = [
	{ name: 'efile.list', method: 'GET', path: LIST_PATH, handle: list },
	{ name: 'efile.upload', method: 'POST', path: UPLOAD_PATH, handle: upload, files: true },
	{ name: 'efile.burst', method: 'POST', path: BURST_PATH, handle: burst, files: true },
	{ name: 'efile.merge', method: 'POST', path: MERGE_PATH, handle: merge },
	{ name: 'efile.download', method: 'GET', path: DOWNLOAD_PATH, handle: download },
	{ name: 'efile.downloadCheck', method: 'GET', path: DOWNLOAD_CHECK_PATH, handle: downloadCheck },
	{ name: 'efile.mkdir', method: 'POST', path: MKDIR_PATH, handle: mkdir },
	{ name: 'efile.touch', method: 'POST', path: TOUCH_PATH, handle: touch },
	{ name: 'efile.exist', method: 'POST', path: EXIST_PATH, handle: exist },
	{ name: 'efile.rename', method: 'POST', path: RENAME_PATH, handle: rename },
	{ name: 'efile.move', method: 'POST', path: MOVE_PATH, handle: move },
	{ name: 'efile.copy', method: 'POST', path: COPY_PATH, handle: copy },
	{ name: 'efile.remove', method: 'POST', path: REMOVE_PATH, handle: remove },
];

/** A route found for a request: its name and handler (or the 405). */
export interface FoundEfileRoute {
	name: string;
	handle: EfileHandler;
	files: boolean;
}

const methodNotAllowed = (method: string, path: string): EfileAnswer => ({
	status: 405,
	body: { timestamp: new Date().toISOString(), status: 405, error: 'Method Not Allowed', message: `Request method '${method}' not supported`, path },
});

export function findEfileRoute(method: string, path: string): FoundEfileRoute | undefined {
	const matching = ROUTES.filter((route) => route.path === path);
	const route = matching.find((candidate) => candidate.method === method);
	if (route) return { name: route.name, handle: route.handle, files: route.files === true };
	return matching.length > 0 ? { name: 'efile.methodNotAllowed', handle: async () => methodNotAllowed(method, path), files: false } : undefined;
}
