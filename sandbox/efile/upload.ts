/**
 * Uploads (reference §3.3): one request (`POST /file/upload`), or chunks (`POST /file/burst`)
 * joined by `POST /file/merge`. Bodies arrive as streams and go to disk as they come.
 *
 * Guessed (UNKNOWN): an upload into a folder that does not exist creates it (a live client found
 * `path=/x/mesh.bin` makes `mesh.bin` a folder, T); `uncover` over an existing file is 911021;
 * chunks belong together by `path` + `relativePath` (the merge page says the temp files are found
 * by them; the Go SDK sends no `identifier`); merging with chunks missing, or with a total size
 * other than `totalSize`, is 10010 "file check failed"; merging chunks never sent is 911020.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import {
	covers,
	exists,
	fail,
	fsFailure,
	invalid,
	missing,
	notFound,
	ok,
	paramsOf,
	type EfileAnswer,
	type EfileContext,
	type EfileHandler,
} from './exchange';
import type { Multipart } from './multipart';
import { baseName, isTarget, statOf, target, targetOf, type Target } from './paths';

/** Removes what a multipart body left in the work folder (files already moved into place are gone from there). */
const discard = async (form: Multipart | undefined) => Promise.all((form?.files ?? []).map((file) => rm(file.tempPath, { force: true })));

/** Moves a received file to `dest`, creating its folder; `cover` overwrites a file, never a folder. */
async function place(tempPath: string, dest: Target, cover: boolean, context: EfileContext): Promise<EfileAnswer> {
	try {
		await mkdir(dirname(dest.local), { recursive: true });
	} catch (error) {
		return fsFailure(error, dirname(dest.path));
	}
	const there = await statOf(dest.local);
	if (there && (!cover || there.isDirectory())) return exists(dest.path);
	await rename(tempPath, dest.local);
	return ok(context.settings.writeData);
}

/** `relativePath` below `dir`, refused when it climbs out of it. */
function below(dir: Target, relativePath: string, context: EfileContext, name: string): Target | EfileAnswer {
	const dest = targetOf(context.store, `${dir.path}/${relativePath}`, name);
	return isTarget(dest) && dest.path.startsWith(`${dir.path === '/' ? '' : dir.path}/`) ? dest : invalid(name);
}

export const upload: EfileHandler = async (request, context) => {
	const form = await context.multipart(request);
	try {
		const file = form?.files.find((part) => part.field === 'file');
		if (!form || !file) return missing('file');
		const params = paramsOf(request, context.settings.uploadParams, form.fields);
		const dir = target(context.store, params, 'path');
		if (!isTarget(dir)) return dir;
		if (file.size > context.settings.uploadMaxBytes) return fail('10011', '文件过大');
		// The stored name is the part's file name (T); a browser may send a Windows path.
		const name = baseName(file.filename.replace(/\\/g, '/'));
		const dest = below(dir, name, context, 'file');
		if (!isTarget(dest)) return dest;
		return await place(file.tempPath, dest, covers(params), context);
	} finally {
		await discard(form);
	}
};

/** A non-negative integer field, NaN when malformed. */
const integer = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : NaN);

/** The work folder for the chunks of one file, named by its target folder and relative path. */
const chunkDir = (context: EfileContext, dir: Target, relativePath: string) =>
	join(context.store.workDir, 'chunks', createHash('sha256').update(`${dir.path}\0${relativePath}`).digest('hex').slice(0, 32));

interface ChunkedUpload {
	totalChunks: number;
	totalSize: number;
	filename: string;
	cover: boolean;
	identifier: string;
}

export const burst: EfileHandler = async (request, context) => {
	const form = await context.multipart(request);
	try {
		const file = form?.files.find((part) => part.field === 'file');
		if (!form || !file) return missing('file');
		const params = paramsOf(request, 'any', form.fields);
		const names = context.settings.burstFields;
		for (const name of [names.chunkNumber, names.totalChunks, names.totalSize, names.filename, names.relativePath]) {
			if ((params.get(name) ?? '').trim() === '') return missing(name);
		}
		const dir = target(context.store, params, 'path');
		if (!isTarget(dir)) return dir;
		const [number, totalChunks, totalSize] = [names.chunkNumber, names.totalChunks, names.totalSize].map((name) => integer(params.get(name) ?? ''));
		if (Number.isNaN(totalChunks) || totalChunks < 1) return invalid(names.totalChunks);
		if (Number.isNaN(totalSize)) return invalid(names.totalSize);
		// 1-based: "1 when not chunked" (C).
		if (Number.isNaN(number) || number < 1 || number > totalChunks) return invalid(names.chunkNumber);
		const relativePath = params.get(names.relativePath) as string;
		const dest = below(dir, relativePath, context, names.relativePath);
		if (!isTarget(dest)) return dest;

		const folder = chunkDir(context, dir, relativePath);
		await mkdir(folder, { recursive: true });
		await rename(file.tempPath, join(folder, String(number)));
		const upload: ChunkedUpload = { totalChunks, totalSize, filename: params.get(names.filename) as string, cover: covers(params), identifier: params.get(names.identifier) ?? '' };
		await writeFile(join(folder, 'upload.json'), JSON.stringify(upload));
		return ok(context.settings.writeData);
	} finally {
		await discard(form);
	}
};

export const merge: EfileHandler = async (request, context) => {
	// Form fields (the page), multipart ones (its Java example) or a query string (the Go SDK).
	const params = paramsOf(request, context.settings.mergeParams);
	const dir = target(context.store, params, 'path');
	if (!isTarget(dir)) return dir;
	const relativePath = params.get('relativePath') ?? '';
	if (relativePath.trim() === '') return missing('relativePath');
	const dest = below(dir, relativePath, context, 'relativePath');
	if (!isTarget(dest)) return dest;

	const folder = chunkDir(context, dir, relativePath);
	let upload: ChunkedUpload;
	try {
		upload = JSON.parse(await readFile(join(folder, 'upload.json'), 'utf8')) as ChunkedUpload;
	} catch {
		return notFound(dest.path);
	}
	const received = new Set(await readdir(folder));
	for (let number = 1; number <= upload.totalChunks; number++) {
		if (!received.has(String(number))) return fail('10010', `文件校验失败: 缺少分片 ${number}/${upload.totalChunks}`);
	}
	const cover = params.has('cover') ? covers(params) : upload.cover;
	const there = await statOf(dest.local);
	if (there && (!cover || there.isDirectory())) return exists(dest.path);

	const joined = join(context.store.workDir, `merge-${randomUUID()}`);
	await pipeline(async function* () {
		for (let number = 1; number <= upload.totalChunks; number++) yield* createReadStream(join(folder, String(number)));
	}, createWriteStream(joined));
	const size = (await statOf(joined))?.size;
	if (size !== upload.totalSize) {
		await rm(joined, { force: true });
		return fail('10010', `文件校验失败: 大小 ${size} 不是 totalSize ${upload.totalSize}`);
	}
	const answer = await place(joined, dest, true, context);
	await rm(joined, { force: true });
	await rm(folder, { recursive: true, force: true });
	return answer;
};
