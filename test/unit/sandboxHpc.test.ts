/**
 * The sandbox's HPC (Slurm job) side, over HTTP as the node will use it: every route, the job's
 * life, the answers the reference leaves open (each setting), and what it shares with the
 * container routes (token check, recorded route names, faults, reset).
 */
import { CENTER_PATH, DEFAULT_ACCOUNT, V2_SIGN_IN_PATH } from '../../sandbox/auth';
import { SCHEDULERS } from '../../sandbox/hpc/cluster';
import { SLURM_REFUSALS } from '../../sandbox/hpc/submit';
import { CLUSTER_PATH, FILE_CONTENT_PATH, HISTORY_PATH, jobPath, JOBS_PATH, queuesPath, SUBMIT_PATH } from '../../sandbox/hpc/routes';
import { startSandbox, type Sandbox } from '../../sandbox/server';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ containers: 0 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

interface Call {
	query?: Record<string, string>;
	json?: unknown;
	form?: Record<string, string>;
	token?: string;
}

interface Answer {
	status: number;
	code?: string;
	msg?: string;
	// Each route's data has its own shape; the tests read it as the node will, field by field.
	data?: any;
	body: any;
}

async function call(method: string, path: string, { query, json, form, token }: Call = {}): Promise<Answer> {
	const url = new URL(path, sandbox.url);
	for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
	const headers: Record<string, string> = { token: token ?? sandbox.token };
	let body: string | undefined;
	if (json !== undefined) [headers['content-type'], body] = ['application/json', JSON.stringify(json)];
	if (form !== undefined) [headers['content-type'], body] = ['application/x-www-form-urlencoded', new URLSearchParams(form).toString()];
	const response = await fetch(url, { method, headers, body });
	const parsed = (await response.json()) as Answer['body'];
	return { status: response.status, code: parsed.code, msg: parsed.msg, data: parsed.data, body: parsed };
}

const SCHEDULER = SCHEDULERS[0].id;
/** The cluster user, who differs from the login in the sandbox as on the real platform. */
const USER = DEFAULT_ACCOUNT.clusterUser;
const WORK_DIR = `/public/home/${USER}/BASE/probe`;

/** A submission as the official page's example has it, with fields replaced by `info`. */
const submission = (info: Record<string, string> = {}, strJobManagerID: unknown = SCHEDULER) => ({
	strJobManagerID,
	mapAppJobInfo: {
		GAP_CMD_FILE: 'seq 10',
		GAP_NNODE: '1',
		GAP_NODE_STRING: '',
		GAP_SUBMIT_TYPE: 'cmd',
		GAP_JOB_NAME: 'probe',
		GAP_WORK_DIR: WORK_DIR,
		GAP_QUEUE: 'debug',
		GAP_NPROC: '',
		GAP_PPN: '1',
		GAP_NGPU: '',
		GAP_NDCU: '',
		GAP_JOB_MEM: '',
		GAP_WALL_TIME: '00:10:00',
		GAP_EXCLUSIVE: '',
		GAP_APPNAME: 'BASE',
		GAP_MULTI_SUB: '',
		GAP_STD_OUT_FILE: `${WORK_DIR}/std.out.%j`,
		GAP_STD_ERR_FILE: `${WORK_DIR}/std.err.%j`,
		...info,
	},
});

async function submit(info: Record<string, string> = {}): Promise<string> {
	const answer = await call('POST', SUBMIT_PATH, { json: submission(info) });
	expect(answer).toMatchObject({ status: 200, code: '0' });
	return answer.data as string;
}

const list = (query: Record<string, string> = {}) => call('GET', JOBS_PATH, { query: { strClusterIDList: String(SCHEDULER), ...query } });

