/**
 * n8n in queue mode on one machine, as teams run it on many: a main process that takes the
 * webhooks, Redis holding the queue, workers running the executions, one PostgreSQL database for
 * all — each n8n process with its own user folder and the packed package installed there, as on
 * separate hosts. For the e2e run and the benchmark.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { N8nInstance } from './instance';
import type { Log, N8nRuntime } from './runtime';
import { startPostgres, startRedis, type Service } from './services';

export interface QueueCluster {
	main: N8nInstance;
	workers: N8nInstance[];
	stop(): Promise<void>;
}

export interface QueueOptions {
	runtime: N8nRuntime;
	tarball: string;
	workers: number;
	/** Ports from here on: main, its broker, Redis, PostgreSQL, then two per worker. */
	basePort: number;
	/** Credentials and workflows to import before starting (the CLI writes to the shared database). */
	credentials: object[];
	workflows: object[];
	/** Workflows to publish (2.x) or activate (1.x) before starting. */
	publish: string[];
	log?: Log;
}

export async function startQueueCluster(options: QueueOptions): Promise<QueueCluster> {
	const { runtime, basePort, log } = options;
	const services: Service[] = [];
	const instances: N8nInstance[] = [];
	const stop = async () => {
		await Promise.all(instances.map((instance) => instance.stop()));
		for (const instance of instances) instance.destroy();
		await Promise.all(services.map((service) => service.stop()));
	};
	try {
		services.push(await startRedis(basePort + 2), await startPostgres(basePort + 3));
		const env: NodeJS.ProcessEnv = {
			...services[0].env,
			...services[1].env,
			EXECUTIONS_MODE: 'queue',
			// By default a finished job leaves Redis at once, and a worker that finishes before the
			// main starts waiting would leave that webhook call unanswered.
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '100000',
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '100000',
		};
		const folder = (name: string) => mkdtempSync(join(tmpdir(), `scnet-queue-${runtime.version}-${name}-`));
		const main = new N8nInstance({ runtime, userFolder: folder('main'), port: basePort, brokerPort: basePort + 1, env, log });
		const workers = Array.from(
			{ length: options.workers },
			(_, n) =>
				new N8nInstance({ runtime, userFolder: folder(`worker${n + 1}`), port: basePort + 10 + n, brokerPort: basePort + 20 + n, env, role: 'worker', log }),
		);
		instances.push(main, ...workers);
		// The package on every host, the same version: the workers run the node.
		await Promise.all(instances.map((instance) => instance.installPackage(options.tarball)));
		await main.importCredentials(options.credentials);
		await main.importWorkflows(options.workflows);
		for (const id of options.publish) await main.publish(id);
		await main.start();
		await Promise.all(workers.map((worker) => worker.start()));
		return { main, workers, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

export interface LoadResult<T> {
	/** Per request, in order: the HTTP status and parsed JSON body, or the error that ended it. */
	answers: Array<{ status: number; body: T } | { error: string }>;
	ms: number;
}

/**
 * POSTs each body to `url`, at most `concurrency` at a time, with `headers` added (the webhook
 * example's Header Auth, say); `afterEach` sees how many have been answered (to stop a worker
 * half-way, say).
 */
export async function postAll<T>(
	url: string,
	bodies: object[],
	concurrency: number,
	{ headers = {}, afterEach = () => {} }: { headers?: Record<string, string>; afterEach?: (answered: number) => void } = {},
): Promise<LoadResult<T>> {
	const answers: LoadResult<T>['answers'] = new Array(bodies.length);
	let next = 0;
	let answered = 0;
	const started = Date.now();
	const sender = async () => {
		while (next < bodies.length) {
			const index = next++;
			try {
				const response = await fetch(url, {
					method: 'POST',
					headers: { ...headers, 'content-type': 'application/json' },
					body: JSON.stringify(bodies[index]),
					signal: AbortSignal.timeout(180000),
				});
				const text = await response.text();
				let body: unknown = text;
				try {
					body = JSON.parse(text);
				} catch {
					// Not JSON: kept as text.
				}
				answers[index] = { status: response.status, body: body as T };
			} catch (error) {
				answers[index] = { error: String((error as Error).message) };
			}
			afterEach(++answered);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, sender));
	return { answers, ms: Date.now() - started };
}
