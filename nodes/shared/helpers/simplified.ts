import { readDateTime } from './dates';

/*
 * Readers for the simplified items (the 'Simplify' parameter): SCNet's values, whichever way it
 * writes them, as one plain type each. Null where SCNet gives nothing readable.
 */

/** Text (or a number written as text); null for anything else and for empty text. */
export const textOrNull = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;

/** A zone-less SCNet time read in `zone` (or one with a zone, as written), as ISO 8601 in UTC (`…Z`); null when it is not one. */
export const isoTime = (value: unknown, zone: string): string | null => readDateTime(value, zone)?.toISOString() ?? null;

/** A count: a whole number, or text that starts with one (`15核`, `3 cores`, `'1'`). */
export function countOf(value: unknown): number | null {
	if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
	const match = typeof value === 'string' ? /^\s*(\d+)(?!\s*[.\d])/.exec(value) : null;
	return match ? Number(match[1]) : null;
}

const MB_PER_UNIT: Record<string, number> = { k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024 };

/**
 * Memory in GB (1 GB = 1024 MB, as SCNet's own `15.0G 内存` for a `ramSize` of 15360), to two
 * decimals. A bare number is MB, as SCNet documents a container's `ramSize`; text may carry its
 * unit (`120GB`, `15.0G`, `512 MiB`).
 */
export function memoryGbOf(value: unknown): number | null {
	let mb: number | undefined;
	if (typeof value === 'number' && Number.isFinite(value) && value >= 0) mb = value;
	const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?)?\s*$/i.exec(value) : null;
	if (match) mb = Number(match[1]) * MB_PER_UNIT[(match[2] ?? 'm').toLowerCase()];
	return mb === undefined ? null : Math.round((mb / 1024) * 100) / 100;
}
