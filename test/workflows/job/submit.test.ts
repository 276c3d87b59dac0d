import { CENTER_PATH } from '../../../sandbox/auth';
import { HISTORY_PATH, SUBMIT_PATH } from '../../../sandbox/hpc/routes';
import { SLURM_REFUSALS } from '../../../sandbox/hpc/submit';
import { AMBIGUOUS_FAULTS } from '../../harness/faults';
import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';
import { CLUSTER_USER, HOME, hpcToken, json, OTHER_SCHEDULER, runJob, SCHEDULER, submitParameters } from './fixtures';

const scnet = useSandbox({ containers: 0 });

describe('Job → Submit', () => {
	it('submits a command-line job to the first scheduler, in the home directory, and outputs where its output goes', async () => {
		const { main, error } = await runJob(scnet, 'submit', submitParameters(), { credentials: accessKeyCredentials(scnet.sandbox) });

		expect(error).toBeUndefined();
		const [job] = [...scnet.sandbox.hpc.jobs.values()];
		expect(json(main)).toEqual([
			{
				jobId: job.id,
				submitted: true,
				code: '0',
				message: expect.any(String),
				scheduler: SCHEDULER,
				queue: 'kshcnormal',
				workDir: HOME,
				stdoutFile: `${HOME}/std.out.${job.id}`,
				stderrFile: `${HOME}/std.err.${job.id}`,
			},
		]);
		expect(job).toMatchObject({ user: CLUSTER_USER, queue: 'kshcnormal', name: 'probe', workDir: HOME, wallTime: '01:00:00' });
		const [submit] = scnet.sandbox.requests.filter((request) => request.path === SUBMIT_PATH);
		expect(JSON.parse(String(submit.body))).toMatchObject({
			strJobManagerID: SCHEDULER,
			mapAppJobInfo: { GAP_SUBMIT_TYPE: 'cmd', GAP_APPNAME: 'BASE', GAP_CMD_FILE: 'seq 10\n', GAP_NNODE: '1', GAP_PPN: '1', GAP_WALL_TIME: '01:00:00' },
		});
	});

	it('waits until the job has finished and outputs its final state and exit code', async () => {
		scnet.sandbox.hpc.configure({ queueDelayMs: 100, runDelayMs: 200 });
		const { main } = await runJob(scnet, 'submit', submitParameters({ workDir: `${HOME}/run`, script: 'echo hi\nexit 3', options: { waitUntilFinished: true, pollInterval: 5 } }));

		expect(json(main)[0]).toMatchObject({ submitted: true, state: 'Failed', rawState: 'statE', exitCode: 3 });
	}, 30000);
});

const MAY_HAVE_BEEN_SUBMITTED = 'The job may have been submitted: look for it with Get Many (by its name) before running the workflow again.';
const onSubmit = (request: { path: string }) => request.path === SUBMIT_PATH;
const submits = () => scnet.sandbox.requests.filter(onSubmit);
const params = submitParameters({ workDir: `${HOME}/run` });

describe('Job → Submit: never sent twice', () => {
	it.each(AMBIGUOUS_FAULTS)('after %s: exactly one POST, and the failure says the job may have been submitted', async (_, fault, options, code) => {
		scnet.sandbox.addFault({ when: onSubmit, ...fault });
		const { main } = await runJob(scnet, 'submit', { ...params, options: { maxTries: 3, ...options } }, { onError: 'continueRegularOutput' });

		expect(submits()).toHaveLength(1);
		expect(json(main)).toEqual([expect.objectContaining({ jobId: null, jobName: 'probe', submitted: false, code })]);
		expect(String(main[0].json.description).endsWith(MAY_HAVE_BEEN_SUBMITTED)).toBe(true);
	});

	it('is sent again when SCNet certainly did not get it (HTTP 429), once it is accepted', async () => {
		scnet.sandbox.addFault({ when: onSubmit, times: 1, respond: { status: 429, body: 'slow down' } });
		const { main } = await runJob(scnet, 'submit', { ...params, options: { maxTries: 3 } });

		expect(submits()).toHaveLength(2);
		expect(scnet.sandbox.hpc.jobs.size).toBe(1);
		expect(main[0].json).toMatchObject({ submitted: true, jobId: [...scnet.sandbox.hpc.jobs.keys()][0] });
	});

	it("is not submitted again by n8n's Retry On Fail after a later item failed", async () => {
		const { main } = await scnet.run({
			resource: 'job',
			operation: 'submit',
			items: [{ name: 'first' }, { name: 'second' }],
			credentials: hpcToken(scnet.sandbox),
			// The second is refused by SCNet (a DCU queue asked for no DCUs), after the first was submitted.
			parameters: { ...params, jobName: '={{ $json.name }}', queue: "={{ $json.name === 'second' ? 'kshdnormal' : 'kshcnormal' }}" },
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});

		expect(main).toEqual([]);
		// Each went out once, on the first try; the retries gave their outcomes again.
		expect(submits().map((request) => JSON.parse(String(request.body)).mapAppJobInfo.GAP_JOB_NAME)).toEqual(['first', 'second']);
		expect([...scnet.sandbox.hpc.jobs.values()].map((job) => job.name)).toEqual(['first']);
	});
});

