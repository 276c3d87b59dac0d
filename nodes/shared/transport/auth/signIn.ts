import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { normalizeBaseUrl } from '../baseUrl';
import { REGION_CENTER, SIGN_IN } from '../endpoints';
import { tokenExpiry } from './jwt';
import { candidateRegions, describeRegion, platformTokenOf, readDiscovery, readRegionTokens, type Discovered, type RegionToken } from './regions';
import { DEFAULT_CENTER_URL, REGION_SERVICE_NAMES, REGION_SERVICES, type RegionService } from '../services';
import { authenticationOf, credentialSecrets, renewalTime, signInFingerprint, type Authentication, type Session } from './session';
import { accessKeySignature } from './signature';
import { callService, DEFAULT_SIGN_IN_URL, DISCOVERY_SERVICE, SIGN_IN_SERVICE, type CallSettings } from './signInCall';
import { signInFailure } from './signInError';

interface SignInSettings extends CallSettings {
	authUrl: string;
	centerUrl: string;
	/** The service URLs the user filled in: they replace region discovery. */
	overrides: Partial<Record<RegionService, string>>;
	region: string;
}

/**
 * The credential's `preAuthentication`: signs in with the access key or the password, picks the
 * region's token and discovers the region's services. n8n stores the result in the credential
 * (`sessionToken` is the expirable field) and calls this again when the node asks for a renewal.
 * With a pasted access token there is nothing to do.
 *
 * Signing in never fails for a service the region lacks: a call to that service fails instead,
 * naming it, so a user with jobs but no containers (or the reverse) signs in all the same.
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
	const [region, discovered, searched] = await chooseRegion(this, regions, settings);
	const token = region.token as string;
	const session: Session = {
		urls: { ...discovered.urls, ...settings.overrides },
		region: { id: region.id, name: region.name },
		...(discovered.clusterUser ? { clusterUser: discovered.clusterUser } : {}),
		...(discovered.homePath ? { homePath: discovered.homePath } : {}),
		...(searched ? { searched } : {}),
		...(discovered.insecure ? { insecure: discovered.insecure } : {}),
		renewAt: renewalTime(tokenExpiry(token), Date.now()),
		signedInWith: signInFingerprint(credentials),
	};
	return { sessionToken: token, session: JSON.stringify(session), platformToken: platformTokenOf(all) ?? '' };
}

/**
 * The region to work in and what discovery said of it. Filling in any service URL skips
 * discovery (a private deployment). Otherwise, of several candidate regions, the first with a
 * container service (as before there were other services), else the first with any service;
 * `searched` lists the regions looked at when none had a container service.
 */
async function chooseRegion(
	helper: IHttpRequestHelper,
	regions: RegionToken[],
	settings: SignInSettings,
): Promise<[RegionToken, Discovered, string[]?]> {
	if (Object.keys(settings.overrides).length > 0) return [regions[0], { urls: {} }];
	let fallback: [RegionToken, Discovered] | undefined;
	for (const region of regions) {
		const discovered = await discover(helper, region.token as string, region, settings);
		if (discovered.urls.ai) return [region, discovered];
		if (!fallback || Object.keys(fallback[1].urls).length === 0) fallback = [region, discovered];
	}
	const [region, discovered] = fallback ?? [regions[0], { urls: {} }];
	return [region, discovered, regions.map(describeRegion)];
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

/** A URL field of the credential, normalised; an empty one means `fallback` where the field has one. */
function url(credentials: ICredentialDataDecryptedObject, field: string, label: string, fallback?: string): string {
	const given = String(credentials[field] ?? '').trim();
	const value = normalizeBaseUrl(given === '' && fallback !== undefined ? fallback : given);
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
	return {
		authentication,
		authUrl: url(credentials, 'authUrl', SIGN_IN_SERVICE.field, DEFAULT_SIGN_IN_URL),
		centerUrl: url(credentials, 'centerUrl', DISCOVERY_SERVICE.field, DEFAULT_CENTER_URL),
		overrides: Object.fromEntries(
			REGION_SERVICE_NAMES.filter((service) => String(credentials[REGION_SERVICES[service].field] ?? '').trim() !== '').map((service) => [
				service,
				url(credentials, REGION_SERVICES[service].field, REGION_SERVICES[service].signInLabel),
			]),
		),
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
): Promise<Discovered> {
	const request: IHttpRequestOptions = { method: 'GET', url: `${settings.centerUrl}${REGION_CENTER}`, headers: { token } };
	const data = await callService(helper, request, { ...settings, secrets: [...settings.secrets, token] }, DISCOVERY_SERVICE);
	const discovered = readDiscovery(data, region);
	// The token would travel in the clear: a discovery over https does not hand it to plain http.
	// Only that service is refused (its calls fail saying why); the others are used.
	if (!settings.centerUrl.startsWith('https:')) return discovered;
	for (const service of REGION_SERVICE_NAMES) {
		const url = discovered.urls[service];
		if (!url?.startsWith('http:')) continue;
		delete discovered.urls[service];
		discovered.insecure = { ...discovered.insecure, [service]: new URL(url).origin };
	}
	return discovered;
}
