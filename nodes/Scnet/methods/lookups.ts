import type { RequestSettings } from '../../shared/transport';

export { entriesOf, textAt } from '../../shared/helpers/entries';

/** The editor waits on these lookups: one quick try more, then a clear message. */
export const LOOKUP_SETTINGS: RequestSettings = { timeout: 20000, maxTries: 2 };

/** Case-insensitive "contains" for the editor's search box. */
export function containsText(haystack: Array<string | undefined>, filter?: string): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	return needle === '' || haystack.some((text) => text?.toLowerCase().includes(needle));
}

