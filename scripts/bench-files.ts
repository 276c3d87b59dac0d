/**
 * The File resource's part of `npm run bench` (also alone: `node .build/scripts/bench.js --only files`):
 * (u) Upload and (d) Download of a 1 GiB file by the node, run by n8n-core's engine in this process
 * with n8n's filesystem binary mode (n8n 2.x's default), against (v) and (e), a bare script streaming
 * the same file to and from the same sandbox (16 MiB chunks and one merge; one streamed GET). The
 * sandbox runs in a process of its own (bench-sandbox.ts), so neither side shares its CPU or memory.
 * Reports throughput and this process's peak memory growth while the node moves the file. Only measures.
 */
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../sandbox/auth';
import { runWorkflow } from '../test/harness/runWorkflow';
import type { measureProcess } from './bench';

export const FILE_BYTES = 1024 ** 3;
const CHUNK_MIB = 16;
const HOME = `/public/home/${DEFAULT_ACCOUNT.clusterUser}`;

export interface FileRun {
	name: string;
	ms: number;
	requests: number;
	/** Growth of the resident memory of the process moving the file over what it held before (MB); for the bare script its peak. */
	memoryMb: number;
}

export interface FilesResult {
	runs: Record<'u' | 'v' | 'd' | 'e', FileRun>;
	rssBeforeMb: number;
}

export interface FilesBench {
	script: string;
	root: string;
	measureProcess: typeof measureProcess;
	log: (line: string) => void;
}

interface RemoteSandbox {
	url: string;
	token: string;
	reset(): Promise<void>;
	count(prefix: string): Promise<number>;
	/** Copies a local file into the sandbox's file service at `path`. */
	place(path: string, from: string): Promise<void>;
	close(): void;
}

