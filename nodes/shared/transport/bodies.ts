import { randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

/** Form and query values; undefined fields are left out. */
export type FieldValues = Record<string, string | number | boolean | readonly string[] | undefined>;

/** One part of a multipart body: a field, or a file with its name and type. */
export type MultipartPart =
	| { name: string; value: string }
	| { name: string; file: Buffer; fileName: string; contentType?: string };

/**
 * What a request carries besides its path: SCNet's endpoints differ in this (reference §1.3) —
 * JSON for most, a form for the job cancel (on DELETE) and the log call, multipart for uploads.
 * At most one body kind is given.
 */
export interface RequestBody {
	/** Sent as JSON. */
	body?: IDataObject | IDataObject[];
	/** Sent as `application/x-www-form-urlencoded`, on any method (the job cancel is a DELETE). */
	form?: FieldValues;
	/** Sent as `multipart/form-data`. */
	multipart?: readonly MultipartPart[];
}

export interface EncodedBody {
	content: string | Buffer;
	contentType: string;
}

/** The body of a request, encoded, with its content type; undefined for none. */
export function encodeBody({ body, form, multipart }: RequestBody): EncodedBody | undefined {
	if (body !== undefined) return { content: JSON.stringify(body), contentType: 'application/json' };
	if (form !== undefined) return { content: formFields(form), contentType: 'application/x-www-form-urlencoded' };
	if (multipart !== undefined) return multipartBody(multipart);
	return undefined;
}

/** `a=1&ids=x&ids=y`: each list element repeats its field; every name and value is percent-encoded. */
function formFields(fields: FieldValues | undefined): string {
	return Object.entries(fields ?? {})
		.flatMap(([key, value]) =>
			value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((one) => `${encodeURIComponent(key)}=${encodeURIComponent(String(one))}`),
		)
		.join('&');
}

/** `?a=1&ids=x&ids=y`, or nothing for no fields. */
export function queryString(qs: FieldValues | undefined): string {
	const fields = formFields(qs);
	return fields === '' ? '' : `?${fields}`;
}

/** A multipart body built here (n8n's helper would need a form-data package, a runtime dependency). */
function multipartBody(parts: readonly MultipartPart[]): EncodedBody {
	const boundary = `----n8n-scnet-${randomBytes(12).toString('hex')}`;
	// Names and file names are quoted; a quote or line break in them would end the header early.
	const quoted = (text: string) => `"${text.replace(/["\r\n]/g, (c) => encodeURIComponent(c))}"`;
	const chunks = parts.flatMap((part) => {
		const head =
			'file' in part
				? `Content-Disposition: form-data; name=${quoted(part.name)}; filename=${quoted(part.fileName)}\r\nContent-Type: ${part.contentType ?? 'application/octet-stream'}`
				: `Content-Disposition: form-data; name=${quoted(part.name)}`;
		return [Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), 'file' in part ? part.file : Buffer.from(part.value), Buffer.from('\r\n')];
	});
	return { content: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
