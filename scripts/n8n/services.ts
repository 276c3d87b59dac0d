/**
 * The services n8n's queue mode needs, from Debian's packages, on loopback ports of their own:
 * Redis (the queue) and PostgreSQL (the database main and workers share; three n8n processes on
 * one SQLite file fail under load with SQLITE_BUSY). Data lives in a temporary folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { run } from './runtime';

export interface Service {
	/** Settings for n8n (main, workers and the CLI) to use it. */
	env: NodeJS.ProcessEnv;
	stop(): Promise<void>;
}

async function waitFor(what: string, check: () => Promise<boolean>, process: ChildProcess | undefined, output: () => string): Promise<void> {
	for (let waited = 0; waited < 120; waited++) {
		if (process && process.exitCode !== null) throw new Error(`${what} exited:\n${output().slice(-2000)}`);
		if (await check()) return;
		await delay(250);
	}
	throw new Error(`${what} did not start in 30 s:\n${output().slice(-2000)}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return Promise.resolve();
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	return Promise.race([exited, delay(10000).then(() => void child.kill('SIGKILL'))]);
}

/** Redis without persistence on `port`. */
export async function startRedis(port: number): Promise<Service> {
	const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'pipe' });
	let output = '';
	redis.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	redis.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await waitFor('redis-server', async () => output.includes('Ready to accept connections'), redis, () => output);
	return {
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		stop: () => stopProcess(redis),
	};
}

/** The PostgreSQL binaries Debian installs (`/usr/lib/postgresql/<version>/bin`). */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const version = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0] : undefined;
	if (!version) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
	return join(root, version, 'bin');
}

/**
 * A throwaway PostgreSQL cluster on `port` with a database `n8n` (trust authentication, on
 * loopback only; durability off, for speed). PostgreSQL refuses to run as root, so as root it runs
 * as the `postgres` user Debian's package creates.
 */
export async function startPostgres(port: number): Promise<Service> {
	const bin = postgresBin();
	const dir = mkdtempSync(join(tmpdir(), 'scnet-pg-'));
	chmodSync(dir, 0o777);
	const dataDir = join(dir, 'data');
	const asRoot = process.getuid?.() === 0;
	const as = (command: string, args: string[]) => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]] : [join(bin, command), args]) as [string, string[]];
	await run(...as('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']), { cwd: dir });
	const settings = ['-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
	const [command, args] = as('postgres', ['-D', dataDir, ...settings]);
	const postgres = spawn(command, args, { cwd: dir, stdio: 'pipe' });
	let output = '';
	postgres.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	postgres.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await waitFor('postgres', async () => output.includes('ready to accept connections'), postgres, () => output);
	await run(...as('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n']), { cwd: dir });
	return {
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			DB_POSTGRESDB_DATABASE: 'n8n',
		},
		stop: async () => {
			await stopProcess(postgres);
			rmSync(dir, { recursive: true, force: true });
		},
	};
}