describe("Job → Submit: the scheduler's refusal, verbatim", () => {
	it('passes a DCU queue refusing a job without DCUs on as SCNet wrote it, and submits the next item', async () => {
		const { main } = await scnet.run({
			resource: 'job',
			operation: 'submit',
			items: [{ queue: 'kshdnormal' }, { queue: 'kshcnormal' }],
			credentials: hpcToken(scnet.sandbox),
			parameters: { ...params, queue: '={{ $json.queue }}' },
			onError: 'continueRegularOutput',
		});

		expect(json(main)[0]).toMatchObject({
			jobId: null,
			submitted: false,
			code: '10001',
			message: `SCNet refused the job: ${SLURM_REFUSALS.noDcu}`,
			scnetMessage: SLURM_REFUSALS.noDcu,
		});
		expect(json(main)[1]).toMatchObject({ submitted: true });
	});

	it("words a missing-parameters answer for the HPC service, naming the field that holds its URL", async () => {
		scnet.sandbox.addFault({ when: onSubmit, respond: { body: { code: '10003', msg: 'missing parameters', data: null } } });
		const { main } = await runJob(scnet, 'submit', params, { onError: 'continueRegularOutput' });

		expect(main[0].json).toMatchObject({ code: '10003', scnetMessage: 'missing parameters' });
		expect(main[0].json.description).toBe("The request did not reach the SCNet HPC job API as sent. Check the credential's 'HPC Service URL'.");
	});

	it('stops the workflow with it when On Error is Stop, naming the job', async () => {
		const { error } = await runJob(scnet, 'submit', { ...params, queue: 'kshdnormal' });

		expect(error?.message).toBe(`SCNet refused the job: ${SLURM_REFUSALS.noDcu} (job 'probe', code 10001) [item 0]`);
	});
});

describe('Job → Submit: fail closed', () => {
	it('with "Stop", reads every item before submitting any: a later bad item submits nothing', async () => {
		const { error } = await scnet.run({
			resource: 'job',
			operation: 'submit',
			items: [{ wall: '00:10:00' }, { wall: '99:99' }],
			credentials: hpcToken(scnet.sandbox),
			parameters: { ...params, wallTime: '={{ $json.wall }}' },
		});

		expect(error?.message).toMatch(/^'Wall Time' must be HH:MM:SS, such as 01:00:00, not '99:99' \[item 1\]$/);
		expect(submits()).toEqual([]);
	});

	it.each([
		['no queue (an expression that gives none)', { queue: '={{ $json.missing }}' }, /^No queue in 'Queue'/],
		['no script', { script: '  \n ' }, /^No script in 'Script'/],
		['a relative working directory', { workDir: 'jobs/run' }, /^'Working Directory' must be an absolute path/],
		['a wall time that is not HH:MM:SS', { wallTime: '1h' }, /^'Wall Time' must be HH:MM:SS/],
		['nodes given as a word', { additionalFields: { nodes: 'two' } }, /^'Nodes' must be a whole number/],
		['memory without a unit', { additionalFields: { memory: '16' } }, /^'Memory' must be an amount in MB or GB/],
		["'exclusive' as a word", { additionalFields: { exclusive: 'yes' } }, /^'Exclusive' must be true or false/],
		['a scheduler the region does not have', { scheduler: '42' }, /^'Scheduler' must name a scheduler of the region, not '42'/],
		['a scheduler expression that gives nothing', { scheduler: '={{ $json.missing }}' }, /^'Scheduler' must name a scheduler of the region, not /],
		['a scheduler expression that gives an empty text', { scheduler: "={{ '' }}" }, /^'Scheduler' must name a scheduler of the region, not an empty text/],
		["'Wait Until Finished' as a word", { options: { waitUntilFinished: 'maybe' } }, /^'Wait Until Finished' must be true or false/],
		['a poll interval under 5 s', { options: { waitUntilFinished: true, pollInterval: 1 } }, /Poll Interval/],
	])('stops before submitting anything for %s', async (_, extra, message) => {
		const { error } = await runJob(scnet, 'submit', { ...params, ...extra });

		expect(error?.message).toMatch(message);
		expect(submits()).toEqual([]);
	});

	it('without a working directory and with no home known (a pasted token), fails the item and submits nothing', async () => {
		const { main } = await runJob(scnet, 'submit', submitParameters(), { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ submitted: false, code: 'NO_WORK_DIR' })]);
		expect(submits()).toEqual([]);
	});

	it('reads what an expression or an agent hands over as text: numbers, booleans, a scheduler by name', async () => {
		const { main } = await runJob(scnet, 'submit', {
			...params,
			scheduler: 'cluster_zz_2',
			queue: 'comp',
			additionalFields: { nodes: '2', coresPerNode: '4', exclusive: 'true', memory: '16 gb' },
		});

		expect(main[0].json).toMatchObject({ submitted: true, scheduler: OTHER_SCHEDULER });
		const body = JSON.parse(String(submits()[0].body));
		expect(body.strJobManagerID).toBe(OTHER_SCHEDULER);
		expect(body.mapAppJobInfo).toMatchObject({ GAP_NNODE: '2', GAP_PPN: '4', GAP_EXCLUSIVE: '1', GAP_JOB_MEM: '16GB' });
	});
});

