import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { sleepWithAbort } from '../helpers/sleep';

/*
 * Every exchange with SCNet is bounded twice. In time: 'Timeout' is a deadline for the whole
 * exchange, body included — n8n's own timeout only bounds each silence, so a server that drips a
 * byte at a time could hold a request for ever. In size: an answer is read as a stream and
 * abandoned as soon as it passes the cap, not downloaded whole and then refused.
 */

/**
 * The largest answer read. A page of the largest list page size (1,000 containers of about 35
 * fields, 1–2 KB each) is under 2 MiB; the cap leaves ample room and still bounds the memory.
 */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** A bound that was passed; `code` is what the failure mapping reads (as it reads Node's own codes). */
export class BoundPassed extends Error {
	constructor(readonly code: 'ETIMEDOUT' | 'ANSWER_TOO_LARGE') {
		super(code === 'ETIMEDOUT' ? 'the deadline passed' : `the answer was larger than ${MAX_ANSWER_BYTES} bytes`);
	}
}

/** What n8n hands back for a streamed body: a readable stream (typed by what is used of it). */
export interface BodyStream {
	on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	on(event: 'end', listener: () => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	destroy(): unknown;
}

const isStream = (body: unknown): body is BodyStream => !!body && typeof (body as BodyStream).on === 'function' && typeof (body as BodyStream).destroy === 'function';

/** Rejects with `BoundPassed` once `ms` have passed, unless `clock` is stopped first. */
function deadlineIn(ms: number, clock: AbortController): Promise<never> {
	return sleepWithAbort(Math.max(0, ms), clock.signal).then(
		() => Promise.reject(new BoundPassed('ETIMEDOUT')),
		// Stopped: the exchange ended in time.
		() => new Promise<never>(() => undefined),
	);
}

/**
 * Sends with `send` (which asks n8n for a streamed body) and reads the answer's body whole (a
 * Buffer), all within `timeoutMs` and the size cap; a late or oversized answer is destroyed, never
 * kept. An answer `keepStream` picks (a file being downloaded) is handed on unread once its head
 * came in time: its size is the file's, and the one reading it bounds its silences.
 */
export async function boundedExchange(
	send: () => Promise<IN8nHttpFullResponse>,
	timeoutMs: number,
	keepStream: (response: IN8nHttpFullResponse) => boolean = () => false,
): Promise<IN8nHttpFullResponse & { body: Buffer | BodyStream }> {
	const deadline = Date.now() + timeoutMs;
	const clock = new AbortController();
	const sent = send();
	const read = Promise.race([sent, deadlineIn(timeoutMs, clock)]).then(async (response) =>
		keepStream(response) && isStream(response.body) ? { ...response, body: response.body as BodyStream } : { ...response, body: await readBody(response.body, deadline) },
	);
	read.then(
		() => clock.abort(),
		() => {
			clock.abort();
			// An answer that comes after the deadline is dropped unread.
			sent.then((response) => isStream(response.body) && response.body.destroy(), () => undefined);
		},
	);
	return await read;
}

/** The body's bytes, read until `deadline` and at most the cap. */
function readBody(body: unknown, deadline: number): Promise<Buffer> {
	if (!isStream(body)) {
		const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body));
		return bytes.length > MAX_ANSWER_BYTES ? Promise.reject(new BoundPassed('ANSWER_TOO_LARGE')) : Promise.resolve(bytes);
	}
	const clock = new AbortController();
	const reading = new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		body.on('data', (chunk) => {
			const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += piece.length;
			if (size > MAX_ANSWER_BYTES) {
				body.destroy();
				reject(new BoundPassed('ANSWER_TOO_LARGE'));
				return;
			}
			chunks.push(piece);
		});
		body.on('end', () => resolve(Buffer.concat(chunks)));
		body.on('error', reject);
	});
	const timedOut = deadlineIn(deadline - Date.now(), clock).catch((error: Error) => {
		body.destroy();
		return Promise.reject(error);
	});
	const text = Promise.race([reading, timedOut]);
	text.then(
		() => clock.abort(),
		() => clock.abort(),
	);
	return text;
}
