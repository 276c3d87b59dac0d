import type { IHttpRequestHelper, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { conceal, concealFailure } from '../../helpers/secrets';
import { boundedExchange } from '../bounded';
import { INVALID_RESPONSE_TEXT, parseEnvelope } from '../answer';
import { isCertificateFault, networkFailure, type NetworkFault } from '../networkFailure';
import { redirectFailure, sendWithinOrigin, type RedirectOutcome } from '../redirects';
import type { Authentication } from './session';
import { signInFailure, SignInError } from './signInError';

const SIGN_IN_TIMEOUT_MS = 30000;

/** Where n8n signs in when the credential's 'Sign-in URL' is left empty: SCNet's public API. */
export const DEFAULT_SIGN_IN_URL = 'https://api.scnet.cn';

/** The two services a sign-in talks to, with the credential field that holds each address. */
export const SIGN_IN_SERVICE = { what: 'sign-in service', field: 'Sign-in URL' };
export const DISCOVERY_SERVICE = { what: 'region discovery service', field: 'Region Discovery URL' };
type Service = typeof SIGN_IN_SERVICE;

export interface CallSettings {
	authentication: Authentication;
	skipSslCertificateValidation: boolean;
	/** Values that must never be echoed back, signature included. */
	secrets: string[];
}

/** Sends one sign-in or discovery request and returns the envelope's `data`, or throws a plain error. */
export async function callService(
	helper: IHttpRequestHelper,
	request: IHttpRequestOptions,
	settings: CallSettings,
	service: Service,
): Promise<unknown> {
	const origin = new URL(request.url).origin;
	let outcome: RedirectOutcome;
	try {
		outcome = await sendWithinOrigin(request.url, request.method ?? 'GET', () => origin, async (url, method) =>
			boundedExchange(
				async () =>
					(await helper.helpers.httpRequest({
						...request,
						url,
						method,
						headers: { Accept: 'application/json', ...request.headers },
						timeout: SIGN_IN_TIMEOUT_MS,
						skipSslCertificateValidation: settings.skipSslCertificateValidation,
						encoding: 'stream',
						json: false,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
						// n8n would follow a redirect with the signature or password header to any host.
						disableFollowRedirect: true,
					})) as IN8nHttpFullResponse,
				SIGN_IN_TIMEOUT_MS,
			),
		);
	} catch (error) {
		// The original error carries the request's headers (the signature, the password): it stays here.
		const fault = networkFailure(error, SIGN_IN_TIMEOUT_MS);
		if (!fault) {
			const reason = conceal(String((error as Error).message ?? ''), settings.secrets);
			throw signInFailure('SIGN_IN_FAILED', `The request to the SCNet ${service.what} failed: ${reason}`, 'Run the workflow again.');
		}
		throw unreachable(service, origin, fault);
	}

	if (!('response' in outcome)) {
		throw new SignInError(redirectFailure(outcome, `The SCNet ${service.what} at ${origin}`, service.field));
	}
	const envelope = parseEnvelope(String(outcome.response.body));
	const status = outcome.response.statusCode;
	if (typeof envelope === 'string' && (status === 401 || status === 403)) {
		throw new SignInError({
			code: `HTTP_${status}`,
			message: `The SCNet ${service.what} refused the request (HTTP ${status})`,
			description: refusalRemedy(service, `HTTP_${status}`, settings.authentication),
			scope: 'account',
			httpCode: status,
		});
	}
	if (typeof envelope === 'string') {
		throw new SignInError(
			{
				code: status >= 200 && status < 300 ? 'INVALID_RESPONSE' : `HTTP_${status}`,
				message: `The SCNet ${service.what} at ${origin} answered with ${INVALID_RESPONSE_TEXT[envelope]} (HTTP ${status})`,
				description: `Check the credential's '${service.field}': it must be the SCNet API host, e.g. https://api.scnet.cn.`,
				scope: 'account',
				httpCode: status,
			},
			status === 429 || status >= 500,
		);
	}
	if (envelope.code !== '0') {
		const refusal = {
			code: envelope.code,
			message: `The SCNet ${service.what} refused the request: ${envelope.msg || 'no reason given'} (code ${envelope.code})`,
			description: refusalRemedy(service, envelope.code, settings.authentication),
			scope: 'account' as const,
			httpCode: status,
		};
		// A server may echo what it was sent (the password, the signature) in its message or its code.
		throw new SignInError(concealFailure(refusal, settings.secrets));
	}
	return envelope.data;
}

function unreachable(service: Service, origin: string, { failure, transient }: NetworkFault): SignInError {
	const { code, message, description } = failure;
	// The certificate advice holds here too; the rest would name the container service's field.
	const ownAdvice = isCertificateFault(code);
	return new SignInError(
		{
			code,
			message: `${message} (SCNet ${service.what} at ${origin})`,
			description: ownAdvice ? description : `Check the credential's '${service.field}' and that n8n can reach it.`,
			scope: 'account',
		},
		transient,
	);
}

function refusalRemedy(service: Service, code: string, authentication: Authentication): string {
	if (code === '10001') return 'SCNet had an internal error; run the workflow again later.';
	if (service === DISCOVERY_SERVICE) {
		return "The region's token was not accepted for region discovery. Check 'Region Discovery URL', or enter the container service URL in 'Container Service URL'.";
	}
	return authentication === 'accessKey'
		? "Check 'User', 'Access Key' and 'Secret Key' against the key file from the SCNet user centre (Access Control). The signature includes the time, so the n8n server's clock must be right to within a few minutes."
		: "Check 'User', 'Password' and 'Organization ID'.";
}
