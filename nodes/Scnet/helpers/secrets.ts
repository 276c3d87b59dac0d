/** Replaces every occurrence of a secret in `text`; secrets shorter than 8 characters are left alone as too ambiguous. */
export function conceal(text: string, secrets: readonly string[]): string {
	return secrets.reduce(
		(masked, secret) => (secret.length >= 8 ? masked.split(secret).join('[secret]') : masked),
		text,
	);
}
