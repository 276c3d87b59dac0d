/**
 * 'SCNet API' credential data that points at a running sandbox, one per authentication mode:
 * for the tests, the e2e runs and `npm start`.
 */
import type { Sandbox } from './server';

type CredentialData = Record<string, unknown>;

/** Signs in with the sandbox account's access key; sign-in and discovery at the sandbox. */
export function accessKeyCredentialData(sandbox: Sandbox, overrides: CredentialData = {}): CredentialData {
	const { user, accessKey, secretKey } = sandbox.auth.settings.account;
	return { authentication: 'accessKey', user, accessKey, secretKey, authUrl: sandbox.url, centerUrl: sandbox.url, ...overrides };
}

/** Signs in with the sandbox account's user, password and organization ID. */
export function passwordCredentialData(sandbox: Sandbox, overrides: CredentialData = {}): CredentialData {
	const { user, password, orgId } = sandbox.auth.settings.account;
	return { authentication: 'password', user, password, orgId, authUrl: sandbox.url, centerUrl: sandbox.url, ...overrides };
}

/** The sandbox's fixed token, pasted by hand, with the base URL as region discovery hands it out (trailing `/ai`). */
export function accessTokenCredentialData(sandbox: Sandbox): CredentialData {
	return { authentication: 'accessToken', baseUrl: `${sandbox.url}/ai`, token: sandbox.token };
}
