import type { IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import type { ScnetFailure } from './errorCodes';

/*
 * n8n's request helper follows redirects and keeps custom headers on the way, so a redirect to
 * another host would carry the `token`, `signature` or `password` header there. Every request of
 * the package is therefore sent with redirects off, and answered here: a redirect within the
 * same origin (scheme, host and port) is followed, one anywhere else is not.
 */

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Enough for a gateway that moves a path or two; more is a loop. */
const MAX_REDIRECTS = 5;

/**
 * One HTTP exchange with redirects off: `url` may be relative to the service the caller knows;
 * `redirects` counts the redirects followed to get there (0 for the request as first sent).
 */
export type Exchange = (url: string, method: IHttpRequestMethods, redirects: number) => Promise<IN8nHttpFullResponse>;

export type RedirectOutcome =
	| { response: IN8nHttpFullResponse }
	/** Where the request was sent away to: only its origin may be shown, the path can hold anything. */
	| { refused: 'elsewhere' | 'loop'; origin: string; target: string; status: number };

export type RedirectRefusal = Exclude<RedirectOutcome, { response: IN8nHttpFullResponse }>;

/**
 * Sends a request and follows its redirects while they stay within the origin it was sent to.
 * `base` resolves a relative `url`; it is read after the first answer, because a node's service
 * URL is only known once the credential has signed in.
 */
export async function sendWithinOrigin(
	url: string,
	method: IHttpRequestMethods,
	base: () => string,
	exchange: Exchange,
): Promise<RedirectOutcome> {
	let current = url;
	let currentMethod = method;
	for (let redirects = 0; ; redirects++) {
		const response = await exchange(current, currentMethod, redirects);
		const location = locationOf(response);
		if (location === undefined) return { response };
		const from = new URL(current, base());
		let target: URL;
		try {
			target = new URL(location, from);
		} catch {
			return { response };
		}
		const refusal = { origin: from.origin, target: target.origin, status: response.statusCode };
		if (target.origin !== from.origin) return { refused: 'elsewhere', ...refusal };
		if (redirects === MAX_REDIRECTS) return { refused: 'loop', ...refusal };
		current = target.href;
		// 303 points at the result of a request that was carried out: it is read, never sent again.
		if (response.statusCode === 303) currentMethod = 'GET';
	}
}

function locationOf(response: IN8nHttpFullResponse): string | undefined {
	if (!REDIRECT_STATUSES.has(response.statusCode)) return undefined;
	const location = (response.headers as Record<string, unknown> | undefined)?.location;
	return typeof location === 'string' && location.trim() !== '' ? location.trim() : undefined;
}

/**
 * The failure of a redirect that was not followed. `what` names the service ("SCNet", "The SCNet
 * sign-in service"), `field` the credential field that should hold the right address.
 */
export function redirectFailure(refusal: RedirectRefusal, what: string, field: string): ScnetFailure {
	const message =
		refusal.refused === 'elsewhere'
			? `${what} redirected the request to another address (${refusal.target}); n8n does not follow it, so that no credential is sent there`
			: `${what} redirected the request more than ${MAX_REDIRECTS} times within ${refusal.origin}`;
	const description =
		refusal.refused === 'elsewhere'
			? `If ${refusal.target} is the right SCNet address, put it in the credential's '${field}' instead of ${refusal.origin}.`
			: `Check the credential's '${field}': the server at that address keeps redirecting.`;
	return { code: 'REDIRECTED', message, description, scope: 'account', httpCode: refusal.status };
}
