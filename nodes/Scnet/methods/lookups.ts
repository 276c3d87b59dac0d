import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings } from '../../shared/transport';

/** The editor waits on these lookups: one quick try more, then a clear message. */
export const LOOKUP_SETTINGS: RequestSettings = { timeout: 20000, maxTries: 2 };

/** The entries of an answer whose shape is not documented: `data` itself, or the list inside it. */
export function entriesOf(data: unknown): unknown[] {
	if (Array.isArray(data)) return data;
	if (data && typeof data === 'object') {
		const list = Object.values(data as IDataObject).find(Array.isArray);
		if (list) return list as unknown[];
	}
	return [];
}

/** The first of `keys` that holds text (or a number) in `entry`. */
export function textAt(entry: unknown, keys: readonly string[]): string | undefined {
	if (typeof entry === 'string') return entry;
	if (!entry || typeof entry !== 'object') return undefined;
	for (const key of keys) {
		const value = (entry as IDataObject)[key];
		if ((typeof value === 'string' && value.trim() !== '') || typeof value === 'number') return String(value);
	}
	return undefined;
}

/** Case-insensitive "contains" for the editor's search box. */
export function containsText(haystack: Array<string | undefined>, filter?: string): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	return needle === '' || haystack.some((text) => text?.toLowerCase().includes(needle));
}

