import { createHash } from 'node:crypto';

/** What a sign-in left in the credential: the new token and the session that goes with it. */
export interface RenewedSession {
	sessionToken: string;
	session: string;
	/** The platform token (cluster 0) that came with it, for the platform's own calls. */
	platformToken: string;
}

/**
 * Sign-ins under way in this n8n process, by credential and the token they replace. n8n has no
 * lock across executions, and each execution holds its own copy of the credential, so every
 * concurrent execution that found the token due would sign in (measured in queue mode: 49
 * sign-ins in 39 s, 12 within 300 ms). With this, one signs in and the others take its token.
 * Keys hold a hash of the token, never the token.
 */
const underWay = new Map<string, Promise<RenewedSession | undefined>>();

function keyOf(credentialId: string, staleToken: string): string {
	return `${credentialId}:${createHash('sha256').update(staleToken).digest('base64url')}`;
}

/** The renewal of `staleToken` that another request of this process has under way, if any. */
export function renewalUnderWay(credentialId: string, staleToken: string): Promise<RenewedSession | undefined> | undefined {
	return underWay.get(keyOf(credentialId, staleToken));
}

/** Announces a renewal of `staleToken`, settling with the new session (or undefined if none came); returns how to withdraw it. */
export function announceRenewal(credentialId: string, staleToken: string, renewal: Promise<RenewedSession | undefined>): () => void {
	const key = keyOf(credentialId, staleToken);
	underWay.set(key, renewal);
	return () => {
		if (underWay.get(key) === renewal) underWay.delete(key);
	};
}
