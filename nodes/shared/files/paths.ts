/*
 * SCNet's file paths are absolute (reference §3.1). A path a user (or an agent) gives is checked
 * here before anything is sent: a relative path, `.` or `..`, an empty name or a control
 * character is refused with the reason; repeated and trailing slashes are tidied.
 */

export type PathReading = { ok: true; path: string } | { ok: false; problem: string };

/**
 * The absolute path `value` names, tidied (`/a//b/` → `/a/b`), or why it is not one. `/` itself
 * is a path only where `root` allows it (a folder to list, never a file to delete).
 */
export function readAbsolutePath(value: unknown, { root = false }: { root?: boolean } = {}): PathReading {
	if (typeof value !== 'string' && typeof value !== 'number') return { ok: false, problem: 'is not a text' };
	const text = String(value).trim();
	if (text === '') return { ok: false, problem: 'is empty' };
	if (!text.startsWith('/')) return { ok: false, problem: `'${text}' is not absolute (SCNet paths start with /, e.g. /public/home/<user>/data.csv)` };
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(text)) return { ok: false, problem: `'${printable(text)}' holds a control character (a line break?)` };
	const segments = text.split('/').filter((segment) => segment !== '');
	if (segments.some((segment) => segment === '.' || segment === '..')) return { ok: false, problem: `'${text}' holds '.' or '..'; give the path itself` };
	if (segments.length === 0 && !root) return { ok: false, problem: "is '/', the root of the file system" };
	return { ok: true, path: `/${segments.join('/')}` };
}

/** A file name on its own: not empty, no slash, not `.` or `..`, no control character. */
export function readFileName(value: unknown): PathReading {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') return { ok: false, problem: 'is empty' };
	if (text.includes('/') || text === '.' || text === '..') return { ok: false, problem: `'${text}' is not a file name (no '/', '.' or '..')` };
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(text)) return { ok: false, problem: `'${printable(text)}' holds a control character` };
	return { ok: true, path: text };
}

/** The last segment of an absolute path. */
export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** `name` inside `folder`. */
export const joinPath = (folder: string, name: string): string => `${folder === '/' ? '' : folder}/${name}`;

/**
 * The paths an item gives: a list, or a text of one path per line. Never split at commas: a path
 * may hold one, and a split there could name another, existing file.
 */
export function splitPaths(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value !== 'string') return [value];
	return value.split(/\r?\n/).map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * A path for a call that takes a comma-separated list (remove, move): SCNet would read a comma
 * in it as two paths, so such a path is refused rather than sent.
 */
export function readListablePath(value: unknown): PathReading {
	const reading = readAbsolutePath(value);
	if (reading.ok && reading.path.includes(',')) {
		return { ok: false, problem: `'${reading.path}' holds a comma, which SCNet reads as two paths (give one path per line or a list)` };
	}
	return reading;
}

const printable = (text: string) => text.replace(/[\r\n\t]/g, ' ');
