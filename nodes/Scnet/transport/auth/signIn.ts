import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { conceal } from '../../helpers/secrets';
import { INVALID_RESPONSE_TEXT, parseEnvelope } from '../answer';
import { normalizeBaseUrl } from '../baseUrl';
import { isCertificateFault, networkFailure, type NetworkFault } from '../networkFailure';
import { tokenExpiry } from './jwt';
import { candidateRegions, containerServiceUrl, describeRegion, readRegionTokens, type RegionToken } from './regions';
import { authenticationOf, renewalTime, signInFingerprint, type Authentication, type Session } from './session';
import { accessKeySignature } from './signature';
import { signInFailure, SignInError } from './signInError';

/** Sign-in with an access key (documented as the recommended way). */
export const V3_SIGN_IN_PATH = '/api/user/v3/tokens';
/** Sign-in with user name, password and organization ID. */
export const V2_SIGN_IN_PATH = '/ac/openapi/v2/tokens';
export const CENTER_PATH = '/ac/openapi/v2/center';

const SIGN_IN_TIMEOUT_MS = 30000;

/** The two services a sign-in talks to, with the credential field that holds each address. */
const SIGN_IN_SERVICE = { what: 'sign-in service', field: 'Sign-in URL' };
const DISCOVERY_SERVICE = { what: 'region discovery service', field: 'Region Discovery URL' };
type Service = typeof SIGN_IN_SERVICE;

interface SignInSettings {
	authentication: Authentication;
	authUrl: string;
	centerUrl: string;
	/** The user's container service URL, replacing region discovery. */
	serviceUrl?: string;
	region: string;
	skipSslCertificateValidation: boolean;
	/** Values that must never be echoed back, signature included. */
	secrets: string[];
}

/**
 * The credential's `preAuthentication`: signs in with the access key or the password, picks the
 * region's token and discovers the region's container service. n8n stores the result in the
 * credential (`sessionToken` is the expirable field) and calls this again when the node asks
 * for a renewal. With a pasted access token there is nothing to do.
 */
