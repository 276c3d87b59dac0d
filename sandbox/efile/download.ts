/**
 * `GET /file/download?path=` (reference §3.4): a file's bytes, or a folder as a zip, streamed
 * from disk; a `Range: bytes=a-b` header (one range) gets 206 with `Content-Range`, as the page
 * promises resumable downloads (C). An error is a JSON envelope, not bytes (T), which is how a
 * client tells them apart. Guessed (UNKNOWN): `Content-Disposition` names the file (the folder's
 * name + `.zip`), with an RFC 5987 `filename*` for non-ASCII names; `Content-Length` only when
 * the setting says (an MCP server saw none, T); an unsatisfiable range is 416 with no body.
 *
 * `GET /file/download-check?paths=a,b` (C; answer UNKNOWN): code "0" and `data: null` when every
 * path exists, 911020 for the first that does not (a guess).
 */
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import { missing, notFound, ok, pathList, type EfileHandler } from './exchange';
import { baseName, isTarget, statOf, target, targetOf } from './paths';
import { zipFolder } from './zip';

/** The one range of a `Range` header within `size` bytes; undefined for none (or several: then the whole file, as RFC 9110 allows). */
export function rangeOf(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
	const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
	if (!match || (match[1] === '' && match[2] === '')) return undefined;
	const [start, end] =
		match[1] === '' ? [Math.max(0, size - Number(match[2])), size - 1] : [Number(match[1]), match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)];
	return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

const disposition = (name: string) =>
	`attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export const download: EfileHandler = async ({ query, headers }, { store, settings }) => {
	const file = target(store, query, 'path');
	if (!isTarget(file)) return file;
	const stats = await statOf(file.local);
	if (!stats) return notFound(file.path);

	let local = file.local;
	let name = baseName(file.path) || 'root';
	let size = stats.size;
	let done = async () => {};
	if (stats.isDirectory()) {
		// Zipped to the work folder first, so the zip has a size (for ranges) and is removed once sent.
		local = join(store.workDir, `zip-${randomUUID()}.zip`);
		await zipFolder(file.local, local, name);
		name = `${name}.zip`;
		size = (await statOf(local))?.size ?? 0;
		done = async () => rm(local, { force: true });
	}
	const range = rangeOf(headers.range, size);
	if (range === 'unsatisfiable') {
		await done();
		return { status: 416, body: '', headers: { 'content-range': `bytes */${size}` } };
	}
	const { start, end } = range ?? { start: 0, end: size - 1 };
	// An empty file has end -1; reading its byte 0 yields nothing, as wanted.
	const body = createReadStream(local, { start, end: Math.max(start, end) });
	body.on('close', () => void done());
	return {
		status: range ? 206 : 200,
		body,
		contentType: 'application/octet-stream',
		headers: {
			'content-disposition': disposition(name),
			'accept-ranges': 'bytes',
			...(range ? { 'content-range': `bytes ${start}-${end}/${size}` } : {}),
			...(settings.downloadContentLength ? { 'content-length': String(end - start + 1) } : {}),
		},
	};
};

export const downloadCheck: EfileHandler = async ({ query }, { store }) => {
	const paths = pathList(query.get('paths'));
	if (paths.length === 0) return missing('paths');
	for (const value of paths) {
		const file = targetOf(store, value, 'paths');
		if (!isTarget(file)) return file;
		if (!(await statOf(file.local))) return notFound(file.path);
	}
	return ok(null);
};
