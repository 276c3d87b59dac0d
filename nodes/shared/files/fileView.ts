import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../helpers/dates';
import { baseName, joinPath } from './paths';

/*
 * A folder entry as SCNet lists it (`FileMeta`, reference §3.2; only third-party clients show its
 * shape) and as the node outputs it: `path`, `name`, `isDirectory`, `size` (bytes) and
 * `modifiedAt` (ISO 8601) first, then SCNet's own fields. Every plausible spelling is read.
 */

const TRUE_WORDS = new Set(['true', '1']);
const FOLDER_TYPES = new Set(['directory', 'dir', 'folder', 'd']);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined);

/** The entry's absolute path: its own, else its name inside the folder listed. */
export function entryPath(entry: IDataObject, folder: string | undefined): string | undefined {
	const path = text(entry.path) ?? text(entry.absolutePath) ?? text(entry.fileAbsolutePath);
	if (path?.startsWith('/')) return path;
	const name = text(entry.name) ?? text(entry.fileName);
	return name !== undefined && folder !== undefined ? joinPath(folder, name) : undefined;
}

/** Whether the entry is a folder; undefined when SCNet did not say. */
function isFolder(entry: IDataObject): boolean | undefined {
	for (const key of ['isDirectory', 'directory', 'isDir']) {
		const value = entry[key];
		if (typeof value === 'boolean') return value;
		if (typeof value === 'string' && value.trim() !== '') return TRUE_WORDS.has(value.trim().toLowerCase());
	}
	const type = text(entry.type)?.toLowerCase();
	if (type !== undefined) return FOLDER_TYPES.has(type);
	return undefined;
}

function sizeOf(entry: IDataObject): number | undefined {
	const value = entry.size ?? entry.fileSize;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	return typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

/** When the entry was last changed, ISO 8601; SCNet writes times without a zone (read in `zone`) or as epoch milliseconds. */
function modifiedAt(entry: IDataObject, zone: string): string | null {
	const value = entry.lastModifiedTime ?? entry.modifiedTime ?? entry.updateTime;
	if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
	return readDateTime(value, zone)?.toISOString() ?? null;
}

/** The output of one entry of a folder listing (`path` is known: entries without one are not listed). */
export function fileView(entry: IDataObject, path: string, zone: string): IDataObject {
	return {
		path,
		name: text(entry.name) ?? baseName(path),
		isDirectory: isFolder(entry) ?? null,
		size: sizeOf(entry) ?? null,
		modifiedAt: modifiedAt(entry, zone),
		...Object.fromEntries(Object.entries(entry).filter(([key]) => !OWN_FIELDS.has(key))),
	};
}

const OWN_FIELDS = new Set(['path', 'name', 'isDirectory', 'size', 'modifiedAt']);

/** What 'Simplify' keeps of a folder entry, as its description says it. */
export const SIMPLIFIED_FILE_FIELDS = "each entry's path, name, whether it is a folder, size and modification time (ISO 8601)";

/** An entry as 'Simplify' outputs it (`entry` is its `fileView`): its path, name, whether it is a folder, size in bytes and when it last changed. */
export function simplifiedFile(entry: IDataObject): IDataObject {
	const { path, name, isDirectory, size, modifiedAt } = entry;
	return { path, name, isDirectory, size, modifiedAt };
}
