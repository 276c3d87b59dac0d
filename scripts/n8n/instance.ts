/**
 * One real n8n with its own user folder: install the packed package as a user does, import
 * credentials and workflows with n8n's CLI, execute workflows, or run the server and talk to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import { envFor, majorVersion, run, type Log, type N8nRuntime } from './runtime';

export interface InstanceOptions {
	runtime: N8nRuntime;
	userFolder: string;
	port: number;
	/** n8n's task broker port; two instances on one machine need different ones. */
	brokerPort: number;
	log?: Log;
	/** More settings, e.g. for queue mode and its PostgreSQL database. */
	env?: NodeJS.ProcessEnv;
	/** `main` runs the server (`n8n start`); `worker` runs queued executions (`n8n worker`), its health check on `port`. */
	role?: 'main' | 'worker';
}

/** A workflow as n8n has it: the name the editor shows, whether it is published (2.x) or active (1.x). */
export interface StoredWorkflow {
	id: string;
	name: string;
	active: boolean;
	/** Archived in n8n 2.x (kept, but hidden from the overview). */
	archived: boolean;
	nodes: Array<{ name: string; type: string; parameters?: Record<string, unknown> }>;
}

export interface ExecuteResult {
	exitCode: number;
	/** The run n8n printed (`data.resultData.runData`, …), when it printed one. */
	run?: { data: { resultData: { runData: Record<string, Array<Record<string, unknown>>>; error?: { message: string } } } };
	output: string;
}

