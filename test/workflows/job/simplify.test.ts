import type { INodeParameters } from 'n8n-workflow';

import { Scnet } from '../../../nodes/Scnet/Scnet.node';
import { useSandbox } from '../../harness/fixtures';
import { HOME, json, runJob, submitParameters } from './fixtures';

/* 'Simplify' on Job → Get and Get Many (issue 18): version 3 outputs a job as 11 flat fields; versions 1 and 2 keep SCNet's full object. */
const scnet = useSandbox({ containers: 0 });
beforeEach(() => scnet.sandbox.hpc.configure({ queueDelayMs: 600_000 }));

const KEYS = ['jobId', 'jobName', 'state', 'queue', 'user', 'cores', 'submittedAt', 'startedAt', 'finishedAt', 'exitCode', 'reason'];
/** An instant as SCNet writes it (to the second), as ISO 8601. */
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(Math.floor(ms / 1000) * 1000).toISOString());

async function submitJobs(count: number, extra: INodeParameters = {}): Promise<string[]> {
	const items = Array.from({ length: count }, (_, n) => ({ n }));
	const { main } = await runJob(scnet, 'submit', submitParameters({ workDir: HOME, jobName: "={{ 'probe-' + $json.n }}", ...extra }), { items });
	return main.map((item) => String(item.json.jobId));
}
const sandboxJob = (jobId: string) => {
	const job = scnet.sandbox.hpc.jobs.get(jobId);
	if (!job) throw new Error(`no sandbox job ${jobId}`);
	return job;
};

describe('Job → Get and Get Many: Simplify', () => {
	it('version 3 simplifies Get by default: the same fields whether the job is running or finished', async () => {
		const [running, failed] = await submitJobs(2, { script: "={{ $json.n === 1 ? 'exit 3' : 'seq 3' }}" });
		scnet.sandbox.hpc.setState(running, 'statR');
		scnet.sandbox.hpc.setState(failed, 'statE');
		const { main, error } = await runJob(scnet, 'get', { jobId: '={{ $json.jobId }}' }, { items: [{ jobId: running }, { jobId: failed }], typeVersion: 3 });

		expect(error).toBeUndefined();
		const [job, ended] = [sandboxJob(running), sandboxJob(failed)];
		expect(json(main)).toEqual([
			{
				jobId: running,
				jobName: 'probe-0',
				state: 'Running',
				queue: 'kshcnormal',
				user: job.user,
				cores: job.nodes * job.procsPerNode,
				submittedAt: iso(job.submittedAt),
				startedAt: iso(job.startedAt),
				finishedAt: null,
				exitCode: null,
				// Slurm's 'None' for a job that runs.
				reason: null,
			},
			expect.objectContaining({ jobId: failed, jobName: 'probe-1', state: 'Failed', exitCode: 3, reason: 'NonZeroExitCode', submittedAt: iso(ended.submittedAt) }),
		]);
		// The times are the full output's, whatever SCNet's answer had of them.
		const full = await runJob(scnet, 'get', { jobId: failed, simplify: false }, { typeVersion: 3 });
		expect(json(main)[1]).toMatchObject({ startedAt: json(full.main)[0].startedAt, finishedAt: json(full.main)[0].finishedAt });
		for (const item of json(main)) {
			expect(Object.keys(item)).toEqual(KEYS);
			expect(JSON.stringify(item).length).toBeLessThan(350);
		}
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('simplifies Get Many the same way, from the realtime list and from history', async () => {
		const [running, completed] = await submitJobs(2);
		scnet.sandbox.hpc.setState(running, 'statR');
		scnet.sandbox.hpc.setState(completed, 'statC');
		const active = await runJob(scnet, 'list', {}, { typeVersion: 3 });
		const finished = await runJob(scnet, 'list', { source: 'finished' }, { typeVersion: 3 });

		for (const item of [...json(active.main), ...json(finished.main)]) expect(Object.keys(item)).toEqual(KEYS);
		const fromHistory = json(finished.main).find((item) => item.jobId === completed);
		// History names the user userName, and gives the exit status itself.
		expect(fromHistory).toMatchObject({ jobName: 'probe-1', state: 'Completed', user: sandboxJob(completed).user, exitCode: 0, finishedAt: iso(sandboxJob(completed).endedAt) });
		expect(json(active.main).map((item) => item.jobId)).toContain(running);
	});

	it("'Simplify' off, and versions 1 and 2, keep SCNet's full job", async () => {
		const [jobId] = await submitJobs(1);
		const results = [
			await runJob(scnet, 'get', { jobId, simplify: false }, { typeVersion: 3 }),
			await runJob(scnet, 'get', { jobId }, { typeVersion: 1 }),
			await runJob(scnet, 'get', { jobId }, { typeVersion: 2 }),
			await runJob(scnet, 'list', { simplify: false }, { typeVersion: 3 }),
			await runJob(scnet, 'list', {}, { typeVersion: 1 }),
		];

		for (const { main } of results) expect(json(main)[0]).toMatchObject({ jobId, jobName: 'probe-0', jobStatus: 'statQ', name: 'probe-0', rawState: 'statQ', workDir: HOME });
		expect(json(results[0].main)).toEqual(json(results[1].main));
	});

	it("shows 'Simplify' from version 3 on, on by default, before 'Options'", () => {
		const { properties } = new Scnet().description;
		for (const operation of ['get', 'list']) {
			const fields = properties.filter((field) => field.displayOptions?.show?.resource?.includes('job') && field.displayOptions?.show?.operation?.includes(operation));
			expect(fields.find((field) => field.name === 'simplify')).toMatchObject({ type: 'boolean', default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 3 } }] } } });
			expect(fields.map((field) => field.name).slice(-2)).toEqual(['simplify', 'options']);
		}
	});
});
