import { createHash } from 'node:crypto';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { RegionService } from '../services';

/** How the credential gets its token. */
export type Authentication = 'accessKey' | 'password' | 'accessToken';

/** What a sign-in left in the credential, next to the token itself (the hidden `sessionToken`). */
export interface Session {
	/**
	 * The region's service roots as discovery named them (the first enabled entry of each list,
	 * kept for the whole session), normalised; a service the region lacks is absent.
	 */
	urls: Partial<Record<RegionService, string>>;
	region: { id: string; name: string };
	/** The cluster (Linux) user the HPC calls name, and its home directory, where SCNet gave them. */
	clusterUser?: string;
	homePath?: string;
	/** The regions looked at for a container service, described, when none of them had one. */
	searched?: string[];
	/** Services discovery (over https) named over plain http: their origin; n8n sends no token there. */
	insecure?: Partial<Record<RegionService, string>>;
	/** When to sign in again, before the token expires; absent when the token does not say. */
	renewAt?: number;
	/** The sign-in settings the session was made with: editing them makes it stale. */
	signedInWith: string;
}

/** Renew this long before the token expires, or a fifth of the remaining lifetime if that is shorter. */
const RENEWAL_MARGIN_MS = 5 * 60 * 1000;

export function authenticationOf(credentials: ICredentialDataDecryptedObject): Authentication {
	const value = credentials.authentication;
	// n8n fills in the default, Access Key, for a credential saved without a choice.
	return value === 'password' || value === 'accessToken' ? value : 'accessKey';
}

/**
 * The settings that decide which account and region a token belongs to. The secrets count too —
 * a rotated Secret Key or password must sign in anew — but only as a hash, never as they are.
 */
export function signInFingerprint(credentials: ICredentialDataDecryptedObject): string {
	const fields = ['authentication', 'user', 'accessKey', 'orgId', 'authUrl', 'centerUrl', 'region', 'baseUrl', 'hpcUrl', 'efileUrl'];
	const secrets = createHash('sha256').update(JSON.stringify([credentials.secretKey ?? '', credentials.password ?? ''])).digest('hex');
	return JSON.stringify([...fields.map((field) => String(credentials[field] ?? '').trim()), secrets]);
}

/**
 * Which account and region the credential reaches now, as a short hash, so that what a trigger
 * remembers can be tied to it: who signs in (not the secrets: a rotated key is the same account),
 * the region the session was signed in to, and the service URL used. With a pasted token the
 * account is not known, only its Base URL.
 */
export function accountScope(credentials: ICredentialDataDecryptedObject, serviceUrl: string | undefined): string {
	const who = authenticationOf(credentials) === 'accessToken' ? [] : ['user', 'accessKey', 'orgId'].map((field) => String(credentials[field] ?? '').trim());
	const region = readSession(credentials)?.region.id ?? '';
	return createHash('sha256').update(JSON.stringify([...who, region, serviceUrl ?? ''])).digest('hex').slice(0, 16);
}

export function readSession(credentials: ICredentialDataDecryptedObject): Session | undefined {
	if (typeof credentials.session !== 'string' || credentials.session === '') return undefined;
	try {
		const session = JSON.parse(credentials.session) as Session;
		// A session of 0.5.0 or earlier (one `serviceUrl`) is not read: the credential signs in again.
		return typeof session.urls === 'object' && session.urls !== null && typeof session.signedInWith === 'string' ? session : undefined;
	} catch {
		return undefined;
	}
}

/** When a token that expires at `expiry` should be replaced; undefined if unknown or already past (clock skew). */
export function renewalTime(expiry: number | undefined, now: number): number | undefined {
	if (expiry === undefined || expiry <= now) return undefined;
	return expiry - Math.min(RENEWAL_MARGIN_MS, (expiry - now) / 5);
}

/**
 * Whether a credential that signs in must do so before its next request: it never did, its
 * token is about to expire, or the user has since changed who or where it signs in.
 */
export function sessionIsDue(credentials: ICredentialDataDecryptedObject, now = Date.now()): boolean {
	if (authenticationOf(credentials) === 'accessToken') return false;
	const session = readSession(credentials);
	if (!credentials.sessionToken || !session) return true;
	if (session.signedInWith !== signInFingerprint(credentials)) return true;
	return session.renewAt !== undefined && now >= session.renewAt;
}

/** The credential fields whose values are secret, in every authentication mode. */
const SECRET_FIELDS = ['token', 'sessionToken', 'platformToken', 'secretKey', 'password'];

/** The secret values a credential holds now (a renewal changes `sessionToken`). */
export function credentialSecrets(credentials: Record<string, unknown>): string[] {
	return SECRET_FIELDS.map((field) => credentials[field]).filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
}
