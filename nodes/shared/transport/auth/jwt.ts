/**
 * When an SCNet token expires, in epoch milliseconds, read from the `expireTime` claim of the JWT
 * (a string of digits in the documented samples). Undefined when the token does not say: then
 * only SCNet's refusal tells that it must be renewed.
 */
export function tokenExpiry(token: string): number | undefined {
	const payload = token.split('.')[1];
	if (!payload) return undefined;
	let claims: unknown;
	try {
		claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
	} catch {
		return undefined;
	}
	const expireTime = (claims as { expireTime?: unknown } | null)?.expireTime;
	const ms = typeof expireTime === 'string' && expireTime.trim() !== '' ? Number(expireTime) : expireTime;
	return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? ms : undefined;
}