/** Starts bench-sandbox.js (compiled beside this file) and talks to it over IPC. */
async function forkSandbox(): Promise<RemoteSandbox> {
	const child = fork(join(__dirname, 'bench-sandbox.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const pending = new Map<number, (result: unknown) => void>();
	let next = 0;
	const { url, token } = await new Promise<{ url: string; token: string }>((resolve) => {
		child.on('message', (message: { ready?: boolean; url: string; token: string; id?: number; result?: unknown }) => {
			if (message.ready) return resolve(message);
			pending.get(message.id as number)?.(message.result);
		});
	});
	const ask = <T>(command: object) =>
		new Promise<T>((resolve) => {
			const id = next++;
			pending.set(id, (result) => resolve(result as T));
			child.send({ id, ...command });
		});
	return {
		url,
		token,
		reset: () => ask<void>({ command: 'reset' }),
		count: (prefix) => ask<number>({ command: 'count', prefix }),
		place: (path, from) => ask<void>({ command: 'place', path, from }),
		close: () => child.disconnect(),
	};
}

const efileToken = (sandbox: RemoteSandbox): ICredentialDataDecryptedObject => ({ authentication: 'accessToken', efileUrl: sandbox.url, token: sandbox.token });
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Runs `work` while sampling this process's resident memory every 20 ms: its time and the peak growth over the start. */
async function sampled<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; growthMb: number }> {
	global.gc?.();
	const before = process.memoryUsage().rss;
	let peak = before;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	const started = Date.now();
	try {
		const result = await work();
		return { result, ms: Date.now() - started, growthMb: mb(peak - before) };
	} finally {
		clearInterval(timer);
	}
}

export async function benchFiles({ script, root, measureProcess, log }: FilesBench): Promise<FilesResult> {
	// n8n's filesystem binary mode, under this process's user folder (test/harness/env.ts).
	const { BinaryDataService } = await import('n8n-core');
	const { dirname } = await import('node:path');
	const { Container } = require(require.resolve('@n8n/di', { paths: [dirname(require.resolve('n8n-core'))] })) as typeof import('@n8n/di');
	await Container.get(BinaryDataService).init();

	const dir = mkdtempSync(join(tmpdir(), 'scnet-bench-files-'));
	const input = join(dir, 'input.bin');
	log('Writing a 1 GiB file of random bytes…');
	await pipeline(
		(async function* () {
			for (let done = 0; done < FILE_BYTES; done += 16 * 1024 * 1024) yield randomBytes(Math.min(16 * 1024 * 1024, FILE_BYTES - done));
		})(),
		createWriteStream(input),
	);
	const sandbox = await forkSandbox();
	// Each run starts with nothing left to write back to disk from the one before.
	const settle = () => execFileSync('sync');
	try {
		const rssBeforeMb = mb(process.memoryUsage().rss);
		await sandbox.reset();
		await sandbox.place(`${HOME}/big.bin`, input);

		log('(e) Download by a bare script…');
		settle();
		const out = join(dir, 'out.bin');
		const bareDown = await measureProcess(process.execPath, [script, 'download', sandbox.url, sandbox.token, `${HOME}/big.bin`, out], process.env, root);
		if (bareDown.exitCode !== 0) throw new Error(`(e) failed: ${bareDown.errors.slice(-1000)}`);
		const e: FileRun = { name: '(e) bare axios script, streamed to a file', ms: JSON.parse(bareDown.output).ms, requests: await sandbox.count('efile.'), memoryMb: bareDown.peakRssMb };
		rmSync(out, { force: true });

		log('(d) Download by the node…');
		await sandbox.reset();
		await sandbox.place(`${HOME}/big.bin`, input);
		settle();
		const down = await sampled(() => runWorkflow({ resource: 'file', operation: 'download', credentials: efileToken(sandbox), items: [{}], parameters: { path: `${HOME}/big.bin`, options: { timeout: 600000 } } }));
		if (down.result.main[0]?.json.size !== FILE_BYTES) throw new Error(`(d) did not download: ${JSON.stringify(down.result.main[0]?.json ?? down.result.error?.message)}`);
		const dTask = (down.result.run.data.resultData.runData.SCNet[0] as { executionTime: number }).executionTime;
		const d: FileRun = { name: "(d) SCNet node, Download into n8n's binary store", ms: dTask, requests: await sandbox.count('efile.'), memoryMb: down.growthMb };
		const downloaded = down.result.main[0].binary?.data;
		if (!downloaded?.id) throw new Error('(d) left no binary data in the store');

		log('(v) Upload by a bare script…');
		await sandbox.reset();
		settle();
		const bare = await measureProcess(process.execPath, [script, 'upload', sandbox.url, sandbox.token, String(CHUNK_MIB), input, HOME, 'bare.bin'], process.env, root);
		if (bare.exitCode !== 0) throw new Error(`(v) failed: ${bare.errors.slice(-1000)}`);
		const v: FileRun = { name: `(v) bare axios script, ${CHUNK_MIB} MiB chunks`, ms: JSON.parse(bare.output).ms, requests: await sandbox.count('efile.'), memoryMb: bare.peakRssMb };

		// The file (d) stored in n8n's binary data store goes up again: the node reads it from there as a stream.
		log('(u) Upload by the node…');
		await sandbox.reset();
		settle();
		const up = await sampled(() =>
			runWorkflow({
				resource: 'file',
				operation: 'upload',
				credentials: efileToken(sandbox),
				items: [{}],
				binary: [{ data: { stored: downloaded } }],
				parameters: { folder: HOME, fileName: 'big.bin', overwrite: true, options: { chunkSize: CHUNK_MIB, timeout: 600000 } },
			}),
		);
		if (up.result.main[0]?.json.uploaded !== true) throw new Error(`(u) did not upload: ${JSON.stringify(up.result.main[0]?.json ?? up.result.error?.message)}`);
		const uTask = (up.result.run.data.resultData.runData.SCNet[0] as { executionTime: number }).executionTime;
		const u: FileRun = { name: `(u) SCNet node, Upload, ${CHUNK_MIB} MiB chunks`, ms: uTask, requests: await sandbox.count('efile.'), memoryMb: up.growthMb };
		return { runs: { u, v, d, e }, rssBeforeMb };
	} finally {
		sandbox.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

export function filesSection({ runs: { u, v, d, e }, rssBeforeMb }: FilesResult): string {
	const rate = (run: FileRun) => (FILE_BYTES / 1024 / 1024 / (run.ms / 1000)).toFixed(0);
	const row = (run: FileRun, memory: string) => `| ${run.name} | ${(run.ms / 1000).toFixed(2)} | ${rate(run)} | ${run.requests} | ${memory} |`;
	return `## Files

Upload and Download of a 1 GiB file of random bytes against the sandbox's file service (no added
latency: this measures throughput). (u) and (d) run in n8n-core's engine in this process, with n8n's
filesystem binary mode (n8n 2.x's default); the sandbox runs in a process of its own, writing to disk
as bytes arrive. (v) and (e) are a bare axios script doing the same requests, in a process of its own.
The node's time is its execution time in n8n. The runs go (e), (d), (v), (u): (u) uploads the file
(d) stored in n8n's binary data store, read from there as a stream; before each run the machine's
pending disk writes are flushed (\`sync\`).

| Run | Time (s) | MiB/s | Requests | Memory (MB) |
|---|---:|---:|---:|---:|
${row(u, `+${u.memoryMb} growth`)}
${row(v, `${v.memoryMb} peak RSS`)}
${row(d, `+${d.memoryMb} growth`)}
${row(e, `${e.memoryMb} peak RSS`)}

- **Upload: u / v throughput = ${(v.ms / u.ms).toFixed(2)}×** (goal ≥ 0.8×). The node's two more requests are its
  checks before a byte goes up: the folder exists, no file is in the way.
- **Download: d / e throughput = ${(e.ms / d.ms).toFixed(2)}×** (goal ≥ 0.8×).
- **Memory:** this process held ${rssBeforeMb} MB before (n8n-core and the bench); it grew by at
  most ${u.memoryMb} MB while the node uploaded the file and ${d.memoryMb} MB while it downloaded it
  (goal: well under 200 MB for 1 GB): n8n-core's and the node's, the sandbox is elsewhere.
`;
}
