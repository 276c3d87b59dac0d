/**
 * Where the sandbox's files live: a fresh temporary folder per sandbox (removed on close), so a
 * gigabyte-sized file is on disk, never in memory. The platform's absolute paths map below
 * `files/`; chunks waiting for a merge, uploads being received and zips being sent are in `work/`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';

export class EfileStore {
	/** The temporary folder. */
	readonly root = mkdtempSync(join(tmpdir(), 'scnet-efile-'));

	readonly filesDir = join(this.root, 'files');

	readonly workDir = join(this.root, 'work');

	constructor() {
		this.reset();
	}

	/** Empties both folders (uploads still arriving then fail, which a reset between tests never meets). */
	reset(): void {
		for (const dir of [this.filesDir, this.workDir]) {
			rmSync(dir, { recursive: true, force: true });
			mkdirSync(dir, { recursive: true });
		}
	}

	close(): void {
		rmSync(this.root, { recursive: true, force: true });
	}

	/** Where a platform path is on disk; undefined for a relative path (paths must be absolute, C). */
	local(path: string): string | undefined {
		const normal = platformPath(path);
		return normal === undefined ? undefined : join(this.filesDir, normal);
	}
}

/** A platform path normalised (no `.`, `..`, doubled or trailing `/`), or undefined when it is not absolute. */
export function platformPath(path: string): string | undefined {
	if (!path.startsWith('/')) return undefined;
	// normalize() cannot climb above `/`, so nothing leaves the files folder.
	const normal = posix.normalize(path);
	return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}
