/**
 * The container API paths all start with `/ai/openapi/v2/…`, while region discovery hands out
 * service URLs that already end in `/ai`. Both spellings, with or without a trailing `/`, lead to
 * the same root here, so the paths can always be appended as documented.
 */
export function normalizeBaseUrl(raw: string): string | undefined {
	const trimmed = raw.trim().replace(/\/+$/, '').replace(/\/ai$/i, '').replace(/\/+$/, '');
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		return undefined;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
	if (url.search || url.hash || url.username || url.password) return undefined;
	return trimmed;
}
