import {
	CONTAINER_API,
	failureForCode,
	failureForHttpStatus,
	TRANSIENT_CODES,
	type ApiPlace,
	type ScnetFailure,
} from './errorCodes';

/**
 * The one result of a request to SCNet: `ok` and what SCNet answered (`data` is the envelope's,
 * or the content itself for a binary answer — a Buffer, or a stream still being received — with
 * its headers), or not `ok` and why.
 */
export type ScnetResult =
	| { ok: true; message: string; data: unknown; headers?: Record<string, unknown> }
	| { ok: false; failure: ScnetFailure };

/** What one HTTP exchange amounted to: a result, and for a failure what the retry loop needs to know. */
export type ScnetAnswer =
	| Extract<ScnetResult, { ok: true }>
	| (Extract<ScnetResult, { ok: false }> & {
			transient: boolean;
			retryAfterMs?: number;
			/** SCNet certainly did not carry the request out (refused before it got there): safe to send again. */
			unsent?: boolean;
			/** The sign-in failed (the request was never sent): a refused one is not tried again in the execution. */
			signIn?: boolean;
	  });

export interface Envelope {
	code: string;
	msg: string;
	data: unknown;
}

/**
 * Reads an HTTP response the way SCNet means it: the envelope's `code` (the string "0" on
 * success) is the verdict, not the HTTP status. Bodies that are not an envelope (gateway HTML
 * pages, broken JSON) become failures with a plain message instead of a parse crash. With
 * `binary`, a successful answer that is not JSON is the content asked for (a file's bytes).
 */
export function readAnswer(
	status: number,
	headers: Record<string, unknown>,
	body: unknown,
	{ binary = false, place = CONTAINER_API }: { binary?: boolean; place?: ApiPlace } = {},
): ScnetAnswer {
	if (binary && isContent(status, headers)) {
		return { ok: true, message: '', data: Buffer.isBuffer(body) || isReadable(body) ? body : Buffer.from(String(body ?? '')), headers };
	}
	const envelope = parseEnvelope(Buffer.isBuffer(body) ? body.toString('utf8') : body);
	const retryAfterMs = parseRetryAfter(headers['retry-after']);
	const httpTransient = status === 429 || status >= 500;

	if (status < 200 || status >= 300) {
		const failure =
			typeof envelope === 'object' && envelope.code !== '0'
				? failureForCode(envelope.code, envelope.msg, status, place)
				: failureForHttpStatus(status, place);
		// A refused credential concerns every request, whatever code came with it.
		if (status === 401 || status === 403) failure.scope = 'account';
		return { ok: false, failure, transient: httpTransient || TRANSIENT_CODES.has(failure.code), retryAfterMs, unsent: status === 429 };
	}

	if (typeof envelope === 'string') {
		return { ok: false, failure: invalidResponse(envelope, status, place), transient: false };
	}
	if (envelope.code === '0') return { ok: true, message: envelope.msg, data: envelope.data };
	const failure = failureForCode(envelope.code, envelope.msg, status, place);
	return { ok: false, failure, transient: TRANSIENT_CODES.has(envelope.code), retryAfterMs };
}

/** Whether an answer is the content asked for rather than an envelope: a success that is not JSON (an error comes as a JSON envelope). */
export function isContent(status: number, headers: Record<string, unknown>): boolean {
	return status >= 200 && status < 300 && !/json/i.test(String(headers['content-type'] ?? ''));
}

/** A stream still being received (the scanner n8n runs on community nodes forbids importing node:stream, so it is told by its methods). */
const isReadable = (body: unknown): boolean => !!body && typeof (body as { pipe?: unknown }).pipe === 'function' && typeof (body as { on?: unknown }).on === 'function';

type EnvelopeProblem = 'empty' | 'html' | 'malformed' | 'no-code';

export function parseEnvelope(body: unknown): Envelope | EnvelopeProblem {
	let parsed: unknown = body;
	if (typeof body === 'string') {
		const text = body.trim();
		if (text === '') return 'empty';
		if (text.startsWith('<')) return 'html';
		try {
			parsed = JSON.parse(text);
		} catch {
			return 'malformed';
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'no-code';
	const { code, msg, data } = parsed as Record<string, unknown>;
	if (typeof code !== 'string' && typeof code !== 'number') return 'no-code';
	return { code: String(code), msg: typeof msg === 'string' ? msg : '', data };
}

export const INVALID_RESPONSE_TEXT: Record<EnvelopeProblem, string> = {
	empty: 'an empty body',
	html: 'an HTML page instead of JSON',
	malformed: 'malformed JSON',
	'no-code': 'JSON without a result code',
};

function invalidResponse(problem: EnvelopeProblem, status: number, { api, field }: ApiPlace): ScnetFailure {
	return {
		code: 'INVALID_RESPONSE',
		message: `SCNet answered with ${INVALID_RESPONSE_TEXT[problem]} (HTTP ${status})`,
		description: `The address answered, but not like the ${api}. Check that the credential's ${field} is the service URL and not a gateway or login page.`,
		scope: 'batch',
		httpCode: status,
	};
}

function parseRetryAfter(value: unknown): number | undefined {
	const seconds = Number(value);
	return typeof value === 'string' && value.trim() !== '' && Number.isFinite(seconds) && seconds >= 0
		? seconds * 1000
		: undefined;
}
