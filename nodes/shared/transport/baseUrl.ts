/**
 * The API paths all start with their service (`/ai/openapi/v2/…`, `/hpc/…`, `/efile/…`), while
 * region discovery hands out service URLs that may already end in it (live clients saw both).
 * Every spelling, with or without a trailing `/`, leads to the same root here, so the paths can
 * always be appended as documented.
 */
export function normalizeBaseUrl(raw: string): string | undefined {
	const trimmed = raw.trim().replace(/\/+$/, '').replace(/\/(ai|hpc|efile)$/i, '').replace(/\/+$/, '');
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
