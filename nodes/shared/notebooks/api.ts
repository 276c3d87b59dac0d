import type { IHttpRequestMethods } from 'n8n-workflow';

import { isTokenRefusal, type RequestData, type RequestSettings, type ScnetClient, type ScnetResult } from '../transport';
import type { PlatformToken } from '../transport/auth/authorise';
import type { ScnetFailure } from '../transport/errorCodes';
import { REGION_SERVICES } from '../transport/services';

/*
 * Which host and token the notebook calls want is undocumented, and live clients disagree
 * (create and start under `/ac/…` on the platform host, the rest under `/ai/…` on the region's
 * container service or on the platform host; the region's token or the platform's). So a call
 * tries, in this order:
 * - `/ac/…`: the platform host (the credential's 'Region Discovery URL');
 * - `/ai/…`: the region's container service (`aiUrls`), then the platform host;
 * - on each host the region's token first, then — for a credential that signs in — the platform
 *   token (cluster 0).
 * It moves on only after an answer that certainly means "not this host" (a bare HTTP 404, or a
 * region without a container service) or "not this token" (10008, 10009, HTTP 401/403, after
 * the client's own renewal): nothing was carried out then, so this holds for Create, Start and
 * Release, which are never sent twice. A time-out, a lost answer or a server error never moves
 * on. What worked is kept for the client (one execution, one editor lookup, one poll), per
 * family of paths, and tried first by its later calls.
 */

export type NotebookHost = 'ai' | 'platform';

export interface NotebookRoute {
	host: NotebookHost;
	token: PlatformToken;
}

type Family = 'ac' | 'ai';

const HOSTS: Readonly<Record<Family, NotebookHost[]>> = { ac: ['platform'], ai: ['ai', 'platform'] };

/** What worked for each family of paths, per client. */
const kept = new WeakMap<ScnetClient, Partial<Record<Family, NotebookRoute>>>();

/** The host and token that answered the client's last notebook call of the family of `path`, if any did. */
export function keptRoute(client: ScnetClient, path: string): NotebookRoute | undefined {
	return kept.get(client)?.[familyOf(path)];
}

/** Sends a notebook call, trying host and token as described above; SCNet's answer, or the failure that says most. */
export async function notebookRequest(
	client: ScnetClient,
	method: IHttpRequestMethods,
	path: string,
	data: RequestData,
	settings: RequestSettings,
): Promise<ScnetResult> {
	const family = familyOf(path);
	const memory = kept.get(client) ?? {};
	kept.set(client, memory);
	const tried: NotebookRoute[] = [];
	/** Hosts that answered "no notebook API here": none of their routes is tried again. */
	const missing = new Set<NotebookHost>();
	const failures: ScnetFailure[] = [];
	for (let route: NotebookRoute | undefined = memory[family] ?? { host: HOSTS[family][0], token: 'region' }; route; ) {
		tried.push(route);
		const result = await client.request(route.host, method, path, { ...data, token: route.token }, settings);
		if (result.ok || !(notThisHost(result.failure) || isTokenRefusal(result.failure))) {
			// The API answered (a success, or one of its codes): this host and token are the ones.
			if (result.ok || /^\d+$/.test(result.failure.code)) memory[family] = route;
			return result;
		}
		failures.push(result.failure);
		if (notThisHost(result.failure)) missing.add(route.host);
		route = nextRoute(client, family, tried, missing);
	}
	return { ok: false, failure: mostTelling(failures, family) };
}

const familyOf = (path: string): Family => (path.startsWith('/ac/') ? 'ac' : 'ai');

/** No notebook API at this host: a bare 404 (a 404 with an SCNet code is the API's own answer), or no such host for the region. */
function notThisHost(failure: ScnetFailure): boolean {
	return failure.code === 'HTTP_404' || failure.code === REGION_SERVICES.ai.missingCode;
}

/** The first route not tried yet, on no host that lacks the API: the next token on the same host first, else the next host. */
function nextRoute(client: ScnetClient, family: Family, tried: NotebookRoute[], missing: ReadonlySet<NotebookHost>): NotebookRoute | undefined {
	const last = tried[tried.length - 1];
	const tokens: PlatformToken[] = client.signsIn ? ['region', 'platform'] : ['region'];
	// A host at the same address as one before it would answer the same (read now: the addresses are known once signed in).
	const address = (host: NotebookHost) => client.scopeOf(host);
	const hosts = HOSTS[family].filter((host, index, all) => !all.slice(0, index).some((earlier) => address(earlier) === address(host)));
	const untried = hosts
		.filter((host) => ![...missing].some((gone) => address(gone) === address(host)))
		.flatMap((host) => tokens.map((token) => ({ host, token })))
		.filter((route) => !tried.some((one) => one.host === route.host && one.token === route.token));
	return untried.find((route) => route.host === last.host) ?? untried[0];
}

/** A refused token says more than a missing host; with no host at all, one failure that says where it looked. */
function mostTelling(failures: ScnetFailure[], family: Family): ScnetFailure {
	const refused = failures.find(isTokenRefusal);
	if (refused) return refused;
	const message =
		family === 'ac'
			? "SCNet's notebook API was not found on the platform host, the credential's 'Region Discovery URL' (HTTP 404)"
			: "SCNet's notebook API was found neither on the region's container service nor on the platform host (HTTP 404)";
	return {
		code: 'HTTP_404',
		message,
		description:
			"The region may have no notebook service (some regions have none). Check the credential's 'Region', and its 'Container Service URL' and 'Region Discovery URL' if you filled them in.",
		scope: 'account',
		httpCode: 404,
	};
}
