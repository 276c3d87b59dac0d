import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import type { ScnetFailure } from '../errorCodes';
import { missingServiceFailure, serviceUrlOf, type ScnetService } from '../services';
import { authenticationOf, readSession } from './session';

/**
 * Set by the node on a request that must renew the session first, holding the token it judged
 * stale (expiring, or refused by SCNet). A symbol, so that it never reaches the wire.
 */
export const RENEW_IF_TOKEN = Symbol.for('n8n-nodes-scnet.renewIfToken');

/**
 * Set by the node on every request: the service it goes to, and for the platform's own calls
 * (`/ac/openapi/v2/user`) which token. Which one SCNet wants there is undocumented, so the
 * platform token (cluster 0) is tried first and the region's second.
 */
export const SCNET_CALL = Symbol.for('n8n-nodes-scnet.call');

export type PlatformToken = 'platform' | 'region';

export interface ScnetCall {
	service: ScnetService;
	token?: PlatformToken;
}

export type RenewableRequest = IHttpRequestOptions & { [RENEW_IF_TOKEN]?: string; [SCNET_CALL]?: ScnetCall };

/**
 * Thrown before anything is sent when the credential has no URL for the service a request is
 * for (the region lacks it, or the user did not fill it in); the node reads its failure.
 */
export class ServiceMissingError extends Error {
	constructor(readonly failure: ScnetFailure) {
		super(failure.message);
		this.name = 'ScnetServiceMissing';
	}
}

/**
 * The credential's `authenticate`: points the request at its service and adds the token header.
 * When the node asks for a renewal and the token is still the stale one, it throws what n8n
 * takes for an HTTP 401 before anything is sent: n8n then signs in again through
 * `preAuthentication` and calls this once more, which by then finds the new token. This path
 * exists in n8n 1.x and 2.x alike.
 */
export function authorise(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): IHttpRequestOptions {
	const request = options as RenewableRequest;
	const stale = request[RENEW_IF_TOKEN];
	// The credential test sends no mark: it tests the container service.
	const { service, token: which } = request[SCNET_CALL] ?? { service: 'ai' };
	const signsIn = authenticationOf(credentials) !== 'accessToken';
	// The marks stay on the request until it is sent: n8n calls this again with it after renewing,
	// and without them it would go to the container service.
	if (signsIn && stale !== undefined && stale === credentials.sessionToken) {
		throw Object.assign(new Error('The SCNet token must be renewed'), { response: { status: 401 } });
	}
	delete request[RENEW_IF_TOKEN];
	delete request[SCNET_CALL];

	const serviceUrl = serviceUrlOf(credentials, service);
	if (!serviceUrl) {
		if (service === 'platform') throw new Error("The 'Region Discovery URL' of the SCNet API credential is not a valid http(s) URL");
		if (signsIn && !readSession(credentials)) throw new Error('n8n has not signed in to SCNet yet: test the SCNet API credential');
		throw new ServiceMissingError(missingServiceFailure(credentials, service));
	}
	// The token goes to the credential's services only; the node sends absolute URLs only there (a
	// redirect it followed), so anything else is a bug that must not cost the token.
	if (new URL(request.url, serviceUrl).origin !== new URL(serviceUrl).origin) {
		throw new Error('The SCNet token is only sent to the service URLs of the credential');
	}
	request.baseURL = serviceUrl;
	const token = !signsIn ? credentials.token : which === 'platform' && credentials.platformToken ? credentials.platformToken : credentials.sessionToken;
	request.headers = { ...request.headers, token: String(token) };
	request.skipSslCertificateValidation = credentials.allowUnauthorizedCerts === true;
	// n8n would follow a redirect with the token header to any host: the node follows them itself,
	// within the service's origin, and the credential test reports them.
	request.disableFollowRedirect = true;
	return request;
}
