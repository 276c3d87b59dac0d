import type { IDataObject } from 'n8n-workflow';

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
