import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';
import { CLUSTER_USER, HOME, json, runJob, SCHEDULER, submitParameters } from './fixtures';
import { SUBMIT_PATH } from '../../../sandbox/hpc/routes';

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
