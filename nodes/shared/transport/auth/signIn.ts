import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { normalizeBaseUrl } from '../baseUrl';
import { REGION_CENTER, SIGN_IN } from '../endpoints';
import { tokenExpiry } from './jwt';
import { candidateRegions, containerServiceUrl, describeRegion, platformTokenOf, readRegionTokens, type RegionToken } from './regions';
import { authenticationOf, credentialSecrets, renewalTime, signInFingerprint, type Authentication, type Session } from './session';
import { accessKeySignature } from './signature';
import { callService, DISCOVERY_SERVICE, SIGN_IN_SERVICE, type CallSettings } from './signInCall';
import { signInFailure } from './signInError';

interface SignInSettings extends CallSettings {
	authUrl: string;
	centerUrl: string;
	/** The user's container service URL, replacing region discovery. */
	serviceUrl?: string;
	region: string;
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

	const all = readRegionTokens(await callService(this, request, settings, SIGN_IN_SERVICE));
	const regions = candidateRegions(all, settings.region);
	for (const region of regions) {
		const token = region.token as string;
		const serviceUrl = settings.serviceUrl ?? (await discover(this, token, region, settings));
		if (!serviceUrl) continue;
		const session: Session = {
			serviceUrl,
			region: { id: region.id, name: region.name },
			renewAt: renewalTime(tokenExpiry(token), Date.now()),
			signedInWith: signInFingerprint(credentials),
		};
		return { sessionToken: token, session: JSON.stringify(session), platformToken: platformTokenOf(all) ?? '' };
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
		secrets: credentialSecrets(credentials),
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
		url: `${settings.authUrl}${SIGN_IN.v3}`,
		headers: { user, accessKey, timestamp, signature },
	};
}

function passwordRequest(credentials: ICredentialDataDecryptedObject, settings: SignInSettings): IHttpRequestOptions {
	return {
		method: 'POST',
		url: `${settings.authUrl}${SIGN_IN.v2}`,
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
	const request: IHttpRequestOptions = { method: 'GET', url: `${settings.centerUrl}${REGION_CENTER}`, headers: { token } };
	const data = await callService(helper, request, { ...settings, secrets: [...settings.secrets, token] }, DISCOVERY_SERVICE);
	const serviceUrl = containerServiceUrl(data, region);
	// The token would travel in the clear: a discovery over https does not hand it to plain http.
	if (serviceUrl?.startsWith('http:') && settings.centerUrl.startsWith('https:')) {
		throw signInFailure(
			'INSECURE_SERVICE_URL',
			`SCNet's region discovery (over https) named a container service over plain http (${new URL(serviceUrl).origin}); n8n does not send the token there`,
			"If that address is right and you accept the token travelling unencrypted, enter it in the credential's 'Container Service URL'.",
		);
	}
	return serviceUrl;
}
