import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { normalizeBaseUrl } from '../baseUrl';
import { authenticationOf, readSession } from './session';

/**
 * Set by the node on a request that must renew the session first, holding the token it judged
 * stale (expiring, or refused by SCNet). A symbol, so that it never reaches the wire.
 */
export const RENEW_IF_TOKEN = Symbol.for('n8n-nodes-scnet.renewIfToken');

/**
 * Set by the node on a request for the platform (`/ac/openapi/v2/user`), which lives on the
 * region-discovery host, not the container service: with which token. Which one SCNet wants there
 * is undocumented, so the platform token (cluster 0) is tried first and the region's second.
 */
export const PLATFORM_CALL = Symbol.for('n8n-nodes-scnet.platformCall');

export type PlatformToken = 'platform' | 'region';

export type RenewableRequest = IHttpRequestOptions & { [RENEW_IF_TOKEN]?: string; [PLATFORM_CALL]?: PlatformToken };

/** Region discovery's default host, which also serves the platform's own calls. */
export const DEFAULT_CENTER_URL = 'https://www.scnet.cn';

/**
 * The credential's `authenticate`: points the request at the container service and adds the
 * token header. When the node asks for a renewal and the token is still the stale one, it throws
 * what n8n takes for an HTTP 401 before anything is sent: n8n then signs in again through
 * `preAuthentication` and calls this once more, which by then finds the new token. This path
 * exists in n8n 1.x and 2.x alike.
 */
export function authorise(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): IHttpRequestOptions {
	const request = options as RenewableRequest;
	const stale = request[RENEW_IF_TOKEN];
	const platform = request[PLATFORM_CALL];
	delete request[RENEW_IF_TOKEN];
	delete request[PLATFORM_CALL];
	const signsIn = authenticationOf(credentials) !== 'accessToken';
	if (signsIn && stale !== undefined && stale === credentials.sessionToken) {
		throw Object.assign(new Error('The SCNet token must be renewed'), { response: { status: 401 } });
	}

	const serviceUrl = platform ? platformUrlOf(credentials) : serviceUrlOf(credentials);
	if (!serviceUrl) {
		throw new Error(
			platform
				? "The 'Region Discovery URL' of the SCNet API credential is not a valid http(s) URL"
				: signsIn
					? 'n8n has not signed in to SCNet yet: test the SCNet API credential'
					: "The 'Base URL' of the SCNet API credential is not a valid http(s) URL",
		);
	}
	// The token goes to the credential's service only; the node sends absolute URLs only there (a
	// redirect it followed), so anything else is a bug that must not cost the token.
	if (new URL(request.url, serviceUrl).origin !== new URL(serviceUrl).origin) {
		throw new Error('The SCNet token is only sent to the service URLs of the credential');
	}
	request.baseURL = serviceUrl;
	const token = !signsIn ? credentials.token : platform === 'platform' && credentials.platformToken ? credentials.platformToken : credentials.sessionToken;
	request.headers = { ...request.headers, token: String(token) };
	request.skipSslCertificateValidation = credentials.allowUnauthorizedCerts === true;
	// n8n would follow a redirect with the token header to any host: the node follows them itself,
	// within the service's origin, and the credential test reports them.
	request.disableFollowRedirect = true;
	return request;
}

/** The platform's host (`/ac/openapi/v2/…` calls): the credential's region discovery URL. */
export function platformUrlOf(credentials: ICredentialDataDecryptedObject): string | undefined {
	const configured = String(credentials.centerUrl ?? '').trim();
	return normalizeBaseUrl(configured === '' ? DEFAULT_CENTER_URL : configured);
}

/** The container service root the credential's requests go to: the pasted or overriding URL, or the signed-in session's. */
export function serviceUrlOf(credentials: ICredentialDataDecryptedObject): string | undefined {
	const override = String(credentials.baseUrl ?? '').trim();
	const signsIn = authenticationOf(credentials) !== 'accessToken';
	return signsIn && override === '' ? readSession(credentials)?.serviceUrl : normalizeBaseUrl(override);
}
