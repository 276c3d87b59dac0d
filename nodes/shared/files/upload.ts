import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../transport';
import { EFILE } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';

/*
 * An upload to SCNet's file service (reference §3.3): a file up to the chunk size in one request,
 * a larger one in chunks (`burst`, numbered from 1) joined by one `merge`. The file is read as a
 * stream, one chunk in memory at a time. A chunk may be sent again after a fault (SCNet keeps the
 * last one of each number); the merge, which makes the file, is sent once: after a lost answer it
 * is not repeated but reported as possibly done.
 */

export interface UploadSource {
	/** The file's bytes, read once: a stream from n8n's binary data store, or the bytes an item holds. */
	stream: AsyncIterable<Buffer | string> | Iterable<Buffer>;
	size: number;
}

export interface UploadTarget {
	folder: string;
	name: string;
	overwrite: boolean;
}

export type UploadOutcome = { ok: true; message: string; chunks: number } | { ok: false; failure: ScnetFailure };

const MERGE_NOT_REPEATED = 'The file may have been created: the merge is not sent twice. Check the folder before running again.';
const UPLOAD_NOT_REPEATED = 'The file may have been uploaded: an upload is not sent twice. Check the folder before running again.';

/** The stream cut into pieces of exactly `size` bytes (the last one shorter), each read before it is handed on. */
export async function* chunksOf(stream: UploadSource['stream'], size: number): AsyncGenerator<Buffer> {
	let parts: Buffer[] = [];
	let have = 0;
	for await (const piece of stream) {
		let rest = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as string);
		while (rest.length > 0) {
			const take = Math.min(size - have, rest.length);
			parts.push(rest.subarray(0, take));
			have += take;
			rest = rest.subarray(take);
			if (have === size) {
				yield parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
				[parts, have] = [[], 0];
			}
		}
	}
	if (have > 0) yield Buffer.concat(parts, have);
}

/** Multipart fields from an object, in its order. */
const fieldParts = (fields: Record<string, string | number>) => Object.entries(fields).map(([name, value]) => ({ name, value: String(value) }));

const cover = (overwrite: boolean) => (overwrite ? 'cover' : 'uncover');

/** Uploads `source` as `target.name` into `target.folder`, in one request or in chunks of `chunkSize` bytes. */
export async function uploadFile(client: ScnetClient, source: UploadSource, target: UploadTarget, chunkSize: number, settings: RequestSettings): Promise<UploadOutcome> {
	if (source.size <= chunkSize) {
		const pieces: Buffer[] = [];
		for await (const piece of chunksOf(source.stream, Math.max(1, chunkSize))) pieces.push(piece);
		const content = Buffer.concat(pieces);
		if (content.length !== source.size) return sizeChanged(source.size, content.length);
		const multipart = [...fieldParts({ path: target.folder, cover: cover(target.overwrite) }), { name: 'file', file: content, fileName: target.name }];
		const answer = await client.request('efile', 'POST', EFILE.upload, { multipart }, { ...settings, notRepeatable: UPLOAD_NOT_REPEATED });
		return answer.ok ? { ok: true, message: answer.message, chunks: 1 } : answer;
	}
	const totalChunks = Math.ceil(source.size / chunkSize);
	const fields = { path: target.folder, relativePath: target.name, filename: target.name, identifier: `${source.size}-${target.name}`, cover: cover(target.overwrite) };
	let number = 0;
	let sent = 0;
	for await (const chunk of chunksOf(source.stream, chunkSize)) {
		number++;
		sent += chunk.length;
		if (number > totalChunks) return sizeChanged(source.size, sent);
		const multipart = [
			...fieldParts({ ...fields, chunkNumber: number, totalChunks, totalSize: source.size, chunkSize, currentChunkSize: chunk.length }),
			{ name: 'file', file: chunk, fileName: target.name },
		];
		const answer = await client.request('efile', 'POST', EFILE.burst, { multipart }, settings);
		if (!answer.ok) return { ok: false, failure: chunkFailed(answer.failure, number, totalChunks) };
	}
	if (sent !== source.size) return sizeChanged(source.size, sent);
	// `id` is empty in the clients that send it; the page's table spells `identifier` "indentifier", its examples do not.
	const form = { ...fields, id: '' };
	const merged = await client.request('efile', 'POST', EFILE.merge, { form }, { ...settings, notRepeatable: MERGE_NOT_REPEATED });
	return merged.ok ? { ok: true, message: merged.message, chunks: totalChunks } : merged;
}

function chunkFailed(failure: ScnetFailure, number: number, total: number): ScnetFailure {
	return {
		...failure,
		message: `${failure.message} (chunk ${number} of ${total})`,
		description: `${failure.description} Nothing was merged, so no file was made; SCNet offers no call to clear the chunks already sent, and keeps them until it clears them itself.`,
	};
}

function sizeChanged(expected: number, read: number): { ok: false; failure: ScnetFailure } {
	return {
		ok: false,
		failure: {
			code: 'BINARY_SIZE_CHANGED',
			message: `The binary data held ${read} bytes, not the ${expected} its metadata gives`,
			description: 'Nothing was merged, so no file was made on SCNet. Check the node that made the binary data.',
			scope: 'batch',
			unsent: true,
		},
	};
}

/** What SCNet's `exist` says of a path: there, not there, or not known (an answer the node cannot read, a fault). */
export async function pathExists(client: ScnetClient, path: string, settings: RequestSettings): Promise<boolean | undefined> {
	const answer = await client.request('efile', 'POST', EFILE.exist, { form: { path } }, settings);
	if (!answer.ok) return answer.failure.code === '911020' ? false : undefined;
	const exist = (answer.data as IDataObject | null)?.exist ?? answer.data;
	if (typeof exist === 'boolean') return exist;
	return exist === 'true' ? true : exist === 'false' ? false : undefined;
}