export async function signIn(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<ICredentialDataDecryptedObject> {
	const authentication = authenticationOf(credentials);
	if (authentication === 'accessToken') return {};
	const settings = readSettings(credentials, authentication);
	const request =
		authentication === 'accessKey' ? accessKeyRequest(credentials, settings) : passwordRequest(credentials, settings);

	const regions = candidateRegions(readRegionTokens(await call(this, request, settings, SIGN_IN_SERVICE)), settings.region);
	for (const region of regions) {
		const token = region.token as string;
		const serviceUrl = settings.serviceUrl ?? (await discover(this, token, region, settings));
		if (!serviceUrl) continue;
		const now = Date.now();
		const session: Session = {
			serviceUrl,
			region: { id: region.id, name: region.name },
			renewAt: renewalTime(tokenExpiry(token), now),
			signedInWith: signInFingerprint(credentials),
		};
		return { sessionToken: token, session: JSON.stringify(session) };
	}
	const names = regions.map(describeRegion).join(', ');
	throw signInFailure(
		'NO_CONTAINER_SERVICE',
		`SCNet lists no enabled container service for ${regions.length > 1 ? `any region (${names})` : `region ${names}`}`,
		"Region discovery returned no 'aiUrls' entry that is enabled. Pick another 'Region', or enter the container service URL in 'Container Service URL'.",
	);
}

function required(credentials: ICredentialDataDecryptedObject, field: string, label: string): string {
	const value = typeof credentials[field] === 'string' ? (credentials[field] as string).trim() : '';
	if (value === '') {
		throw signInFailure(
			'CREDENTIAL_INCOMPLETE',
			`The SCNet API credential has no '${label}'`,
			`Fill in '${label}' in the 'SCNet API' credential.`,
		);
	}
	return value;
}

function url(credentials: ICredentialDataDecryptedObject, field: string, label: string): string {
	const value = normalizeBaseUrl(String(credentials[field] ?? ''));
	if (!value) {
		throw signInFailure(
			'CREDENTIAL_INCOMPLETE',
			`The '${label}' of the SCNet API credential is not a valid http(s) URL`,
			`Enter an address such as https://api.scnet.cn in '${label}'.`,
		);
	}
	return value;
}

function readSettings(credentials: ICredentialDataDecryptedObject, authentication: Authentication): SignInSettings {
	const override = String(credentials.baseUrl ?? '').trim();
	return {
		authentication,
		authUrl: url(credentials, 'authUrl', SIGN_IN_SERVICE.field),
		centerUrl: url(credentials, 'centerUrl', DISCOVERY_SERVICE.field),
		serviceUrl: override === '' ? undefined : url(credentials, 'baseUrl', 'Container Service URL'),
		region: String(credentials.region ?? ''),
		skipSslCertificateValidation: credentials.allowUnauthorizedCerts === true,
		secrets: [credentials.secretKey, credentials.password].filter((s): s is string => typeof s === 'string' && s !== ''),
	};
}

function accessKeyRequest(credentials: ICredentialDataDecryptedObject, settings: SignInSettings): IHttpRequestOptions {
	const user = required(credentials, 'user', 'User');
	const accessKey = required(credentials, 'accessKey', 'Access Key');
	const secretKey = required(credentials, 'secretKey', 'Secret Key');
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = accessKeySignature(user, accessKey, timestamp, secretKey);
	settings.secrets.push(signature);
	return {
		method: 'POST',
		url: `${settings.authUrl}${V3_SIGN_IN_PATH}`,
		headers: { user, accessKey, timestamp, signature },
	};
}

function passwordRequest(credentials: ICredentialDataDecryptedObject, settings: SignInSettings): IHttpRequestOptions {
	return {
		method: 'POST',
		url: `${settings.authUrl}${V2_SIGN_IN_PATH}`,
		headers: {
			user: required(credentials, 'user', 'User'),
			password: required(credentials, 'password', 'Password'),
			orgId: required(credentials, 'orgId', 'Organization ID'),
		},
	};
}

async function discover(
	helper: IHttpRequestHelper,
	token: string,
	region: RegionToken,
	settings: SignInSettings,
): Promise<string | undefined> {
	const request: IHttpRequestOptions = { method: 'GET', url: `${settings.centerUrl}${CENTER_PATH}`, headers: { token } };
	const data = await call(helper, request, { ...settings, secrets: [...settings.secrets, token] }, DISCOVERY_SERVICE);
	return containerServiceUrl(data, region.id);
}

/** Sends one sign-in or discovery request and returns the envelope's `data`, or throws a plain error. */
async function call(
	helper: IHttpRequestHelper,
	request: IHttpRequestOptions,
	settings: SignInSettings,
	service: Service,
): Promise<unknown> {
	const origin = new URL(request.url).origin;
	let response: IN8nHttpFullResponse;
	try {
		response = (await helper.helpers.httpRequest({
			...request,
			headers: { Accept: 'application/json', ...request.headers },
			timeout: SIGN_IN_TIMEOUT_MS,
			skipSslCertificateValidation: settings.skipSslCertificateValidation,
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// The original error carries the request's headers (the signature, the password): it stays here.
		const fault = networkFailure(error, SIGN_IN_TIMEOUT_MS);
		if (!fault) {
			const reason = conceal(String((error as Error).message ?? ''), settings.secrets);
			throw signInFailure('SIGN_IN_FAILED', `The request to the SCNet ${service.what} failed: ${reason}`, 'Run the workflow again.');
		}
		throw unreachable(service, origin, fault);
	}

	const envelope = parseEnvelope(response.body);
	if (typeof envelope === 'string') {
		const status = response.statusCode;
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
		const said = conceal(envelope.msg, settings.secrets);
		throw new SignInError({
			code: envelope.code,
			message: `The SCNet ${service.what} refused the request: ${said || 'no reason given'} (code ${envelope.code})`,
			description: refusalRemedy(service, envelope.code, settings.authentication),
			scope: 'account',
			httpCode: response.statusCode,
		});
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
