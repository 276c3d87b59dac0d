/**
 * Replaces every occurrence of a secret in `text`, whatever its length: a short password echoed by
 * a server is as secret as a long token. Longer secrets first, so one that holds another goes whole.
 */
export function conceal(text: string, secrets: readonly string[]): string {
	return [...secrets]
		.filter((secret) => secret !== '')
		.sort((a, b) => b.length - a.length)
		.reduce((masked, secret) => masked.split(secret).join('[secret]'), text);
}

/** `value` with every secret concealed in its texts, at any depth; untouched (the same object) when it holds none. */
export function concealDeep<T>(value: T, secrets: readonly string[]): T {
	// One serialisation of the answer, whatever the number of secrets: most answers hold none.
	const text = JSON.stringify(value ?? null);
	const present = secrets.filter((secret) => secret !== '' && text.includes(JSON.stringify(secret).slice(1, -1)));
	if (present.length === 0) return value;
	const visit = (part: unknown): unknown => {
		if (typeof part === 'string') return conceal(part, present);
		if (Array.isArray(part)) return part.map(visit);
		if (part && typeof part === 'object') return Object.fromEntries(Object.entries(part).map(([key, inner]) => [conceal(key, present), visit(inner)]));
		return part;
	};
	return visit(value) as T;
}

/** A failure's texts — its code too, which a server may fill with what it was sent — with every secret concealed. */
export function concealFailure<T extends { code: string; message: string; description: string; scnetMessage?: string }>(failure: T, secrets: readonly string[]): T {
	const concealed = { ...failure, code: conceal(failure.code, secrets), message: conceal(failure.message, secrets), description: conceal(failure.description, secrets) };
	return failure.scnetMessage === undefined ? concealed : { ...concealed, scnetMessage: conceal(failure.scnetMessage, secrets) };
}
