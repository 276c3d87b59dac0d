/**
 * One eFile route's exchange: the request as a handler sees it (a multipart body still a stream,
 * because uploads can be a gigabyte), where parameters are read from, and the answer (an
 * envelope, or bytes for a download). File-system failures become the platform's codes.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

import { envelope } from '../auth';
import { boundaryOf, readMultipart, type Multipart } from './multipart';
import type { ParamSource, EfileSettings } from './settings';
import type { EfileStore } from './store';

export interface EfileRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	/** The body as text, read by the server; empty for a multipart body, which is `stream`. */
	body: string;
	/** A multipart body, not yet read (upload and burst read it). */
	stream?: Readable;
	/** A multipart body's fields, read by the service for the routes that take no files. */
	fields?: URLSearchParams;
}

/** A multipart request as it arrived, for tests (the server records no multipart body: it may be huge). */
export interface MultipartRecord {
	route: string;
	query: Record<string, string>;
	fields: Record<string, string>;
	files: Array<{ field: string; filename: string; contentType: string; size: number }>;
}

export interface EfileContext {
	store: EfileStore;
	settings: EfileSettings;
	/** The cluster user, who owns every file. */
	owner: string;
	/** The cluster user's home, `/public/home/<clusterUser>`: list's default path. */
	home: string;
	/** Reads a multipart body into fields and files in the store's work folder (and records it). */
	multipart(request: EfileRequest): Promise<Multipart | undefined>;
}

/** The answer: an envelope (HTTP 200) by default; a download sets a stream body, status and headers. */
export interface EfileAnswer {
	status?: number;
	body: unknown;
	contentType?: string;
	headers?: Record<string, string>;
}

export type EfileHandler = (request: EfileRequest, context: EfileContext) => Promise<EfileAnswer>;

export const ok = (data: unknown = null): EfileAnswer => ({ body: envelope('0', 'success', data) });
export const fail = (code: string, msg: string): EfileAnswer => ({ body: envelope(code, msg) });
export const missing = (name: string): EfileAnswer => fail('10003', `参数不全: ${name}`);
export const invalid = (name: string): EfileAnswer => fail('10004', `参数无效: ${name}`);
/** The two codes the reference names (T): 911020 does not exist, 911021 already exists. */
export const notFound = (path: string): EfileAnswer => fail('911020', `文件不存在: ${path}`);
export const exists = (path: string): EfileAnswer => fail('911021', `文件已存在: ${path}`);

export const isMultipartType = (headers: IncomingHttpHeaders) => String(headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');

/** The body's fields: a form body, or a multipart one's (Spring parses no other body as fields). */
export function formOf(request: EfileRequest): URLSearchParams {
	if (request.fields) return request.fields;
	const type = String(request.headers['content-type'] ?? '').toLowerCase();
	return type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.body) : new URLSearchParams();
}

/** A POST's parameters from where `source` says: the query string, the body's fields, or both (query first, as Spring). */
export function paramsOf(request: EfileRequest, source: ParamSource, bodyFields: URLSearchParams = formOf(request)): URLSearchParams {
	if (source === 'query') return request.query;
	if (source === 'body') return bodyFields;
	return new URLSearchParams([...request.query, ...bodyFields]);
}

/** The multipart body of `request`, if it has one, read to the end. */
export async function multipartOf(request: EfileRequest, workDir: string): Promise<Multipart | undefined> {
	const boundary = boundaryOf(String(request.headers['content-type'] ?? ''));
	if (!request.stream || !boundary) return undefined;
	return readMultipart(request.stream, boundary, workDir);
}

/** A `cover` parameter: only the word `cover` overwrites; `uncover` is the default (C). */
export const covers = (params: URLSearchParams) => params.get('cover') === 'cover';

/** A comma-separated list of paths (sourcePaths, paths, download-check's paths), blanks dropped. */
export const pathList = (value: string | null) =>
	(value ?? '')
		.split(',')
		.map((path) => path.trim())
		.filter((path) => path !== '');

/** A file-system error as the platform's envelope; anything unexpected is rethrown (HTTP 500). */
export function fsFailure(error: unknown, path: string): EfileAnswer {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT' || code === 'ENOTDIR') return notFound(path);
	if (code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTEMPTY') return exists(path);
	throw error;
}
