/**
 * The Job resource's part of `npm run bench` (also alone: `node .build/scripts/bench.js --only jobs`):
 * (o) Get Output, Return All, of a 100,000-line file, and (g) Get Many of 10,000 finished jobs
 * (Source: Finished, Return All), each run by n8n-core's engine in this process as the container
 * list is, against (q) and (h), a bare script reading the same pages — all against the sandbox's
 * HPC service with the same latency per request. Only measures.
 *
 * The sandbox's history handler builds all 10,000 entries again for every page (100–250 ms a
 * page here, more than the latency), which would make (g) / (h) a measure of the sandbox. So (g)
 * and (h) get history pages cut from the same entries built once (checked equal to the handler's
 * answers); how long the handler takes for a page is measured and reported beside them.
 */
import { cpus, totalmem } from 'node:os';

import type { ICredentialDataDecryptedObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../sandbox/auth';
import { chinaTime } from '../sandbox/containers';
import { SCHEDULERS } from '../sandbox/hpc/cluster';
import { ok } from '../sandbox/hpc/exchange';
import { LINES_PER_PAGE } from '../sandbox/hpc/fileContent';
import { HISTORY_PATH, SUBMIT_PATH } from '../sandbox/hpc/routes';
import { historyEntry } from '../sandbox/hpc/views';
import { startSandbox, type FaultResponse, type Sandbox } from '../sandbox/server';
import { runWorkflow } from '../test/harness/runWorkflow';
import type { Measurement, measureProcess } from './bench';

export const OUTPUT_LINES = 100000;
export const FINISHED_JOBS = 10000;
/** The page size the node asks history for (list.operation.ts), and the sandbox's page cap. */
const HISTORY_PAGE = 100;
/** Submissions under way at once while the 10,000 jobs are set up (each waits the latency too). */
const SUBMITTING = 100;
const SCHEDULER = String(SCHEDULERS[0].id);
const HOME = `/public/home/${DEFAULT_ACCOUNT.clusterUser}`;
const DAY_MS = 86400000;

type Run = 'o' | 'q' | 'g' | 'h';

export interface JobsResult {
	measurements: Record<Run, Measurement>;
	/** Requests by route, for each run. */
	routes: Record<Run, string>;
	/** This process's resident memory just before (o) and (g) started (MB): the sandbox and its jobs, n8n-core, the bench. */
	rssBeforeMb: Record<'o' | 'g', number>;
	/** How long the sandbox's own history handler takes for one page of the 10,000 jobs (ms, the latency excluded). */
	handlerMs: number;
}

/** What benchJobs needs of bench.ts (passed in, so that importing this file runs nothing). */
export interface JobsBench {
	/** The compiled bare script (bench-axios.js). */
	script: string;
	root: string;
	latencyMs: number;
	measureProcess: typeof measureProcess;
	log: (line: string) => void;
}

/** A token pasted by hand with the HPC service URL only, as the job tests use (`hpcToken` in test/workflows/job/fixtures.ts). */
const hpcToken = (sandbox: Sandbox): ICredentialDataDecryptedObject => ({ authentication: 'accessToken', hpcUrl: sandbox.url, token: sandbox.token });

/** A submission as the official page's example has it (test/unit/sandboxHpc.test.ts), in the CPU queue. */
const submission = (script: string, n: number) => ({
	strJobManagerID: SCHEDULER,
	mapAppJobInfo: {
		GAP_CMD_FILE: script,
		GAP_NNODE: '1',
		GAP_NODE_STRING: '',
		GAP_SUBMIT_TYPE: 'cmd',
		GAP_JOB_NAME: `bench-${n}`,
		GAP_WORK_DIR: HOME,
		GAP_QUEUE: 'kshcnormal',
		GAP_NPROC: '',
		GAP_PPN: '1',
		GAP_NGPU: '',
		GAP_NDCU: '',
		GAP_JOB_MEM: '',
		GAP_WALL_TIME: '01:00:00',
		GAP_EXCLUSIVE: '',
		GAP_APPNAME: 'BASE',
		GAP_MULTI_SUB: '',
		GAP_STD_OUT_FILE: `${HOME}/std.out.%j`,
		GAP_STD_ERR_FILE: `${HOME}/std.err.%j`,
	},
});

/** Submits `count` jobs through the sandbox's HTTP API, `SUBMITTING` at a time; their IDs in order. */
async function submitJobs(sandbox: Sandbox, script: string, count: number): Promise<string[]> {
	const ids: string[] = new Array<string>(count);
	let next = 0;
	const submitter = async () => {
		while (next < count) {
			const n = next++;
			const answer = await fetch(`${sandbox.url}${SUBMIT_PATH}`, {
				method: 'POST',
				headers: { token: sandbox.token, 'content-type': 'application/json' },
				body: JSON.stringify(submission(script, n)),
			});
			const body = (await answer.json()) as { code: string; msg: string; data: string };
			if (body.code !== '0') throw new Error(`submission ${n} refused: ${body.code} ${body.msg}`);
			ids[n] = body.data;
		}
	};
	await Promise.all(Array.from({ length: Math.min(SUBMITTING, count) }, submitter));
	return ids;
}

/**
 * 10,000 jobs that finished at once and are in history only. Not by `setState` for each: every
 * call settles every job first, so finishing n jobs that way takes n² steps (95 s for 10,000 here).
 * Instead the sandbox queues and runs them for 0 ms: each has finished (`statC`, exit 0) by the
 * next read, and with `realtimeRetentionMs: 0` only history lists it.
 */
async function finishedJobs(sandbox: Sandbox, count: number): Promise<void> {
	sandbox.hpc.configure({ queueDelayMs: 0, runDelayMs: 0, realtimeRetentionMs: 0, historyDelayMs: 0, pageCap: HISTORY_PAGE });
	await submitJobs(sandbox, 'seq 10', count);
	const finished = [...sandbox.hpc.jobs.values()].filter((job) => job.state === 'statC').length;
	if (finished !== count) throw new Error(`${finished} of ${count} jobs finished`);
	sandbox.requests.length = 0;
}

/** History's query as the node sends it for its default window (the last 7 days until a minute from now, by end time). */
function historyQuery(start: number, now = Date.now()): URLSearchParams {
	return new URLSearchParams({
		strClusterNameList: SCHEDULER,
		startTime: chinaTime(now - 7 * DAY_MS),
		endTime: chinaTime(now + 60000),
		timeType: 'CUSTOM',
		isQueryByQueueTime: 'false',
		sort: 'DESC',
		orderBy: 'jobId',
		start: String(start),
		limit: String(HISTORY_PAGE),
	});
}

/**
 * History pages cut from the entries built once, as the handler cuts them (newest first, `pageCap`
 * at most), from the next request on; checked equal to the handler's own answer at a few offsets.
 */
async function memoiseHistory(sandbox: Sandbox): Promise<() => number> {
	const entries = [...sandbox.hpc.jobs.values()].sort((a, b) => Number(b.id) - Number(a.id)).map(historyEntry);
	const { pageCap } = sandbox.hpc.settings;
	const page = (query: URLSearchParams): FaultResponse => {
		const start = Number(query.get('start'));
		return ok({ total: entries.length, list: entries.slice(start, start + Math.min(Number(query.get('limit')), pageCap)) });
	};
	for (const start of [0, 98, 5000, entries.length - 2]) {
		const query = historyQuery(start);
		const answer = await fetch(`${sandbox.url}${HISTORY_PATH}?${query}`, { headers: { token: sandbox.token } });
		if (JSON.stringify(await answer.json()) !== JSON.stringify(page(query).body)) throw new Error(`the built-once history page at ${start} differs from the sandbox's`);
	}
	sandbox.requests.length = 0;
	let answered = 0;
	sandbox.addFault({
		// Only what the handler would answer with a page: the token and the window as the node sends them.
		when: (request) => request.route === 'hpc.history' && request.headers.token === sandbox.token && request.url.includes('timeType=CUSTOM'),
		respond: (request) => {
			answered++;
			return page(new URL(request.url, 'http://sandbox').searchParams);
		},
	});
	return () => answered;
}

/** How long the sandbox takes to answer one history page over the jobs it holds now: the median of the last five of ten (the latency included). */
async function historyHandlerMs(sandbox: Sandbox): Promise<number> {
	const times: number[] = [];
	for (let n = 0; n < 10; n++) {
		const started = performance.now();
		await fetch(`${sandbox.url}${HISTORY_PATH}?${historyQuery(0)}`, { headers: { token: sandbox.token } }).then((answer) => answer.json());
		times.push(performance.now() - started);
	}
	sandbox.requests.length = 0;
	return times.slice(5).sort((a, b) => a - b)[2];
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The highest resident memory of this process while `work` runs (sampled every 50 ms, and at the end). */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
	let peak = process.memoryUsage.rss();
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
	try {
		const result = await work();
		peak = Math.max(peak, process.memoryUsage.rss());
		return { result, peakRssMb: mb(peak) };
	} finally {
		clearInterval(sampler);
	}
}

/** Requests by route, as `hpc.cluster ×1, hpc.fileContent ×100`. */
function routesOf(sandbox: Sandbox): string {
	const counts = new Map<string, number>();
	for (const request of sandbox.requests) counts.set(request.route ?? request.path, (counts.get(request.route ?? request.path) ?? 0) + 1);
	return [...counts].map(([route, count]) => `${route} ×${count}`).join(', ');
}

export async function benchJobs({ script, root, latencyMs, measureProcess, log }: JobsBench): Promise<JobsResult> {
	const measurements = {} as JobsResult['measurements'];
	const routes = {} as JobsResult['routes'];
	const rssBeforeMb = { o: 0, g: 0 };
	/** The node in n8n-core's engine, in this process; `check` says what is wrong with its output, if anything. */
	const inProcess = async (sandbox: Sandbox, run: Run, name: string, operation: string, parameters: INodeParameters, check: (main: INodeExecutionData[]) => string | undefined) => {
		sandbox.requests.length = 0;
		log(`Running ${name}…`);
		if (run === 'o' || run === 'g') rssBeforeMb[run] = mb(process.memoryUsage.rss());
		const started = Date.now();
		const { result, peakRssMb } = await withPeakRss(() => runWorkflow({ resource: 'job', operation, parameters, items: [{}], credentials: hpcToken(sandbox) }));
		const wallMs = Date.now() - started;
		const wrong = result.error?.message ?? check(result.main);
		if (wrong) throw new Error(`${name}: ${wrong}`);
		const taskMs = result.run.data.resultData.runData.SCNet[0].executionTime;
		measurements[run] = { name, taskMs, wallMs, requests: sandbox.requests.length, peakRssMb, handled: result.main.length };
		routes[run] = routesOf(sandbox);
		return result.main;
	};
	/** The bare script, a process of its own; `handled` reads its count. */
	const bare = async (sandbox: Sandbox, run: Run, name: string, args: string[], handled: (result: Record<string, number>) => number, expected: number) => {
		sandbox.requests.length = 0;
		log(`Running ${name}…`);
		const child = await measureProcess(process.execPath, [script, ...args], process.env, root);
		if (child.exitCode !== 0) throw new Error(`${name} failed (${child.exitCode}):\n${child.errors.slice(-2000)}`);
		const result = JSON.parse(child.output) as Record<string, number>;
		if (handled(result) !== expected) throw new Error(`${name} read ${handled(result)}, not ${expected}`);
		measurements[run] = { name, taskMs: result.ms, wallMs: child.wallMs, requests: sandbox.requests.length, peakRssMb: child.peakRssMb, handled: handled(result) };
		routes[run] = routesOf(sandbox);
	};

	// Get Output: one job whose stdout holds 100,000 lines, finished just now (still in the realtime list).
	let sandbox = await startSandbox({ containers: 0, latencyMs });
	const [jobId] = await submitJobs(sandbox, `seq ${OUTPUT_LINES}`, 1);
	sandbox.hpc.setState(jobId, 'statC');
	const expected = Array.from({ length: OUTPUT_LINES }, (_, n) => String(n + 1)).join('\n');
	await inProcess(sandbox, 'o', '(o) SCNet node, Get Output, Return All', 'getOutput', { jobId, returnAll: true }, ([item]) =>
		item?.json.lineCount === OUTPUT_LINES && item.json.text === expected ? undefined : `not the whole file: ${JSON.stringify(item?.json).slice(0, 300)}`,
	);
	// The node's output is one item; the table counts lines.
	measurements.o.handled = OUTPUT_LINES;
	await bare(sandbox, 'q', '(q) raw axios, the same pages', ['output', sandbox.url, sandbox.token, `${HOME}/std.out.${jobId}`], (result) => result.lines, OUTPUT_LINES);
	await sandbox.close();

	// Get Many, Finished: 10,000 jobs that have left the realtime list, in history only.
	sandbox = await startSandbox({ containers: 0, latencyMs });
	log(`Setting up ${FINISHED_JOBS.toLocaleString('en')} finished jobs…`);
	await finishedJobs(sandbox, FINISHED_JOBS);
	// Less the latency every answer waits.
	const handlerMs = (await historyHandlerMs(sandbox)) - latencyMs;
	const everyJob = (main: INodeExecutionData[]) => {
		const distinct = new Set(main.map((item) => item.json.jobId)).size;
		return main.length === FINISHED_JOBS && distinct === FINISHED_JOBS ? undefined : `${main.length} items, ${distinct} different jobs`;
	};
	const history = (run: Run, name: string) => {
		const now = Date.now();
		return bare(sandbox, run, name, ['history', sandbox.url, sandbox.token, String(HISTORY_PAGE), SCHEDULER, chinaTime(now - 7 * DAY_MS), chinaTime(now + 60000)], (result) => result.listed, FINISHED_JOBS);
	};
	const list: INodeParameters = { source: 'finished', returnAll: true };
	const memoised = await memoiseHistory(sandbox);
	const historyRequests = () => sandbox.requests.filter((request) => request.route === 'hpc.history').length;
	await inProcess(sandbox, 'g', '(g) SCNet node, Get Many, Finished, Return All', 'list', list, everyJob);
	const answered = memoised();
	if (answered !== historyRequests()) throw new Error(`(g): ${historyRequests() - answered} history pages were not cut from the entries built once`);
	await history('h', '(h) raw axios, the same pages');
	if (memoised() - answered !== historyRequests()) throw new Error(`(h): ${historyRequests() - (memoised() - answered)} history pages were not cut from the entries built once`);
	await sandbox.close();

	return { measurements, routes, rssBeforeMb, handlerMs };
}

/** The "Jobs" section of docs/benchmarks.md. */
export function jobsSection({ measurements: { o, q, g, h }, routes, rssBeforeMb, handlerMs }: JobsResult, latencyMs: number): string {
	const seconds = (ms: number) => (ms / 1000).toFixed(2);
	const row = (m: Measurement) => `| ${m.name} | ${seconds(m.taskMs)} | ${seconds(m.wallMs)} | ${m.requests} | ${m.handled} | ${m.peakRssMb} |`;
	return `## Jobs

The Job resource against the sandbox's HPC service, with ${latencyMs} ms of latency per request, like the
lists above: (o) and (g) run in n8n-core's engine in this process, as (l) does; (q) and (h) are a bare
axios script reading the same pages, in a process of its own.

**Get Output** of a finished job whose stdout holds ${OUTPUT_LINES.toLocaleString('en')} lines (its script is
\`seq ${OUTPUT_LINES}\`), Return All: \`POST /hpc/openapi/v2/file/content\`, ${LINES_PER_PAGE.toLocaleString('en')} lines a page, pages
1, 2, … (\`rollDirection=DOWN\`), into one text.

| Run | Reading (s) | Whole run (s) | Requests | Lines | Peak RSS (MB) |
|---|---:|---:|---:|---:|---:|
${[o, q].map(row).join('\n')}

- **o / q = ${(o.taskMs / q.taskMs).toFixed(2)}** (target ≤ 1.2) — the node against a bare script reading the same pages.
  The node's requests: ${routes.o};
  the script's: ${routes.q}. The node's two more are the scheduler list (once per
  execution) and the job's detail, where the file's path comes from; the script is given the path.
  The node's \`text\` is checked against the whole file.

**Get Many** of ${FINISHED_JOBS.toLocaleString('en')} finished jobs (Source: Finished, Return All), all of them
past the realtime list (\`realtimeRetentionMs: 0\`): \`GET /hpc/openapi/v2/historyjobs\`, ${HISTORY_PAGE} per page
(the sandbox's page cap, and the node's page size), the node's default window (the last 7 days).

| Run | Listing (s) | Whole run (s) | Requests | Listed | Peak RSS (MB) |
|---|---:|---:|---:|---:|---:|
${[g, h].map(row).join('\n')}

- **g / h = ${(g.taskMs / h.taskMs).toFixed(2)}** (target ≤ 1.2) — the node against a bare script reading the same pages.
  The node's requests: ${routes.g}; the script's: ${routes.h}. The extra
  history pages are readAll's overlap (each page asks for the last two jobs of the one before again,
  as the container list does); the extra request is the scheduler list. The node's work per job:
  the fields Get shows (\`jobId\`, \`name\`, \`state\`, \`exitCode\`, the times as ISO 8601), its own check
  of the filters and the window, and n8n's output items.
- The pages are cut from the jobs' history entries built once — checked equal to the sandbox's own
  answers at four offsets; the same latency, the same requests recorded. The sandbox's history
  handler builds all ${FINISHED_JOBS.toLocaleString('en')} entries again for every page: ${handlerMs.toFixed(0)} ms a page here, beyond the latency.
  Against it both runs take 15–23 s, mostly the sandbox's, and on this machine their ratio went
  from 0.87 to 1.25 from one run to the next (it also shares this process's heap and CPU with the
  node): a measure of the sandbox, not of the node.
- Where (g)'s margin goes (CPU profiles without latency, where the node took 0.5–0.8 s and the script
  0.2–0.3 s): the four more requests are about 0.2 s; the rest is about 6 ms a page of the node's own
  work — \`jobView\` for each job (about 14 µs, half of it reading the three China-time times), three
  copies of each entry (\`readPage\` adds \`id\`, \`withoutAddedId\` takes it out, \`jobView\` spreads it),
  the garbage they make, and the transport's work per request. For (o) the two more requests are
  about 0.1 s; splitting and joining the 100,000 lines costs little.

"Reading" and "Listing" are the node's execution time as n8n-core records it (for the script, its
request loop); "Whole run" adds the engine's run around the node (for the script: Node's start-up).
Peak RSS: for the node this process's, sampled while the run lasted — the sandbox and its jobs,
n8n-core and the bench included (${rssBeforeMb.o} MB before (o) began, ${rssBeforeMb.g} MB before (g)); for the script
its process's (VmHWM). The jobs are submitted through the sandbox's HTTP API before the clock
starts; the 10,000 queue and run for 0 ms (\`queueDelayMs\`, \`runDelayMs\`: \`setState\` for each
would settle every job at every call), the one with output is finished by
\`sandbox.hpc.setState(id, 'statC')\`.

Measured on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node},
${new Date().toISOString().slice(0, 10)} (\`node .build/scripts/bench.js --only jobs\` measures this section alone).
`;
}
