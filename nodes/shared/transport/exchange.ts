import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IPollFunctions,
} from 'n8n-workflow';

import { causeChain } from '../helpers/causes';
import { conceal, concealDeep, concealFailure } from '../helpers/secrets';
import { isContent, readAnswer, type ScnetAnswer } from './answer';
import { RENEW_IF_TOKEN, SCNET_CALL, ServiceMissingError, type PlatformToken, type RenewableRequest } from './auth/authorise';
import { credentialSecrets } from './auth/session';
import { findSignInError } from './auth/signInError';
import { encodeBody, type RequestBody } from './bodies';
import { boundedExchange } from './bounded';
import { CONTAINER_API } from './errorCodes';
import { networkFailure } from './networkFailure';
import { redirectFailure, sendWithinOrigin, type RedirectOutcome } from './redirects';
import { REGION_SERVICES, serviceUrlOf, urlFieldLabel, type ScnetService } from './services';

export const CREDENTIAL_TYPE = 'scnetApi';

/** Every kind of n8n function context that talks to SCNet: operations, editor pickers, the trigger. */
export type ScnetContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export type ScnetCredentials = ICredentialsDecrypted & { data: ICredentialDataDecryptedObject };

/** One request as the node means it, before authentication. */
export interface ScnetCall extends RequestBody {
	service: ScnetService;
	method: IHttpRequestMethods;
	/** The path with its query string. */
	url: string;
	timeout: number;
	/** For the platform's own calls: which token (see `authorise`). */
	token?: PlatformToken;
	/**
	 * `binary`: a successful answer that is not JSON is the content itself (a file), not an
	 * envelope; `stream`: the same, handed on as a stream still being received (a download).
	 */
	answer?: 'envelope' | 'binary' | 'stream';
	/** Headers of the request's own besides the token's, e.g. `Range` for a download that resumes. */
	headers?: Record<string, string>;
}

/**
 * One HTTP exchange through n8n (which adds the service URL and the token), following redirects
 * within the service's origin, bounded in time and size, read as SCNet means it, and with every
 * secret of the credential concealed in what it says. `staleToken` asks for a renewal first.
 */
export async function exchangeOnce(context: ScnetContext, credentials: ScnetCredentials, call: ScnetCall, staleToken?: string): Promise<ScnetAnswer> {
	const secrets = () => credentialSecrets(credentials.data);
	const encoded = encodeBody(call);
	let outcome: RedirectOutcome;
	try {
		const base = () => serviceUrlOf(credentials.data, call.service) ?? '';
		outcome = await sendWithinOrigin(call.url, call.method, base, async (hopUrl, hopMethod, redirects) => {
			const request: RenewableRequest = {
				method: hopMethod,
				// The credential adds the service URL (known only after signing in) and the token.
				url: hopUrl,
				timeout: call.timeout,
				headers: { Accept: 'application/json', ...call.headers },
				// Read the body here, bounded, and judge it: SCNet's verdict is in the envelope, and a
				// gateway's HTML page must become a clear failure rather than a parse error.
				encoding: 'stream',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				[SCNET_CALL]: { service: call.service, token: call.token },
			};
			// A 303 turns the request into a GET, which carries no body.
			if (encoded && hopMethod === call.method) {
				request.body = encoded.content;
				request.headers = { ...request.headers, 'Content-Type': encoded.contentType };
			}
			// Only the first hop may ask for a renewal: a redirect is followed with the token just used.
			if (staleToken !== undefined && redirects === 0) request[RENEW_IF_TOKEN] = staleToken;
			return await boundedExchange(
				async () =>
					(await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, {
						credentialsDecrypted: credentials,
					})) as IN8nHttpFullResponse,
				call.timeout,
				(response) => call.answer === 'stream' && isContent(response.statusCode, response.headers as Record<string, unknown>),
			);
		});
	} catch (error) {
		return failedExchange(context, error, call, secrets());
	}
	if (!('response' in outcome)) {
		return { ok: false, failure: redirectFailure(outcome, 'SCNet', urlFieldLabel(credentials.data, call.service)), transient: false };
	}
	const { statusCode, headers, body } = outcome.response;
	// The container API keeps the words it always had; the others name their own field.
	const place = call.service === 'ai' ? CONTAINER_API : { api: apiName(call.service), field: `'${urlFieldLabel(credentials.data, call.service)}'` };
	const answer = readAnswer(statusCode, headers as Record<string, unknown>, body, { binary: call.answer === 'binary' || call.answer === 'stream', place });
	// Server messages are echoed to the user; a gateway that repeats the token must not leak it.
	if (!answer.ok) return { ...answer, failure: concealFailure(answer.failure, secrets()) };
	return answer.headers !== undefined ? answer : { ...answer, message: conceal(answer.message, secrets()), data: concealDeep(answer.data, secrets()) };
}

function apiName(service: ScnetService): string {
	return service === 'platform' ? 'SCNet platform API' : `SCNet ${REGION_SERVICES[service].what.replace(/ service$/, '')} API`;
}

/** What an exchange that threw amounts to: a refused sign-in, a missing service, a network fault, or n8n's own error. */
function failedExchange(context: ScnetContext, error: unknown, call: ScnetCall, secrets: string[]): ScnetAnswer {
	const signInError = findSignInError(error);
	// Signing in comes first: the request itself was never sent.
	if (signInError) return { ok: false, failure: signInError.failure, transient: signInError.transient, unsent: true, signIn: true };
	const missing = causeChain(error).find((candidate): candidate is ServiceMissingError => (candidate as Error).name === 'ScnetServiceMissing');
	if (missing) return { ok: false, failure: missing.failure, transient: false, unsent: true };
	const fault = networkFailure(error, call.timeout);
	// Not a network fault (e.g. the execution was cancelled): n8n handles it. The error is
	// built anew from its message: the original's cause holds the request, headers included.
	if (!fault) throw new NodeOperationError(context.getNode(), conceal(String((error as Error).message ?? error), secrets));
	return { ok: false, ...fault };
}
