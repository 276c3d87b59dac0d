/**
 * The sandbox's eFile (file) service: what the server calls for a `/efile/openapi/v2` request,
 * and the control tests use as `sandbox.efile`. Files live on disk in a temporary folder of
 * their own (see store.ts), so big ones are streamed both ways.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import { multipartOf, type EfileAnswer, type EfileContext, type EfileRequest, type MultipartRecord } from './exchange';
import { MultipartError, type Multipart } from './multipart';
import type { FoundEfileRoute } from './routes';
import { defaultEfileSettings, type EfileSettings } from './settings';
import { EfileStore, platformPath } from './store';

export { findEfileRoute, type FoundEfileRoute } from './routes';
export { isMultipartType, type EfileRequest, type MultipartRecord } from './exchange';
export type { EfileSettings } from './settings';

/** `sandbox.efile`: look at and place files, change how the service behaves. */
export interface SandboxEfile {
	/** The temporary folder the files live in (a fresh one per sandbox, removed on close). */
	readonly root: string;
	/** The cluster user's home, `/public/home/<clusterUser>`, which always exists (list's default path). */
	readonly home: string;
	/** The settings in force (change them with `configure`). */
	readonly settings: Readonly<EfileSettings>;
	/**
	 * Changes the answers the reference leaves open (where upload, merge and remove read their
	 * parameters, burst's field names, write answers' `data`, a missing path's exist, …) until
	 * the next reset.
	 */
	configure(patch: Partial<EfileSettings>): void;
	/** Every file and folder below `under` (default `/`), sorted, as platform paths; folders end with `/`. */
	files(under?: string): string[];
	/** A file's bytes (for small files: a big one is better read at `localPath`). Throws when there is no such file. */
	read(path: string): Buffer;
	/**
	 * Writes a file, creating its folders: bytes, text, or `{ size }` for that many zero bytes made
	 * at once (a sparse file, so a benchmark can download a gigabyte without writing one).
	 */
	put(path: string, content: string | Uint8Array | { size: number }): void;
	/** Makes a folder, with its parents. */
	mkdir(path: string): void;
	/** Where a platform path is on disk (to hash or stream a big file). Throws for a relative path. */
	localPath(path: string): string;
	/** The multipart requests since the last reset, as read: query, fields, and file parts' names and sizes (the server records no multipart body). */
	readonly uploads: readonly MultipartRecord[];
}

export class EfileService implements SandboxEfile {
	readonly uploads: MultipartRecord[] = [];

	settings: EfileSettings;

	private readonly store = new EfileStore();

	constructor(
		/** The cluster user, who owns the home folder: region discovery's `clusterUserInfo.userName`. */
		private readonly clusterUser: () => string,
		private readonly initial: Partial<EfileSettings> = {},
		/** Files written elsewhere in the sandbox (Slurm jobs' output), to appear here as they grow. */
		private readonly externalFiles: () => Array<{ path: string; text: string }> = () => [],
	) {
		this.settings = { ...defaultEfileSettings(), ...initial };
		this.mkdir(this.home);
	}

	get root(): string {
		return this.store.root;
	}

	get home(): string {
		return `/public/home/${this.clusterUser()}`;
	}

	configure(patch: Partial<EfileSettings>): void {
		this.settings = { ...this.settings, ...patch };
	}

	files(under = '/'): string[] {
		const base = this.localPath(under);
		const prefix = platformPath(under) === '/' ? '' : (platformPath(under) as string);
		const names = readdirSync(base, { recursive: true }) as string[];
		return names.map((name) => `${prefix}/${name}${statSync(`${base}/${name}`).isDirectory() ? '/' : ''}`).sort();
	}

	read(path: string): Buffer {
		return readFileSync(this.localPath(path));
	}

	put(path: string, content: string | Uint8Array | { size: number }): void {
		const local = this.localPath(path);
		mkdirSync(dirname(local), { recursive: true });
		if (typeof content === 'object' && 'size' in content && !(content instanceof Uint8Array)) {
			writeFileSync(local, '');
			truncateSync(local, content.size);
		} else writeFileSync(local, content);
	}

	mkdir(path: string): void {
		mkdirSync(this.localPath(path), { recursive: true });
	}

	localPath(path: string): string {
		const local = this.store.local(path);
		if (local === undefined) throw new Error(`not an absolute path: ${path}`);
		return local;
	}

	/** The answer to a request for a found route (its token already checked). */
	async answer(route: FoundEfileRoute, request: EfileRequest): Promise<EfileAnswer> {
		// The home exists whoever the cluster user is now (auth.configure may change it).
		this.mkdir(this.home);
		// A job's output file is on the cluster's disk, which the file service serves too.
		for (const { path, text } of this.externalFiles()) {
			const local = this.store.local(path);
			if (local !== undefined && (statSync(local, { throwIfNoEntry: false })?.size ?? -1) !== Buffer.byteLength(text)) this.put(path, text);
		}
		const context: EfileContext = {
			store: this.store,
			settings: this.settings,
			owner: this.clusterUser(),
			home: this.home,
			multipart: (multipartRequest) => this.readMultipart(route.name, multipartRequest),
		};
		try {
			if (request.stream && !route.files) {
				// A route that takes no files still reads a multipart body's fields, as Spring does.
				const form = await context.multipart(request);
				await Promise.all((form?.files ?? []).map((file) => rm(file.tempPath, { force: true })));
				request = { ...request, stream: undefined, fields: form?.fields };
			}
			return await route.handle(request, context);
		} catch (error) {
			const bad = error instanceof MultipartError;
			const status = bad ? 400 : 500;
			const body = { timestamp: new Date().toISOString(), status, error: bad ? 'Bad Request' : 'Internal Server Error', message: String(error), path: request.path };
			return { status, body };
		}
	}

	/** Forgets every file and upload and restores the settings the sandbox started with; the home is made again. */
	reset(): void {
		this.store.reset();
		this.uploads.length = 0;
		this.settings = { ...defaultEfileSettings(), ...this.initial };
		this.mkdir(this.home);
	}

	/** Removes the temporary folder. */
	close(): void {
		this.store.close();
	}

	private async readMultipart(route: string, request: EfileRequest): Promise<Multipart | undefined> {
		const form = await multipartOf(request, this.store.workDir);
		if (form) {
			this.uploads.push({
				route,
				query: Object.fromEntries(request.query),
				fields: Object.fromEntries(form.fields),
				files: form.files.map(({ field, filename, contentType, size }) => ({ field, filename, contentType, size })),
			});
		}
		return form;
	}
}