/** History over the last hour (by end time), as the reference's wait recipe asks for it. */
function history(query: Record<string, string> = {}, schedulerParam = 'strClusterNameList') {
	const at = (ms: number) => new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
	return call('GET', HISTORY_PATH, {
		query: {
			[schedulerParam]: String(SCHEDULER),
			startTime: at(Date.now() - 3600 * 1000),
			endTime: at(Date.now() + 60 * 1000),
			timeType: 'CUSTOM',
			isQueryByQueueTime: 'false',
			start: '0',
			limit: '25',
			...query,
		},
	});
}

const cancelMap = (...jobIds: string[]) => jobIds.map((id) => `${SCHEDULER},${USER}:${id}:`).join(';');
const readFile = (dirPath: string, triggerNum = 1, rollDirection = 'UP') =>
	call('POST', FILE_CONTENT_PATH, { form: { hostName: '', dirPath, triggerNum: String(triggerNum), rollDirection } });

/** Polls until `check` holds (the job's life runs on real time). */
async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error('timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}
const stateInList = async (jobId: string) => (await list({ strJobId: jobId })).data.list[0]?.jobStatus as string | undefined;

/** Signs in with the password: the platform token (cluster 0) and the region's. */
async function signIn(): Promise<{ platform: string; region: string }> {
	const { user: name, password, orgId } = sandbox.auth.settings.account;
	const answer = await fetch(new URL(V2_SIGN_IN_PATH, sandbox.url), { method: 'POST', headers: { user: name, password, orgid: orgId } });
	const tokens = ((await answer.json()) as { data: Array<{ clusterId: string; token: string }> }).data;
	const tokenOf = (wanted: (clusterId: string) => boolean) => tokens.find((entry) => wanted(entry.clusterId))?.token as string;
	return { platform: tokenOf((id) => id === '0'), region: tokenOf((id) => id !== '0') };
}

describe('region discovery', () => {
	const center = async () => call('GET', CENTER_PATH, { token: (await signIn()).region });

	it('lists the sandbox itself as the job and file service, and aiUrls as before', async () => {
		const { data } = await center();

		expect(data.aiUrls).toEqual([{ enable: 'true', version: 'v2', url: `${sandbox.url}/ai` }]);
		expect(data.hpcUrls).toEqual([{ enable: 'true', isManagerNode: 'true', version: 'v2', url: sandbox.url }]);
		expect(data.efileUrls).toEqual([expect.objectContaining({ enable: 'true', version: 'v2', url: sandbox.url, udpPort: '65104' })]);
		expect(data.clusterUserInfo.userName).toBe(USER);
	});

	it('lists no job service for a region set without one', async () => {
		sandbox.auth.configure({ regions: [{ id: '11112', name: 'OpenAPI计算中心', hpcUrl: null, efileUrl: { enable: 'false' } }] });
		const { data } = await center();

		expect(data.hpcUrls).toEqual([]);
		expect(data.efileUrls).toEqual([expect.objectContaining({ enable: 'false', url: sandbox.url })]);
	});
});

describe('the token check', () => {
	it.each([
		['no token', ''],
		['a wrong token', 'not-the-token'],
	])('refuses %s with HTTP 200 and code 10008, changing nothing', async (_, token) => {
		const answer = await call('POST', SUBMIT_PATH, { json: submission(), token });

		expect(answer).toMatchObject({ status: 200, code: '10008' });
		expect(sandbox.hpc.jobs.size).toBe(0);
	});

	it("takes the region's token from sign-in, not the platform's", async () => {
		const { platform, region } = await signIn();

		expect((await call('POST', SUBMIT_PATH, { json: submission(), token: platform })).code).toBe('10008');
		expect((await call('POST', SUBMIT_PATH, { json: submission(), token: region })).data).toBe('834040');
	});

	it('names the route of every request it records, refused or not', async () => {
		await call('GET', CLUSTER_PATH, { token: 'wrong' });
		await submit();
		await list();

		expect(sandbox.requests.map((request) => request.route)).toEqual(['hpc.cluster', 'hpc.submit', 'hpc.jobs']);
	});
});

describe('schedulers and queues', () => {
	it('lists at least two schedulers with the fields of the official table', async () => {
		const { code, data } = await call('GET', CLUSTER_PATH);

		expect(code).toBe('0');
		expect(data.length).toBeGreaterThanOrEqual(2);
		for (const entry of data) {
			expect(entry).toEqual({ id: expect.any(Number), text: expect.any(String), JobManagerType: 'SLURM', JobManagerAddr: expect.any(String), JobManagerPort: expect.any(String) });
		}
	});

	it("lists a scheduler's queues for the cluster user", async () => {
		const { data } = await call('GET', queuesPath(USER), { query: { strJobManagerID: String(SCHEDULER) } });

		expect(data.map((queue: { id: string }) => queue.id)).toEqual(['debug', 'kshcnormal', 'kshdnormal']);
		expect(data[0]).toMatchObject({ text: 'debug', aclHosts: expect.any(String), queMaxDcuPN: '0' });
	});

	it.each([
		['without strJobManagerID', USER, {}, '10003'],
		['for an unknown scheduler', USER, { strJobManagerID: '42' }, '10004'],
		['for another user', 'someone-else', { strJobManagerID: '1638523853' }, '10004'],
	])('refuses %s', async (_, name, query, code) => {
		expect((await call('GET', queuesPath(name), { query })).code).toBe(code);
	});
});

describe('submit', () => {
	it("answers the new job's ID as text, for a scheduler ID sent as a number or as text", async () => {
		const first = await call('POST', SUBMIT_PATH, { json: submission() });
		const second = await call('POST', SUBMIT_PATH, { json: submission({}, String(SCHEDULER)) });

		expect([first.data, second.data]).toEqual(['834040', '834041']);
		expect(sandbox.hpc.jobs.get('834040')).toMatchObject({ user: USER, queue: 'debug', stdoutPath: `${WORK_DIR}/std.out.834040` });
	});

	it.each<[string, Record<string, string>, string, string | RegExp]>([
		['a missing queue', { GAP_QUEUE: '' }, '10003', /GAP_QUEUE/],
		['a missing command', { GAP_CMD_FILE: '' }, '10003', /GAP_CMD_FILE/],
		['neither a node count nor a node list', { GAP_NNODE: '' }, '10003', /GAP_NNODE/],
		['another submit type', { GAP_SUBMIT_TYPE: 'file' }, '10004', /GAP_SUBMIT_TYPE/],
		['another application', { GAP_APPNAME: 'FLUENT' }, '10004', /GAP_APPNAME/],
		['a wall time not HH:MM:SS', { GAP_WALL_TIME: '10m' }, '10004', /GAP_WALL_TIME/],
		['a relative work dir', { GAP_WORK_DIR: 'BASE/probe' }, '10004', /GAP_WORK_DIR/],
		['both total cores and cores per node', { GAP_NPROC: '4' }, '10004', /GAP_NPROC/],
		['an unknown queue', { GAP_QUEUE: 'nosuchqueue' }, '10001', SLURM_REFUSALS.partition],
		['a DCU queue asked for 0 DCUs', { GAP_QUEUE: 'kshdnormal', GAP_NDCU: '0' }, '10001', SLURM_REFUSALS.noDcu],
		["a wall time over the queue's", { GAP_WALL_TIME: '24:00:00' }, '10001', SLURM_REFUSALS.timeLimit],
	])('refuses %s', async (_, info, code, msg) => {
		const answer = await call('POST', SUBMIT_PATH, { json: submission(info) });

		expect(answer).toMatchObject({ status: 200, code, data: null });
		expect(answer.msg).toEqual(typeof msg === 'string' ? msg : expect.stringMatching(msg));
		expect(sandbox.hpc.jobs.size).toBe(0);
	});

	it('refuses a value sent as a number, where the page says all are text', async () => {
		const body = submission();
		const answer = await call('POST', SUBMIT_PATH, { json: { ...body, mapAppJobInfo: { ...body.mapAppJobInfo, GAP_NNODE: 1 } } });

		expect(answer).toMatchObject({ code: '10004', msg: expect.stringContaining('GAP_NNODE') });
	});

	it('takes a DCU job that asks for DCUs', async () => {
		expect(await submit({ GAP_QUEUE: 'kshdnormal', GAP_NDCU: '1' })).toBe('834040');
	});
});

describe("a job's life", () => {
	it('submit → list → detail → finished → history, moved by hand', async () => {
		const jobId = await submit();

		const queued = await list();
		expect(queued.data).toEqual({ total: 1, list: [expect.objectContaining({ jobId, jobName: 'probe', jobStatus: 'statQ', queue: 'debug', user: USER })] });
		expect((await call('GET', jobPath(jobId))).data).toMatchObject({ jobId, jobStatus: 'statQ', outputPath: `${WORK_DIR}/std.out.${jobId}` });

		sandbox.hpc.setState(jobId, 'statR');
		expect(await stateInList(jobId)).toBe('statR');
		expect((await history()).data.total).toBe(0);

		sandbox.hpc.setState(jobId, 'statC');
		expect((await call('GET', jobPath(jobId))).data).toMatchObject({ jobStatus: 'statC', jobInitAttr: { JobState: 'COMPLETED' } });
		const finished = await history();
		expect(finished.data).toEqual({ total: 1, list: [expect.objectContaining({ jobId, jobState: 'statC', jobExitStatus: 0, workDir: WORK_DIR })] });
		expect(finished.data.list[0]).not.toHaveProperty('jobStatus');
	});

	it('runs on its own: queued, running, completed, then only in history', async () => {
		// Windows wide enough for a poll every 25 ms to see each state on a busy machine.
		sandbox.hpc.configure({ queueDelayMs: 300, runDelayMs: 500, realtimeRetentionMs: 500 });
		const jobId = await submit();

		expect(await stateInList(jobId)).toBe('statQ');
		await until(async () => (await stateInList(jobId)) === 'statR');
		await until(async () => (await stateInList(jobId)) === 'statC');
		expect((await history()).data.list[0]).toMatchObject({ jobId, jobState: 'statC' });
		await until(async () => (await list()).data.total === 0);
		expect((await history()).data.list[0]).toMatchObject({ jobId, jobState: 'statC' });
	});

	it.each([
		['statE by default', {}, 'statE', 'statE'],
		['statD when told', { failedState: 'statD' as const }, 'statD', 'statD'],
		['statC in the realtime list when it lags, the truth in history', { failureShowsCompleted: true }, 'statC', 'statE'],
	])('ends a script that exits non-zero %s', async (_, settings, realtime, historyState) => {
		sandbox.hpc.configure({ queueDelayMs: 0, runDelayMs: 50, ...settings });
		const jobId = await submit({ GAP_CMD_FILE: 'echo starting\nexit 3' });

		await until(async () => (await history()).data.total === 1);
		expect((await call('GET', jobPath(jobId))).data).toMatchObject({ jobStatus: realtime, reason: 'NonZeroExitCode', jobInitAttr: { JobState: 'FAILED' } });
		expect((await history()).data.list[0]).toMatchObject({ jobState: historyState, jobExitStatus: 3 });
	});

	it('times out a job that runs past its wall time', async () => {
		sandbox.hpc.configure({ queueDelayMs: 0, runDelayMs: 60_000 });
		const jobId = await submit({ GAP_WALL_TIME: '00:00:01' });

		await until(async () => (await stateInList(jobId)) === 'statT');
		expect((await history()).data.list[0]).toMatchObject({ jobId, jobState: 'statT', reason: 'TimeLimit' });
	});

	it('refuses an unknown job or state by hand', async () => {
		expect(() => sandbox.hpc.setState('999', 'statC')).toThrow('no job 999');
		const jobId = await submit();
		expect(() => sandbox.hpc.setState(jobId, 'COMPLETED' as never)).toThrow(/statQ/);
	});
});

describe('the realtime list', () => {
	it('pages by start and limit with the total, newest first', async () => {
		for (let n = 0; n < 5; n++) await submit({ GAP_JOB_NAME: `probe-${n}` });

		const first = await list({ start: '0', limit: '2' });
		const last = await list({ start: '4', limit: '2' });

		expect(first.data.total).toBe(5);
		expect(first.data.list.map((job: { jobName: string }) => job.jobName)).toEqual(['probe-4', 'probe-3']);
		expect(last.data.list.map((job: { jobName: string }) => job.jobName)).toEqual(['probe-0']);
	});

	it('caps a page at pageCap', async () => {
		sandbox.hpc.configure({ pageCap: 2 });
		for (let n = 0; n < 3; n++) await submit();

		expect((await list({ limit: '25' })).data.list).toHaveLength(2);
	});

	it("filters by state, and lists only the scheduler's jobs", async () => {
		const running = await submit();
		await submit();
		sandbox.hpc.setState(running, 'statR');

		expect((await list({ strJobStat: 'statR' })).data.list.map((job: { jobId: string }) => job.jobId)).toEqual([running]);
		expect((await list({ strClusterIDList: String(SCHEDULERS[1].id) })).data.total).toBe(0);
	});

	it('refuses a request without strClusterIDList', async () => {
		expect((await call('GET', JOBS_PATH)).code).toBe('10003');
	});

	it('answers POST with HTTP 405, as a live client saw', async () => {
		const answer = await call('POST', JOBS_PATH, { json: {} });

		expect(answer).toMatchObject({ status: 405, body: { error: 'Method Not Allowed' } });
		expect(sandbox.requests[0].route).toBe('hpc.methodNotAllowed');
	});
});

describe('the detail of a job that left the realtime list', () => {
	beforeEach(() => sandbox.hpc.configure({ realtimeRetentionMs: 0 }));
	const gone = async () => {
		const jobId = await submit();
		sandbox.hpc.setState(jobId, 'statC');
		return call('GET', jobPath(jobId));
	};

	it('is an error with Slurm\'s text by default', async () => {
		expect(await gone()).toMatchObject({ status: 200, code: '10001', msg: expect.stringContaining('Invalid job id') });
	});

	it('is data: null when told', async () => {
		sandbox.hpc.configure({ missingJob: 'null' });
		expect(await gone()).toMatchObject({ status: 200, code: '0', data: null });
	});

	it('is HTTP 404 when told', async () => {
		sandbox.hpc.configure({ missingJob: 'http404' });
		expect(await gone()).toMatchObject({ status: 404, body: { status: 404, error: 'Not Found' } });
	});

	it('leaves the job in history', async () => {
		await gone();
		expect((await history()).data.total).toBe(1);
	});
});

describe('history', () => {
	it('keeps a finished job from the list until historyDelayMs has passed', async () => {
		sandbox.hpc.configure({ historyDelayMs: 60_000 });
		sandbox.hpc.setState(await submit(), 'statC');

		expect((await history()).data.total).toBe(0);
	});

	it('filters by the time window, by end or by queue time', async () => {
		sandbox.hpc.setState(await submit(), 'statC');
		const future = { startTime: '2099-01-01 00:00:00', endTime: '2099-12-31 00:00:00' };

		expect((await history(future)).data.total).toBe(0);
		expect((await history({ isQueryByQueueTime: 'true' })).data.total).toBe(1);
	});

	it.each([
		['the time window', { startTime: '' }, '10003'],
		['the page', { limit: '' }, '10003'],
		['isQueryByQueueTime', { isQueryByQueueTime: '' }, '10003'],
		['a time not YYYY-MM-DD HH:mm:ss', { endTime: '2026-12-01T00:00:00Z' }, '10004'],
		['a time type other than CUSTOM', { timeType: 'WEEK' }, '10004'],
	])('refuses a request without or with a bad %s', async (_, query, code) => {
		expect((await history(query)).code).toBe(code);
	});

	it('takes the scheduler as strClusterNameList, and refuses strClusterIDList by default', async () => {
		sandbox.hpc.setState(await submit(), 'statC');

		expect((await history()).data.total).toBe(1);
		expect(await history({}, 'strClusterIDList')).toMatchObject({ code: '10003', msg: expect.stringContaining('strClusterNameList') });
	});

	it('can want strClusterIDList instead, as a live client saw', async () => {
		sandbox.hpc.configure({ historySchedulerParams: ['strClusterIDList'] });
		sandbox.hpc.setState(await submit(), 'statC');

		expect((await history({}, 'strClusterIDList')).data.total).toBe(1);
		expect(await history()).toMatchObject({ code: '10003', msg: expect.stringContaining('strClusterIDList') });
	});
});

describe('cancel', () => {
	const cancelByQuery = (map: string, jobMethod = '5') => call('DELETE', JOBS_PATH, { query: { jobMethod, strJobInfoMap: map } });
	const cancelByForm = (map: string) => call('DELETE', JOBS_PATH, { form: { jobMethod: '5', strJobInfoMap: map } });

	it('cancels the jobs of strJobInfoMap read from the query string, answering per scheduler', async () => {
		const [a, b] = [await submit(), await submit()];
		sandbox.hpc.setState(b, 'statR');

		const answer = await cancelByQuery(cancelMap(a, b));

		expect(answer).toMatchObject({ code: '0', data: { [String(SCHEDULER)]: 'success' } });
		expect([sandbox.hpc.jobs.get(a)?.state, sandbox.hpc.jobs.get(b)?.state]).toEqual(['statDE', 'statDE']);
		expect((await history()).data.list.map((job: { jobState: string }) => job.jobState)).toEqual(['statDE', 'statDE']);
	});

	it('ignores a form body by default: missing parameters', async () => {
		const jobId = await submit();

		expect((await cancelByForm(cancelMap(jobId))).code).toBe('10003');
		expect(sandbox.hpc.jobs.get(jobId)?.state).toBe('statQ');
	});

	it('reads only a form body when told: 10003 to the query string, then the fallback works', async () => {
		sandbox.hpc.configure({ cancelParams: 'form' });
		const jobId = await submit();

		expect((await cancelByQuery(cancelMap(jobId))).code).toBe('10003');
		expect((await cancelByForm(cancelMap(jobId))).code).toBe('0');
		expect(sandbox.hpc.jobs.get(jobId)?.state).toBe('statDE');
	});

	it("cancels the rest of a batch and gives scancel's text for an unknown or finished job", async () => {
		const [running, finished] = [await submit(), await submit()];
		sandbox.hpc.setState(finished, 'statC');

		const answer = await cancelByQuery(cancelMap(running, finished, '999'));

		expect(answer.code).toBe('10001');
		expect(answer.msg).toContain(`job id ${finished}: Job/step already completing or completed`);
		expect(answer.msg).toContain('job id 999: Invalid job id specified');
		expect(answer.data[String(SCHEDULER)]).toBe(answer.msg);
		expect(sandbox.hpc.jobs.get(running)?.state).toBe('statDE');
	});

	it.each([
		['another jobMethod', cancelMap('834040'), '4'],
		['a malformed entry', '834040', '5'],
		['an unknown scheduler', `42,${USER}:834040:`, '5'],
	])('refuses %s with 10004', async (_, map, jobMethod) => {
		await submit();
		expect((await cancelByQuery(map, jobMethod)).code).toBe('10004');
	});
});

describe("a job's output files", () => {
	const stdout = (jobId: string) => `${WORK_DIR}/std.out.${jobId}`;
	const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, n) => String(from + n)).join('\n');

	it('pages a 100,000-line file by 1000 lines from the end (UP) or the start (DOWN)', async () => {
		const jobId = await submit({ GAP_CMD_FILE: 'seq 100000' });
		sandbox.hpc.setState(jobId, 'statC');

		const tail = await readFile(stdout(jobId));
		expect(tail).toMatchObject({ code: '0', data: { allLineTotal: 100000, totalTriggerTimes: 100, success: 'true', errmsg: '' } });
		expect(tail.data.data).toBe(lines(99001, 100000));
		expect((await readFile(stdout(jobId), 2)).data.data).toBe(lines(98001, 99000));
		expect((await readFile(stdout(jobId), 1, 'DOWN')).data.data).toBe(lines(1, 1000));
		expect((await readFile(stdout(jobId), 101)).data).toMatchObject({ data: '', allLineTotal: 100000 });
	});

	it("writes stderr to its own file, or into stdout's (Slurm's default slurm-%j.out) when none is given", async () => {
		const script = 'seq 3\necho "oops" >&2';
		const split = await submit({ GAP_CMD_FILE: script });
		const merged = await submit({ GAP_CMD_FILE: script, GAP_STD_OUT_FILE: '', GAP_STD_ERR_FILE: '' });
		sandbox.hpc.setState(split, 'statC');
		sandbox.hpc.setState(merged, 'statC');

		expect((await readFile(stdout(split))).data.data).toBe('1\n2\n3');
		expect((await readFile(`${WORK_DIR}/std.err.${split}`)).data.data).toBe('oops');
		expect((await readFile(`${WORK_DIR}/slurm-${merged}.out`)).data.data).toBe('1\n2\n3\noops');
	});

	it('has no file while the job is queued, then one that grows while it runs and stops growing when it fails', async () => {
		sandbox.hpc.configure({ queueDelayMs: 300, runDelayMs: 20_000 });
		const jobId = await submit({ GAP_CMD_FILE: 'seq 100000' });

		expect((await readFile(stdout(jobId))).data).toMatchObject({ success: 'false', allLineTotal: 0, errmsg: expect.any(String) });
		await until(async () => (await readFile(stdout(jobId))).data.allLineTotal > 0);
		const before = (await readFile(stdout(jobId))).data.allLineTotal as number;
		await until(async () => (await readFile(stdout(jobId))).data.allLineTotal > before);
		sandbox.hpc.setState(jobId, 'statE');
		const atFailure = (await readFile(stdout(jobId))).data.allLineTotal as number;

		expect(atFailure).toBeLessThan(100000);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect((await readFile(stdout(jobId))).data.allLineTotal).toBe(atFailure);
	});

	it.each([
		['without dirPath', { triggerNum: '1', rollDirection: 'UP' }, '10003'],
		['with a page 0', { dirPath: '/x', triggerNum: '0', rollDirection: 'UP' }, '10004'],
		['with another direction', { dirPath: '/x', triggerNum: '1', rollDirection: 'LEFT' }, '10004'],
	])('refuses a request %s', async (_, form, code) => {
		expect((await call('POST', FILE_CONTENT_PATH, { form })).code).toBe(code);
	});

	it('reads no fields from a JSON body (they are form fields)', async () => {
		const answer = await call('POST', FILE_CONTENT_PATH, { json: { dirPath: '/x', triggerNum: 1, rollDirection: 'UP' } });

		expect(answer.code).toBe('10003');
	});
});

describe('what the HPC routes share with the container routes', () => {
	it('lets faults apply to them', async () => {
		sandbox.addFault({ when: (request) => request.route === 'hpc.submit', times: 1, respond: { status: 503, body: { error: 'busy' } } });

		expect((await call('POST', SUBMIT_PATH, { json: submission() })).status).toBe(503);
		expect(sandbox.hpc.jobs.size).toBe(0);
		expect(await submit()).toBe('834040');
	});

	it('forgets jobs and settings on reset, and numbers jobs from the start again', async () => {
		sandbox.hpc.configure({ missingJob: 'null' });
		await submit();
		sandbox.reset();

		expect(sandbox.hpc.jobs.size).toBe(0);
		expect(sandbox.hpc.settings.missingJob).toBe('error');
		expect(await submit()).toBe('834040');
	});
});
