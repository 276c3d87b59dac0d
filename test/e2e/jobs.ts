import type { IDataObject } from 'n8n-workflow';

import { readExamples } from '../../scripts/n8n/examples';
import { SCHEDULERS } from '../../sandbox/hpc/cluster';
import { JOBS_PATH, SUBMIT_PATH } from '../../sandbox/hpc/routes';
import type { Sandbox } from '../../sandbox/server';
import { WATCHED_CREDENTIAL, type RealN8n } from './setup';

/*
 * Slurm jobs in real n8n: the "Run a Slurm job" example with `n8n execute`, and the "report each
 * finished job" example published, receiving a job that finished exactly once (across further
 * polls and a restart of n8n, which the trigger truth scenario makes).
 */

type Item = { json: IDataObject };
type RunData = Record<string, Array<{ data?: { main: Item[][] } }>>;
type Execution = { id: string; finished: boolean; data?: { resultData: { runData: RunData } } };

export const SLURM_EXAMPLE = 'scnetSlurmJob01';
export const JOB_FINISHED_EXAMPLE = 'scnetJobFinish1';

/** The job-finished example polling the watched sandbox (which no other test resets) every minute. */
export function jobFinishedWorkflow(): object {
	const example = readExamples()['job-finished-report'] as { nodes: Array<{ type: string; parameters: IDataObject; credentials?: IDataObject }> };
	return {
		...example,
		nodes: example.nodes.map((node) =>
			node.type === 'n8n-nodes-scnet.scnetTrigger'
				? { ...node, parameters: { ...node.parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } }, credentials: { scnetApi: WATCHED_CREDENTIAL } }
				: node,
		),
	};
}

/** A job submitted straight to a sandbox (not through n8n): it finishes by itself a few seconds later. */
async function submitJob(sandbox: Sandbox, name: string): Promise<string> {
	const body = {
		strJobManagerID: SCHEDULERS[0].id,
		mapAppJobInfo: {
			GAP_CMD_FILE: 'echo done',
			GAP_NNODE: '1',
			GAP_NODE_STRING: '',
			GAP_SUBMIT_TYPE: 'cmd',
			GAP_JOB_NAME: name,
			GAP_WORK_DIR: `/public/home/${sandbox.auth.settings.account.clusterUser}/${name}`,
			GAP_QUEUE: 'debug',
			GAP_PPN: '1',
			GAP_WALL_TIME: '00:10:00',
			GAP_APPNAME: 'BASE',
		},
	};
	const response = await fetch(`${sandbox.url}${SUBMIT_PATH}`, { method: 'POST', headers: { token: sandbox.token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
	const { code, data } = (await response.json()) as { code: string; data: string };
	if (code !== '0') throw new Error(`the sandbox refused the job: ${code}`);
	return data;
}

const realtimeReads = (sandbox: Sandbox) => sandbox.requests.filter((request) => request.path === JOBS_PATH && request.method === 'GET').length;

const outputOf = (runData: RunData | undefined, node: string): Item[] => runData?.[node]?.[0]?.data?.main[0] ?? [];

export function slurmExampleScenario(env: () => RealN8n): void {
	it('runs the Slurm job example with n8n execute: submits, waits until the job finished, reads the last 50 lines of its output', async () => {
		const { n8n, sandbox } = env();
		const { exitCode, run } = await n8n.execute(SLURM_EXAMPLE);

		expect({ exitCode, error: run?.data.resultData.error?.message }).toEqual({ exitCode: 0, error: undefined });
		const runData = run?.data.resultData.runData as RunData;
		const [job] = [...sandbox.hpc.jobs.values()].filter((one) => one.name === 'n8n-hello');
		expect(outputOf(runData, 'Report').map((item) => item.json)).toEqual([
			{
				jobId: job.id,
				state: 'Completed',
				exitCode: 0,
				outputLines: 201,
				lastLines: ['198', '199', '200'],
				text: `Job ${job.id} ended Completed (exit code 0); its output has 201 lines`,
			},
		]);
		const output = outputOf(runData, 'Get output')[0].json;
		expect(output).toMatchObject({ jobId: job.id, lineCount: 50, totalLines: 201, truncated: true, file: `${job.workDir}/std.out.${job.id}` });
		expect(job).toMatchObject({ state: 'statC', queue: 'debug', user: sandbox.auth.settings.account.clusterUser });
	}, 3 * 60 * 1000);
}

/**
 * Publishes the job-finished example and, once its first poll has recorded the (no) jobs, submits
 * one that finishes a few seconds later. Returns the tests to run later: the report (before the
 * restart), and exactly one execution after further polls and the restart.
 */
export function jobTriggerScenario(env: () => RealN8n) {
	let jobId = '';
	let pollsAtReport = 0;
	const executions = async () => {
		const { data } = await env().n8n.api<{ data: Execution[] }>('GET', `/executions?workflowId=${JOB_FINISHED_EXAMPLE}&includeData=true`);
		return data.filter((execution) => execution.finished);
	};
	const waitFor = async <T>(read: () => Promise<T>, check: (value: T) => boolean, ms: number, what: string): Promise<T> => {
		for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 2000))) {
			const value = await read();
			if (check(value)) return value;
			if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
		}
	};
	return {
		/** For the server's beforeAll. */
		async publish(): Promise<void> {
			const { n8n, watched } = env();
			await n8n.api('POST', `/workflows/${JOB_FINISHED_EXAMPLE}/activate`);
			await waitFor(async () => realtimeReads(watched), (reads) => reads > 0, 90000, 'the first poll of the job trigger');
			jobId = await submitJob(watched, 'e2e-finishes');
		},
		report(): void {
			it('starts the job-finished example once for a job that finished, with the job as Get shows it (SCNet Trigger)', async () => {
				const [execution] = await waitFor(executions, (found) => found.length > 0, 150000, 'an execution of the job trigger');
				pollsAtReport = realtimeReads(env().watched);
				expect(outputOf(execution.data?.resultData.runData, 'Report').map((item) => item.json)).toEqual([
					{ jobId, name: 'e2e-finishes', state: 'Completed', exitCode: 0, text: `Job e2e-finishes (${jobId}) ended Completed with exit code 0` },
				]);
			}, 3 * 60 * 1000);
		},
		once(): void {
			it('has reported that job exactly once, after further polls and a restart of n8n', async () => {
				const { n8n, watched } = env();
				await waitFor(async () => realtimeReads(watched), (reads) => reads >= pollsAtReport + 2, 150000, 'two more polls of the job trigger');
				expect((await executions()).length).toBe(1);
				await n8n.api('POST', `/workflows/${JOB_FINISHED_EXAMPLE}/deactivate`);
			}, 3 * 60 * 1000);
		},
	};
}
