/** The claims of an SCNet token (a JWT), read without checking its signature; undefined when it is not one. */
function claimsOf(token: string): Record<string, unknown> | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	try {
		const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
		return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * When an SCNet token expires, in epoch milliseconds, read from the `expireTime` claim of the JWT
 * (a string of digits in the documented samples). Undefined when the token does not say: then
 * only SCNet's refusal tells that it must be renewed.
 */
export function tokenExpiry(token: string): number | undefined {
	const expireTime = claimsOf(token)?.expireTime;
	const ms = typeof expireTime === 'string' && expireTime.trim() !== '' ? Number(expireTime) : expireTime;
	return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** A text claim of the token, e.g. `computeUser` (the cluster user); undefined when absent or empty. */
export function tokenClaim(token: string, name: string): string | undefined {
	const value = claimsOf(token)?.[name];
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
