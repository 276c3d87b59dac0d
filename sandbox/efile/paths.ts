/**
 * What several handlers read alike: a path parameter (absolute, mapped onto the disk) and what
 * is at it.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

import { invalid, missing, type EfileAnswer } from './exchange';
import { platformPath, type EfileStore } from './store';

/** A path the request named: as the platform writes it, and where it is on disk. */
export interface Target {
	path: string;
	local: string;
}

/** The path in parameter `name`: 10003 when absent, 10004 when not absolute (the platform's code for that is UNKNOWN). */
export function target(store: EfileStore, params: URLSearchParams, name: string): Target | EfileAnswer {
	const value = params.get(name);
	if (value === null || value.trim() === '') return missing(name);
	return targetOf(store, value.trim(), name);
}

export function targetOf(store: EfileStore, value: string, name: string): Target | EfileAnswer {
	const path = platformPath(value);
	const local = store.local(value);
	return path === undefined || local === undefined ? invalid(name) : { path, local };
}

export const isTarget = (value: Target | EfileAnswer): value is Target => 'local' in value;

/** What is at a local path, or undefined when nothing is. */
export async function statOf(local: string): Promise<Stats | undefined> {
	try {
		return await stat(local);
	} catch {
		return undefined;
	}
}

/** The last segment of a platform path. */
export const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
