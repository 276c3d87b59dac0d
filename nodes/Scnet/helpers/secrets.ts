/** Replaces every occurrence of a secret in `text`; secrets shorter than 8 characters are left alone as too ambiguous. */
export function conceal(text: string, secrets: readonly string[]): string {
	return secrets.reduce(
		(masked, secret) => (secret.length >= 8 ? masked.split(secret).join('[secret]') : masked),
		text,
	);
}

/** The credential fields whose values are secret, in every authentication mode. */
const SECRET_FIELDS = ['token', 'sessionToken', 'secretKey', 'password'];

/** The secret values a credential holds now (a renewal changes `sessionToken`). */
export function credentialSecrets(credentials: Record<string, unknown>): string[] {
	return SECRET_FIELDS.map((field) => credentials[field]).filter(
		(value): value is string => typeof value === 'string' && value !== '',
	);
}