describe('Job → Submit: waiting', () => {
	it('fails the item with WAIT_TIMEOUT and the last state when the job has not finished in time; the job runs on', async () => {
		scnet.sandbox.hpc.configure({ queueDelayMs: 3_600_000 });
		const { main } = await runJob(scnet, 'submit', { ...params, options: { waitUntilFinished: true, waitTimeout: 1, pollInterval: 5 } }, { onError: 'continueRegularOutput' });

		const [job] = [...scnet.sandbox.hpc.jobs.values()];
		expect(json(main)).toEqual([
			expect.objectContaining({ jobId: job.id, submitted: true, code: 'WAIT_TIMEOUT', state: 'Queued', rawState: 'statQ', message: `Job ${job.id} had not finished after 1 s: it was Queued (statQ)` }),
		]);
		expect(job.state).toBe('statQ');
	});

	it('reads a job that left the realtime list while it was waited for from history', async () => {
		scnet.sandbox.hpc.configure({ queueDelayMs: 50, runDelayMs: 50, realtimeRetentionMs: 0, missingJob: 'http404' });
		const { main } = await runJob(scnet, 'submit', { ...params, options: { waitUntilFinished: true, pollInterval: 5 } });

		expect(main[0].json).toMatchObject({ submitted: true, state: 'Completed', rawState: 'statC', exitCode: 0 });
		expect(scnet.sandbox.requests.some((request) => request.path === HISTORY_PATH)).toBe(true);
	});
});

describe('Job → Submit: the HPC service of the region', () => {
	it('signs in for a region that has jobs but no containers, and submits there', async () => {
		scnet.sandbox.auth.configure({ regions: [{ id: '11112', name: 'OpenAPI计算中心', aiUrl: null }] });
		const { main } = await runJob(scnet, 'submit', params, { credentials: accessKeyCredentials(scnet.sandbox) });

		expect(main[0].json).toMatchObject({ submitted: true });
	});

	it('fails with a clear error naming the service and the region when the region has no HPC service', async () => {
		scnet.sandbox.auth.configure({ regions: [{ id: '11112', name: 'OpenAPI计算中心', hpcUrl: null }] });
		const { main } = await runJob(scnet, 'submit', params, { credentials: accessKeyCredentials(scnet.sandbox), onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([
			expect.objectContaining({ submitted: false, code: 'NO_HPC_SERVICE', message: 'SCNet lists no enabled HPC job service for region OpenAPI计算中心 (11112)' }),
		]);
		expect(submits()).toEqual([]);
	});

	it('uses the HPC Service URL the credential names instead of discovery', async () => {
		const { main } = await runJob(scnet, 'submit', params, {
			credentials: accessKeyCredentials(scnet.sandbox, { centerUrl: 'http://127.0.0.1:9', hpcUrl: `${scnet.sandbox.url}/hpc/` }),
		});

		expect(main[0].json).toMatchObject({ submitted: true });
		expect(scnet.sandbox.requests.some((request) => request.path === CENTER_PATH)).toBe(false);
	});
});
