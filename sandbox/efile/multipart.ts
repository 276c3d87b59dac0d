/**
 * A small streaming `multipart/form-data` reader (RFC 7578), so an upload of a gigabyte goes to
 * disk as it arrives instead of into memory: file parts are written to temporary files (with the
 * stream's back-pressure), other parts become fields. Node built-ins only.
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

export interface FilePart {
	field: string;
	filename: string;
	contentType: string;
	size: number;
	/** Where its bytes are now; the handler moves the file into place (or the store's reset removes it). */
	tempPath: string;
}

export interface Multipart {
	fields: URLSearchParams;
	files: FilePart[];
}

/** A body that is not well-formed multipart (HTTP 400, as Spring answers one). */
export class MultipartError extends Error {}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
const MAX_HEADERS = 16 * 1024;
const MAX_FIELD = 1024 * 1024;

export function boundaryOf(contentType: string): string | undefined {
	const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match?.[1] ?? match?.[2];
}

/** A parameter of a `Content-Disposition` header; `filename*` (RFC 5987) wins over `filename`. */
function dispositionParam(header: string, name: string): string | undefined {
	const extended = new RegExp(`(?:^|;)\\s*${name}\\*=(?:UTF-8|utf-8)''([^;]*)`).exec(header);
	if (extended) return decodeURIComponent(extended[1]);
	const quoted = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(header);
	// Browsers and undici escape `"` and line breaks in names as %22, %0A, %0D.
	if (quoted) return quoted[1].replace(/\\"/g, '"').replace(/%22/g, '"').replace(/%0A/gi, '\n').replace(/%0D/gi, '\r');
	return new RegExp(`(?:^|;)\\s*${name}=([^;]*)`).exec(header)?.[1].trim();
}

interface OpenPart {
	name: string;
	filename?: string;
	contentType: string;
	size: number;
	file?: { path: string; stream: WriteStream };
	chunks: Buffer[];
}

export async function readMultipart(body: AsyncIterable<Buffer>, boundary: string, workDir: string): Promise<Multipart> {
	// Every delimiter is CRLF + "--" + boundary; the first has no CRLF before it, so one is added.
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const result: Multipart = { fields: new URLSearchParams(), files: [] };
	let buffer: Buffer = Buffer.from(CRLF);
	// Asserted, so the check after the loop does not take it for still 'preamble' (advance() moves it).
	let state = 'preamble' as 'preamble' | 'boundary' | 'headers' | 'body' | 'done';
	let part: OpenPart | undefined;

	const write = async (data: Buffer) => {
		if (!part || data.length === 0) return;
		part.size += data.length;
		if (part.file) {
			if (!part.file.stream.write(data)) await once(part.file.stream, 'drain');
		} else {
			if (part.size > MAX_FIELD) throw new MultipartError(`field ${part.name} is too long`);
			part.chunks.push(Buffer.from(data));
		}
	};
	const close = async () => {
		if (!part) return;
		const { name, filename, contentType, size, file, chunks } = part;
		part = undefined;
		if (!file) return void result.fields.append(name, Buffer.concat(chunks).toString('utf8'));
		file.stream.end();
		await once(file.stream, 'close');
		result.files.push({ field: name, filename: filename ?? '', contentType, size, tempPath: file.path });
	};
	const open = (headerText: string) => {
		const headers = new Map(
			headerText.split('\r\n').map((line) => {
				const colon = line.indexOf(':');
				return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
			}),
		);
		const disposition = headers.get('content-disposition') ?? '';
		const name = dispositionParam(disposition, 'name');
		if (name === undefined) throw new MultipartError('a part without a name');
		const filename = dispositionParam(disposition, 'filename');
		part = { name, filename, contentType: headers.get('content-type') ?? 'text/plain', size: 0, chunks: [] };
		if (filename !== undefined) {
			const path = join(workDir, `upload-${randomUUID()}`);
			part.file = { path, stream: createWriteStream(path) };
		}
	};

	/** Moves through what `buffer` holds; returns when it needs more bytes. */
	const advance = async () => {
		for (;;) {
			if (state === 'done') return void (buffer = Buffer.alloc(0));
			if (state === 'preamble' || state === 'body') {
				const at = buffer.indexOf(delimiter);
				if (at === -1) {
					// A delimiter may straddle two chunks: keep the bytes that could be its start.
					const keep = Math.max(0, buffer.length - delimiter.length + 1);
					if (state === 'body') await write(buffer.subarray(0, keep));
					buffer = Buffer.from(buffer.subarray(keep));
					return;
				}
				if (state === 'body') {
					await write(buffer.subarray(0, at));
					await close();
				}
				buffer = buffer.subarray(at + delimiter.length);
				state = 'boundary';
			}
			if (state === 'boundary') {
				if (buffer.length < 2) return;
				const next = buffer.subarray(0, 2).toString('latin1');
				if (next === '--') state = 'done';
				else if (next === '\r\n') state = 'headers';
				else throw new MultipartError('a malformed boundary');
				buffer = buffer.subarray(2);
				continue;
			}
			if (state === 'headers') {
				const end = buffer.indexOf(HEADERS_END);
				if (end === -1) {
					if (buffer.length > MAX_HEADERS) throw new MultipartError('part headers too long');
					return;
				}
				open(buffer.subarray(0, end).toString('utf8'));
				buffer = buffer.subarray(end + HEADERS_END.length);
				state = 'body';
			}
		}
	};

	try {
		for await (const chunk of body) {
			buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
			await advance();
		}
		if (state !== 'done') throw new MultipartError('the body ended before its closing boundary');
		return result;
	} catch (error) {
		const open = part?.file;
		if (open) open.stream.destroy();
		await Promise.all([...result.files.map((file) => file.tempPath), ...(open ? [open.path] : [])].map((path) => rm(path, { force: true })));
		throw error;
	}
}
