/**
 * The small operations (reference §3.5): mkdir (query string on an empty POST, C), touch, exist,
 * rename, move (form, C), copy (form, T) and the synchronous remove (query string, T). Spring
 * reads a parameter from the query string or a form body alike, so each takes both unless a
 * setting says otherwise.
 *
 * Guessed (UNKNOWN): every path is checked before anything changes, so a refused batch changes
 * nothing; move and copy want an existing target folder (911020 otherwise) and refuse a folder
 * into itself (10004); `cover` replaces what is in the way, `uncover` gets 911021; removing a
 * folder that is not empty without `recursive=true` is 10004.
 */
import { cp, mkdir as makeDir, readdir, rename as moveFile, rm, writeFile } from 'node:fs/promises';

import { covers, exists, fail, fsFailure, invalid, missing, notFound, ok, paramsOf, pathList, type EfileHandler } from './exchange';
import { baseName, isTarget, statOf, target, targetOf, type Target } from './paths';

export const mkdir: EfileHandler = async (request, { store, settings }) => {
	const params = paramsOf(request, 'any');
	const dir = target(store, params, 'path');
	if (!isTarget(dir)) return dir;
	// 911021 for an existing folder, which the Go SDK and another client treat as success (T).
	if (await statOf(dir.local)) return exists(dir.path);
	try {
		await makeDir(dir.local, { recursive: params.get('createParents') === 'true' });
	} catch (error) {
		return fsFailure(error, dir.path);
	}
	return ok(settings.writeData);
};

export const touch: EfileHandler = async (request, { store, settings }) => {
	const file = target(store, paramsOf(request, 'any'), 'fileAbsolutePath');
	if (!isTarget(file)) return file;
	try {
		await writeFile(file.local, '', { flag: 'wx' });
	} catch (error) {
		return fsFailure(error, file.path);
	}
	return ok(settings.writeData);
};

/** `data: {exist}` as the Go SDK reads it (T); a missing path may be 911020 instead (setting). */
export const exist: EfileHandler = async (request, { store, settings }) => {
	const file = target(store, paramsOf(request, 'any'), 'path');
	if (!isTarget(file)) return file;
	const found = (await statOf(file.local)) !== undefined;
	return !found && settings.missingExist === 'error' ? notFound(file.path) : ok({ exist: found });
};

export const rename: EfileHandler = async (request, { store, settings }) => {
	const params = paramsOf(request, 'any');
	const file = target(store, params, 'fileAbsolutePath');
	if (!isTarget(file)) return file;
	const newName = params.get('newName') ?? '';
	if (newName.trim() === '') return missing('newName');
	// A name only (C), not a path.
	if (newName.includes('/') || newName === '.' || newName === '..') return invalid('newName');
	if (!(await statOf(file.local))) return notFound(file.path);
	const dest = targetOf(store, `${file.path.slice(0, file.path.lastIndexOf('/'))}/${newName}`, 'newName') as Target;
	if (await statOf(dest.local)) return exists(dest.path);
	await moveFile(file.local, dest.local);
	return ok(settings.writeData);
};

/** Move or copy: `sourcePaths` (comma-separated) into the folder `targetPath`. */
const transfer =
	(kind: 'move' | 'copy'): EfileHandler =>
	async (request, { store, settings }) => {
		const params = paramsOf(request, 'any');
		const sources = pathList(params.get('sourcePaths'));
		if (sources.length === 0) return missing('sourcePaths');
		const folder = target(store, params, 'targetPath');
		if (!isTarget(folder)) return folder;
		const stats = await statOf(folder.local);
		if (!stats) return notFound(folder.path);
		if (!stats.isDirectory()) return invalid('targetPath');

		const moves: Array<{ source: Target; dest: Target }> = [];
		for (const value of sources) {
			const source = targetOf(store, value, 'sourcePaths');
			if (!isTarget(source)) return source;
			if (!(await statOf(source.local))) return notFound(source.path);
			if (folder.path === source.path || folder.path.startsWith(`${source.path}/`)) return fail('10004', `不能移动到自身: ${source.path}`);
			const dest = targetOf(store, `${folder.path}/${baseName(source.path)}`, 'targetPath') as Target;
			if (dest.path === source.path) continue; // already there
			if ((await statOf(dest.local)) && !covers(params)) return exists(dest.path);
			moves.push({ source, dest });
		}
		for (const { source, dest } of moves) {
			await rm(dest.local, { recursive: true, force: true });
			if (kind === 'move') await moveFile(source.local, dest.local);
			else await cp(source.local, dest.local, { recursive: true });
		}
		return ok(settings.writeData);
	};

export const move = transfer('move');
export const copy = transfer('copy');

export const remove: EfileHandler = async (request, { store, settings }) => {
	const params = paramsOf(request, settings.removeParams);
	const paths = pathList(params.get('paths'));
	if (paths.length === 0) return missing('paths');
	const recursive = params.get('recursive') === 'true';
	const files: Target[] = [];
	for (const value of paths) {
		const file = targetOf(store, value, 'paths');
		if (!isTarget(file)) return file;
		const stats = await statOf(file.local);
		if (!stats) return notFound(file.path);
		if (stats.isDirectory() && !recursive && (await readdir(file.local)).length > 0) return fail('10004', `目录非空: ${file.path}`);
		files.push(file);
	}
	for (const file of files) await rm(file.local, { recursive: true, force: true });
	return ok(settings.writeData);
};