/** What `n8n execute --rawOutput` printed: the run JSON follows the log lines, from the first line that is `{`. */
export function parseRunOutput(output: string): ExecuteResult['run'] {
	const start = output.search(/^\{$/m);
	if (start < 0) return undefined;
	try {
		return JSON.parse(output.slice(start));
	} catch {
		return undefined;
	}
}

/**
 * `fetch`, sent once more when n8n closed the connection without an answer — almost always an
 * idle keep-alive socket the server timed out just as the test reused it (seen under load).
 */
async function fetchReusing(url: string, init: RequestInit): Promise<Response> {
	try {
		return await fetch(url, init);
	} catch (error) {
		const cause = (error as { cause?: { code?: string } }).cause;
		if (cause?.code !== 'UND_ERR_SOCKET') throw error;
		return fetch(url, init);
	}
}

export class N8nInstance {
	private server?: ChildProcess;
	private serverLog = '';
	private cookie = '';
	private apiKey = '';

	constructor(private readonly options: InstanceOptions) {
		mkdirSync(join(options.userFolder, '.n8n', 'nodes'), { recursive: true });
	}

	get userFolder(): string {
		return this.options.userFolder;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.options.port}`;
	}

	env(): NodeJS.ProcessEnv {
		return envFor(this.options.runtime.nodeDir, {
			N8N_USER_FOLDER: this.options.userFolder,
			N8N_ENCRYPTION_KEY: 'scnet-e2e-encryption-key',
			N8N_PORT: String(this.options.port),
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(this.options.brokerPort),
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			DB_SQLITE_POOL_SIZE: '2',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			// `n8n execute` prints the run through its logger, and workers log the executions they start.
			N8N_LOG_LEVEL: 'info',
			...this.options.runtime.env,
			...(this.options.role === 'worker' ? { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(this.options.port) } : {}),
			...this.options.env,
		});
	}

	/** As a user installs by hand: `npm install <tarball>` in `~/.n8n/nodes`. */
	async installPackage(tarball: string): Promise<void> {
		const nodesDir = join(this.options.userFolder, '.n8n', 'nodes');
		writeFileSync(join(nodesDir, 'package.json'), '{"name":"installed-nodes","private":true}\n');
		await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', tarball], {
			cwd: nodesDir,
			env: this.env(),
			log: this.options.log,
			label: 'installing the package',
		});
	}

	/** Runs an n8n command; `output` holds everything it printed, `stdout` only what went there (a run's JSON). */
	async cli(args: string[]): Promise<{ exitCode: number; output: string; stdout: string }> {
		return new Promise((resolve) => {
			const child = spawn(this.options.runtime.nodeDir + '/node', [this.options.runtime.n8nBin, ...args], {
				cwd: this.options.userFolder,
				env: this.env(),
			});
			let output = '';
			let stdout = '';
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				stdout += chunk.toString();
			});
			child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.on('close', (code) => resolve({ exitCode: code ?? 1, output, stdout }));
		});
	}

	private async cliOrThrow(args: string[]): Promise<string> {
		const { exitCode, output } = await this.cli(args);
		if (exitCode !== 0) throw new Error(`n8n ${args.join(' ')} failed (${exitCode}):\n${output.slice(-3000)}`);
		return output;
	}

	/** Imports credentials with plaintext `data`; the file n8n reads them from is removed at once. */
	async importCredentials(credentials: object[]): Promise<void> {
		await this.withScratch(async (scratch) => {
			const file = join(scratch, 'credentials.json');
			writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
			await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		});
	}

	async importWorkflows(workflows: object[]): Promise<void> {
		await this.withScratch(async (scratch) => {
			const dir = join(scratch, 'workflows');
			mkdirSync(dir, { recursive: true });
			workflows.forEach((workflow, index) => writeFileSync(join(dir, `${index}.json`), JSON.stringify(workflow)));
			await this.cliOrThrow(['import:workflow', '--separate', `--input=${dir}`]);
		});
	}

	/** Every workflow n8n holds (`n8n export:workflow --all`, to standard output only). */
	async listWorkflows(): Promise<StoredWorkflow[]> {
		type Exported = Pick<StoredWorkflow, 'id' | 'name' | 'nodes'> & { active?: boolean; activeVersionId?: string | null; isArchived?: boolean };
		const stored = await this.exportAll<Exported>('workflow');
		return stored.map((workflow) => ({
			id: workflow.id,
			name: workflow.name,
			// 2.x keeps `active` for "published" (with the published version in `activeVersionId`).
			active: typeof workflow.active === 'boolean' ? workflow.active : Boolean(workflow.activeVersionId),
			archived: workflow.isArchived === true,
			nodes: workflow.nodes ?? [],
		}));
	}

	/**
	 * The IDs of the credentials n8n holds (`n8n export:credentials --all`, to standard output only;
	 * the data comes encrypted and is dropped here).
	 */
	async credentialIds(): Promise<string[]> {
		return (await this.exportAll<{ id: string }>('credentials')).map((credential) => credential.id);
	}

	/** Publishes (2.x) or activates (1.x) a workflow; for a stopped n8n, which serves it once started. */
	publish(workflowId: string): Promise<void> {
		return this.setPublished(workflowId, true);
	}

	/** Unpublishes (2.x) or deactivates (1.x) a workflow; for a stopped n8n. */
	unpublish(workflowId: string): Promise<void> {
		return this.setPublished(workflowId, false);
	}

	/** `n8n publish:workflow` / `unpublish:workflow` on 2.x, `update:workflow --active=…` on 1.x. */
	private async setPublished(workflowId: string, on: boolean): Promise<void> {
		const args = majorVersion(this.options.runtime.version) >= 2
			? [`${on ? 'publish' : 'unpublish'}:workflow`, `--id=${workflowId}`]
			: ['update:workflow', `--id=${workflowId}`, `--active=${on}`];
		await this.cliOrThrow(args);
	}

	/** `n8n export:<what> --all` without `--output`: the JSON list on one line among log lines; none found is an empty list. */
	private async exportAll<T>(what: 'workflow' | 'credentials'): Promise<T[]> {
		const { exitCode, output } = await this.cli([`export:${what}`, '--all']);
		const line = output.split('\n').find((text) => /^\[\{.*\}\]$/.test(text.trim()));
		if (line) return JSON.parse(line) as T[];
		if (/No (workflows|credentials) found/.test(output)) return [];
		throw new Error(`n8n export:${what} --all failed (${exitCode}):\n${output.slice(-3000)}`);
	}

	async execute(workflowId: string): Promise<ExecuteResult> {
		const { exitCode, output, stdout } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		// From standard output alone: a long run's JSON arrives in chunks that log lines could split.
		return { exitCode, run: parseRunOutput(stdout), output };
	}

	async start(): Promise<void> {
		const worker = this.options.role === 'worker';
		const command = worker ? ['worker', '--concurrency=10'] : ['start'];
		// Its own process group, so that stopping it also stops the task runners it starts.
		this.server = spawn(this.options.runtime.nodeDir + '/node', [this.options.runtime.n8nBin, ...command], {
			cwd: this.options.userFolder,
			env: this.env(),
			detached: true,
		});
		this.server.stdout?.on('data', (chunk: Buffer) => (this.serverLog += chunk.toString()));
		this.server.stderr?.on('data', (chunk: Buffer) => (this.serverLog += chunk.toString()));
		for (let waited = 0; waited < 180; waited++) {
			if (this.server.exitCode !== null) throw new Error(`n8n exited during start-up:\n${this.serverLog.slice(-3000)}`);
			// n8n 1.x reports ready before its REST routes exist; the editor's settings call needs both.
			const paths = worker ? ['/healthz/readiness'] : ['/healthz/readiness', '/rest/settings'];
			const ready = await Promise.all(paths.map((path) => fetch(`${this.baseUrl}${path}`).then((r) => r.ok, () => false)));
			if (ready.every(Boolean)) return;
			await delay(1000);
		}
		throw new Error(`n8n did not become ready in 3 minutes:\n${this.serverLog.slice(-3000)}`);
	}

	/** Creates the owner account (n8n has no way to skip it) and logs in. */
	async setupOwner(email: string, password: string): Promise<void> {
		const owner = { email, firstName: 'SCNet', lastName: 'Demo', password };
		await this.rest('POST', '/rest/owner/setup', owner);
		const login = await fetchReusing(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
		});
		if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
		this.cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
	}

	/** The internal REST API, as the editor calls it (session cookie). */
	async rest<T = { data: unknown }>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetchReusing(`${this.baseUrl}${path}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie, 'browser-id': 'scnet-e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
		return JSON.parse(text) as T;
	}

	/** The public API (`/api/v1`), with an API key created on first use. */
	async api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
		if (!this.apiKey) {
			const scopes = await this.rest<{ data: string[] }>('GET', '/rest/api-keys/scopes').then((r) => r.data, () => undefined);
			const created = await this.rest<{ data: { rawApiKey: string } }>('POST', '/rest/api-keys', {
				label: 'scnet-e2e',
				expiresAt: null,
				...(scopes ? { scopes } : {}),
			});
			this.apiKey = created.data.rawApiKey;
		}
		const response = await fetchReusing(`${this.baseUrl}/api/v1${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'X-N8N-API-KEY': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /api/v1${path}: ${response.status} ${text.slice(0, 500)}`);
		return JSON.parse(text) as T;
	}

	/**
	 * Runs a stored workflow manually from `trigger`, as the editor's "Execute workflow" does
	 * (`POST /rest/workflows/:id/run`; logged in). A polling trigger then polls in 'manual' mode and
	 * its items feed the nodes after it, which `n8n execute` cannot do (it starts only from a manual
	 * trigger). 2.x runs the stored workflow and wants only the trigger; 1.x wants the workflow in
	 * the body too. Returns the execution's ID, to look it up with the public API.
	 */
	async runManually(workflowId: string, trigger: string): Promise<string> {
		const triggerToStartFrom = { name: trigger };
		const body =
			majorVersion(this.options.runtime.version) >= 2
				? { triggerToStartFrom }
				: { workflowData: (await this.rest<{ data: object }>('GET', `/rest/workflows/${workflowId}`)).data, triggerToStartFrom };
		const answer = await this.rest<{ data: { executionId?: string; waitingForWebhook?: boolean } }>('POST', `/rest/workflows/${workflowId}/run`, body);
		if (!answer.data.executionId) throw new Error(`n8n started no execution of ${workflowId}: ${JSON.stringify(answer.data)}`);
		return answer.data.executionId;
	}

	get log(): string {
		return this.serverLog;
	}

	/** Sends SIGTERM to the process group and returns at once, as an orchestrator stopping a container does. */
	terminate(): void {
		if (this.server?.pid) process.kill(-this.server.pid, 'SIGTERM');
	}

	async stop(): Promise<void> {
		const server = this.server;
		if (!server?.pid) return;
		const signalGroup = (signal: NodeJS.Signals) => {
			try {
				process.kill(-(server.pid as number), signal);
			} catch {
				// The group is gone already.
			}
		};
		if (server.exitCode === null) {
			const exited = new Promise((resolve) => server.once('exit', resolve));
			signalGroup('SIGTERM');
			await Promise.race([exited, delay(20000)]);
		}
		signalGroup('SIGKILL');
		server.stdout?.destroy();
		server.stderr?.destroy();
		this.server = undefined;
	}

	/** A scratch folder in the user folder for n8n to read from, removed as soon as `use` is done. */
	private async withScratch<T>(use: (dir: string) => Promise<T>): Promise<T> {
		const dir = mkdtempSync(join(this.options.userFolder, 'import-'));
		try {
			return await use(dir);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	/** Removes the user folder (executions, database, installed package). */
	destroy(): void {
		rmSync(this.options.userFolder, { recursive: true, force: true });
	}
}
