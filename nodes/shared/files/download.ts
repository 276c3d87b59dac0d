import { sleepWithAbort } from '../helpers/sleep';
import type { RequestSettings, ScnetClient } from '../transport';
import { EFILE } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';

/*
 * A download from SCNet's file service as one stream, whatever happens on the way. SCNet answers
 * an error as a JSON envelope instead of bytes: that is found before a byte is handed on (the
 * transport reads it as a failure), so an error page is never saved as the user's file. When the
 * connection drops midway, the rest is asked for with `Range: bytes=<received>-` (the documented
 * way to resume) and joined on; an answer that does not continue exactly there ends the stream
 * with an error rather than with a file that is not the one on SCNet.
 */

/** The failure a download stream ends with, for the operation to report. */
export class DownloadBroken extends Error {
	constructor(readonly failure: ScnetFailure) {
		super(failure.message);
		this.name = 'ScnetDownloadBroken';
	}
}

/**
 * The stream API as the download uses it. The scanner n8n runs on community nodes forbids
 * importing node:stream, so the stream handed on is made with the class of the answer's own body
 * (Node's Readable, which n8n's binary data store reads).
 */
interface Readable {
	on(event: 'data', listener: (chunk: Buffer) => void): this;
	on(event: 'end' | 'close', listener: () => void): this;
	on(event: 'error', listener: (error: Error) => void): this;
	push(chunk: Buffer | null): boolean;
	pause(): this;
	resume(): this;
	destroy(error?: Error): this;
	readonly destroyed: boolean;
}
type ReadableClass = new (options: { read: () => void; destroy: (error: Error | null, done: (error?: Error | null) => void) => void }) => Readable;

/** Node's Readable class, found on the prototype chain of a stream it made (an HTTP answer's body). */
function readableClassOf(stream: Readable): ReadableClass {
	for (let proto = Object.getPrototypeOf(stream) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
		const { constructor } = proto as { constructor: ReadableClass & { name: string; from?: unknown } };
		if (constructor.name === 'Readable' && typeof constructor.from === 'function') return constructor;
	}
	throw new Error('the download answer is not a Node.js stream');
}

export interface OpenedDownload {
	/** The file's bytes as they arrive, resumed across dropped connections. */
	stream: Readable;
	/** The first answer's headers (for the file's name and type). */
	headers: Record<string, unknown>;
	/** How many bytes have passed so far (all of them once the stream ended). */
	received: () => number;
}

/** Where a `Content-Range: bytes a-b/total` answer starts, and its total when given. */
function rangeOf(headers: Record<string, unknown>): { start: number; total?: number } | undefined {
	const match = /^bytes\s+(\d+)-\d+\/(\d+|\*)$/i.exec(String(headers['content-range'] ?? '').trim());
	return match ? { start: Number(match[1]), total: match[2] === '*' ? undefined : Number(match[2]) } : undefined;
}

/** The whole file's size when the first answer says it (SCNet may not: a live client saw no Content-Length). */
function sizeOf(headers: Record<string, unknown>): number | undefined {
	const length = String(headers['content-length'] ?? '');
	return /^\d+$/.test(length) ? Number(length) : undefined;
}

const broken = (message: string, description: string): ScnetFailure => ({ code: 'DOWNLOAD_INTERRUPTED', message, description, scope: 'batch' });

/**
 * Opens the download of `path`. Resolves once SCNet has answered with the file (or with a
 * failure: not found, a refusal); the stream then carries the bytes, resuming up to
 * `settings.maxTries - 1` times, and ends in a `DownloadBroken` error when it cannot go on.
 */
export async function openDownload(client: ScnetClient, path: string, settings: RequestSettings): Promise<{ ok: true; download: OpenedDownload } | { ok: false; failure: ScnetFailure }> {
	const first = await client.request('efile', 'GET', EFILE.download, { qs: { path }, answer: 'stream' }, settings);
	if (!first.ok) return first;
	const headers = first.headers ?? {};
	const total = sizeOf(headers);
	let current: Readable | undefined;
	const Stream = readableClassOf(first.data as Readable);
	const out = new Stream({
		// The consumer wants more: let the answer flow again (back-pressure: a slow store slows the download instead of filling memory).
		read: () => {
			current?.resume();
			flowing?.();
		},
		// The consumer gave up (the execution was cancelled, the store failed): stop receiving.
		destroy: (error, done) => {
			current?.destroy();
			done(error);
		},
	});
	let received = 0;
	let resumes = 0;

	const fail = (failure: ScnetFailure): void => void out.destroy(new DownloadBroken(failure));
	const resume = async (cause: string): Promise<void> => {
		if (++resumes >= settings.maxTries) {
			return fail(broken(`The download broke off after ${received} bytes (${cause}) and could not be resumed`, "Nothing was saved. Run it again, or raise 'Max Tries' to resume more often."));
		}
		const next = await client.request('efile', 'GET', EFILE.download, { qs: { path }, headers: { Range: `bytes=${received}-` }, answer: 'stream' }, settings);
		if (out.destroyed) return void (next.ok && (next.data as Readable).destroy());
		if (!next.ok) return fail({ ...next.failure, message: `The download broke off after ${received} bytes and resuming it failed: ${next.failure.message}` });
		const range = rangeOf(next.headers ?? {});
		if (range?.start !== received || (total !== undefined && range.total !== undefined && range.total !== total)) {
			(next.data as Readable).destroy();
			return fail(
				broken(
					`The download broke off after ${received} bytes and SCNet did not resume it where it stopped`,
					'Nothing was saved: SCNet answered the resumed request with other bytes than the rest of the file (it may have changed, or the service ignores Range). Run it again.',
				),
			);
		}
		pump(next.data as Readable);
	};
	// Called when the store asks for more: the answer flows again.
	let flowing: (() => void) | undefined;
	const pump = (body: Readable) => {
		current = body;
		// One outcome per answer: its end, or its first error or close, whichever comes first.
		let settled = false;
		const watching = new AbortController();
		const broke = (cause: string) => {
			watching.abort();
			if (settled || out.destroyed) return;
			settled = true;
			body.destroy();
			void resume(cause);
		};
		// Silence longer than 'Timeout' while the answer flows is a broken answer; a pause the store asked for is not the server's.
		let lastData = Date.now();
		let paused = false;
		flowing = () => {
			paused = false;
			lastData = Date.now();
		};
		void (async () => {
			for (;;) {
				await sleepWithAbort(Math.min(1000, settings.timeout), watching.signal);
				if (!paused && Date.now() - lastData > settings.timeout) return broke(`no data came for ${settings.timeout} ms`);
			}
		})().catch(() => undefined);
		body.on('data', (chunk: Buffer) => {
			received += chunk.length;
			lastData = Date.now();
			if (out.push(chunk)) return;
			body.pause();
			paused = true;
		});
		body.on('end', () => {
			watching.abort();
			if (settled) return;
			if (total !== undefined && received < total) return broke(`${total - received} bytes were missing`);
			settled = true;
			out.push(null);
		});
		body.on('error', (error: Error) => broke(error.message || 'the connection was closed'));
		// A stream torn down without an end or an error broke off too.
		body.on('close', () => broke('the connection was closed'));
	};
	pump(first.data as Readable);
	return { ok: true, download: { stream: out, headers, received: () => received } };
}
