/**
 * `GET /file/list` (reference §3.2): one page of a folder, filtered by `keyWord` and sorted.
 *
 * The answer is the shape three third-party clients agree on (T): `data` = { total, fileList,
 * children, path, keyWord, shareEnabled }, each entry with the Go SDK's `FileMeta` fields. Guessed
 * (UNKNOWN): times as `YYYY-MM-DD HH:mm:ss` China time; `type` is `directory` or `file`;
 * `children` lists the folder's sub-folders (all of them, not the page's); `keyWord` matches
 * anywhere in the name, ignoring case; listing a file (not a folder) is 10004.
 */
import type { Stats } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { fail, invalid, missing, notFound, ok, type EfileHandler } from './exchange';
import { isTarget, statOf, targetOf } from './paths';

/** A time as the platform writes it: China time (UTC+8), no zone. */
export const platformTime = (ms: number) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');

/** `rwxr-xr-x` from a mode. */
const permission = (mode: number) => [...'rwxrwxrwx'].map((letter, at) => (mode & (1 << (8 - at)) ? letter : '-')).join('');

export function fileMeta(path: string, name: string, stats: Stats, owner: string) {
	return {
		name,
		path,
		size: stats.isDirectory() ? 0 : stats.size,
		isDirectory: stats.isDirectory(),
		isRegularFile: stats.isFile(),
		isSymbolicLink: false,
		isOther: false,
		type: stats.isDirectory() ? 'directory' : 'file',
		lastModifiedTime: platformTime(stats.mtimeMs),
		lastAccessTime: platformTime(stats.atimeMs),
		creationTime: platformTime(stats.birthtimeMs),
		owner,
		group: owner,
		permission: permission(stats.mode),
		fileKey: stats.ino,
		isShare: false,
		permissionAction: { read: true, write: true, execute: true, allowed: true },
	};
}

type Meta = ReturnType<typeof fileMeta>;
const SORT_KEYS: Record<string, (meta: Meta) => string | number> = {
	name: (meta) => meta.name,
	size: (meta) => meta.size,
	lastModifiedTime: (meta) => meta.lastModifiedTime,
};

const page = (params: URLSearchParams, name: string) => {
	const value = (params.get(name) ?? '').trim();
	return value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : NaN;
};

export const list: EfileHandler = async ({ query }, { store, settings, home, owner }) => {
	const start = page(query, 'start');
	const limit = page(query, 'limit');
	// Both are "required" on the official page (C), though it also gives them defaults.
	if (start === undefined) return missing('start');
	if (limit === undefined) return missing('limit');
	if (Number.isNaN(start)) return invalid('start');
	if (Number.isNaN(limit) || limit === 0) return invalid('limit');
	const orderBy = query.get('orderBy') || 'name';
	const order = query.get('order') || 'asc';
	if (!SORT_KEYS[orderBy]) return invalid('orderBy');
	if (order !== 'asc' && order !== 'desc') return invalid('order');

	const dir = targetOf(store, query.get('path') || home, 'path');
	if (!isTarget(dir)) return dir;
	const stats = await statOf(dir.local);
	if (!stats) return notFound(dir.path);
	if (!stats.isDirectory()) return fail('10004', `不是目录: ${dir.path}`);

	const keyWord = query.get('keyWord') ?? '';
	const childPath = (name: string) => (dir.path === '/' ? `/${name}` : `${dir.path}/${name}`);
	const names = (await readdir(dir.local)).filter((name) => name.toLowerCase().includes(keyWord.toLowerCase()));
	const metas: Meta[] = [];
	for (const name of names) {
		const entry = await statOf(join(dir.local, name));
		if (entry) metas.push(fileMeta(childPath(name), name, entry, owner));
	}
	const key = SORT_KEYS[orderBy];
	metas.sort((a, b) => {
		const [x, y] = [key(a), key(b)];
		const compared = x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
		return order === 'desc' ? -compared : compared;
	});
	return ok({
		total: metas.length,
		fileList: metas.slice(start, start + Math.min(limit, settings.listPageCap)),
		children: metas.filter((meta) => meta.isDirectory).map((meta, at) => ({ path: meta.path, id: at + 1, label: meta.name })),
		path: dir.path,
		keyWord: keyWord === '' ? null : keyWord,
		shareEnabled: false,
	});
};
