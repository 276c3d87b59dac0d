import type { IN8nHttpFullResponse } from 'n8n-workflow';
import type { Readable } from 'node:stream';

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

const isStream = (body: unknown): body is Readable => !!body && typeof (body as Readable).on === 'function' && typeof (body as Readable).destroy === 'function';

/**
 * Sends with `send` (which asks n8n for a streamed body) and reads the answer's body as text, all
 * within `timeoutMs` and the size cap; a late or oversized answer is destroyed, never kept.
 */
export async function boundedExchange(send: () => Promise<IN8nHttpFullResponse>, timeoutMs: number): Promise<IN8nHttpFullResponse> {
	const deadline = Date.now() + timeoutMs;
	const sent = send();
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new BoundPassed('ETIMEDOUT')), timeoutMs);
	});
	try {
		const response = await Promise.race([sent, late]);
		return { ...response, body: await readBody(response.body, deadline) };
	} catch (error) {
		// An answer that comes after the deadline is dropped unread.
		sent.then((response) => isStream(response.body) && response.body.destroy(), () => undefined);
		throw error;
	} finally {
		clearTimeout(timer);
	}
}

/** The body as text, read until `deadline` and at most the cap. */
function readBody(body: unknown, deadline: number): Promise<string> {
	if (!isStream(body)) {
		const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
		return Buffer.byteLength(text) > MAX_ANSWER_BYTES ? Promise.reject(new BoundPassed('ANSWER_TOO_LARGE')) : Promise.resolve(text);
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const stop = (error: Error) => {
			clearTimeout(timer);
			body.destroy();
			reject(error);
		};
		const timer = setTimeout(() => stop(new BoundPassed('ETIMEDOUT')), Math.max(0, deadline - Date.now()));
		body.on('data', (chunk: Buffer | string) => {
			const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			size += piece.length;
			if (size > MAX_ANSWER_BYTES) return stop(new BoundPassed('ANSWER_TOO_LARGE'));
			chunks.push(piece);
		});
		body.on('end', () => {
			clearTimeout(timer);
			resolve(Buffer.concat(chunks).toString('utf8'));
		});
		body.on('error', (error: Error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}
