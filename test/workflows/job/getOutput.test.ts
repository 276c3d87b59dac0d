import { setTimeout as delay } from 'node:timers/promises';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../../../sandbox/auth';
import { FILE_CONTENT_PATH } from '../../../sandbox/hpc/routes';
import type { RecordedRequest } from '../../../sandbox/server';
import { useSandbox } from '../../harness/fixtures';
import { CLUSTER_USER, HOME, json, OTHER_SCHEDULER, runJob, SCHEDULER, submitParameters } from './fixtures';

/*
 * Job → Get Output through n8n's engine against the sandbox's HPC service: the job's stdout or
 * stderr file, read with `POST /file/content` (form `dirPath`, `triggerNum`, `rollDirection`),
 * 1,000 lines a page.
 */

/** A pasted token as SCNet issues them: a JWT whose `computeUser` claim names the cluster user. */
const claims = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${claims({ alg: 'HS256', typ: 'JWT' })}.${claims({ computeUser: CLUSTER_USER, user: DEFAULT_ACCOUNT.user })}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`;
const scnet = useSandbox({ containers: 0, token: TOKEN });

const reads = () => scnet.sandbox.requests.filter((request) => request.route === 'hpc.fileContent');
const formOf = (request: RecordedRequest) => new URLSearchParams(request.body);
/** [dirPath, triggerNum, rollDirection] of every file read. */
const pagesRead = () => reads().map((request) => [formOf(request).get('dirPath'), formOf(request).get('triggerNum'), formOf(request).get('rollDirection')]);
/** Lines `from` to `to` of `seq`: what the text of those lines is. */
const seqLines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, n) => String(from + n)).join('\n');
const stdoutOf = (jobId: string, dir = HOME) => `${dir}/std.out.${jobId}`;

/** Submits a job running `script` through the node; its ID. It stays queued for a second unless moved. */
async function submit(script: string, extra: INodeParameters = {}): Promise<string> {
	const { main, error } = await runJob(scnet, 'submit', submitParameters({ workDir: HOME, script, ...extra }));
	expect(error).toBeUndefined();
	return String(main[0].json.jobId);
}

/** A finished job that printed `seq 100000` on stdout. */
async function finishedSeq(): Promise<string> {
	const jobId = await submit('seq 100000');
	scnet.sandbox.hpc.setState(jobId, 'statC');
	return jobId;
}

const getOutput = (parameters: INodeParameters, rest: Parameters<typeof runJob>[3] = {}) => runJob(scnet, 'getOutput', parameters, rest);

describe('Job → Get Output', () => {
	it('reads a whole 100,000-line stdout file page by page from the start (Return All)', async () => {
		const jobId = await finishedSeq();

		const { main, error } = await getOutput({ jobId, returnAll: true });

		expect(error).toBeUndefined();
		expect(main).toHaveLength(1);
		expect(main[0].pairedItem).toEqual({ item: 0 });
		const { text, ...rest } = main[0].json;
		expect(rest).toEqual({ jobId, file: stdoutOf(jobId), lineCount: 100000, totalLines: 100000, truncated: false });
		expect(text === seqLines(1, 100000)).toBe(true);
		expect(pagesRead()).toEqual(Array.from({ length: 100 }, (_, n) => [stdoutOf(jobId), String(n + 1), 'DOWN']));
		expect(reads().every((request) => request.method === 'POST' && request.url === FILE_CONTENT_PATH && request.headers['content-type'] === 'application/x-www-form-urlencoded')).toBe(true);
	});

	it('returns the last 50 lines with one request from the end', async () => {
		const jobId = await finishedSeq();

		const { main } = await getOutput({ jobId, lines: 50 });

		expect(json(main)).toEqual([{ jobId, file: stdoutOf(jobId), text: seqLines(99951, 100000), lineCount: 50, totalLines: 100000, truncated: true }]);
		expect(pagesRead()).toEqual([[stdoutOf(jobId), '1', 'UP']]);
	});

	it('returns the last 1,500 lines across two pages', async () => {
		const jobId = await finishedSeq();

		const { main } = await getOutput({ jobId, lines: 1500 });

		expect(json(main)).toEqual([{ jobId, file: stdoutOf(jobId), text: seqLines(98501, 100000), lineCount: 1500, totalLines: 100000, truncated: true }]);
		expect(reads()).toHaveLength(2);
		expect(pagesRead()[0]).toEqual([stdoutOf(jobId), '1', 'UP']);
	});

	it('returns the last 100 lines unless told otherwise', async () => {
		const jobId = await finishedSeq();

		const { main } = await getOutput({ jobId });

		expect(json(main)).toEqual([{ jobId, file: stdoutOf(jobId), text: seqLines(99901, 100000), lineCount: 100, totalLines: 100000, truncated: true }]);
	});

	it('returns a short file whole, not truncated, when fewer lines are asked for than it has', async () => {
		const jobId = await submit('seq 1200');
		scnet.sandbox.hpc.setState(jobId, 'statC');

		const { main } = await getOutput({ jobId, lines: 5000 });

		expect(json(main)).toEqual([{ jobId, file: stdoutOf(jobId), text: seqLines(1, 1200), lineCount: 1200, totalLines: 1200, truncated: false }]);
	});

	it("reads a running job's last lines while it writes, each line once and ending where the file did", async () => {
		// 100,000 lines over 10 s: about ten lines more every millisecond while the pages are read.
		scnet.sandbox.hpc.configure({ queueDelayMs: 0, runDelayMs: 10_000 });
		const jobId = await submit('seq 100000');
		await delay(300);

		const { main } = await getOutput({ jobId, lines: 1500 });

		const [{ text, lineCount, totalLines, truncated }] = json(main);
		const lines = String(text).split('\n').map(Number);
		expect(lineCount).toBe(1500);
		expect(truncated).toBe(true);
		expect(lines).toEqual(Array.from({ length: 1500 }, (_, n) => lines[0] + n));
		expect(lines[1499]).toBe(totalLines);
	});

	it("reads the job's stderr file", async () => {
		const jobId = await submit('seq 3\necho oops >&2\necho "second problem" >&2');
		scnet.sandbox.hpc.setState(jobId, 'statC');

		const { main } = await getOutput({ jobId, stream: 'stderr', returnAll: true });

		const file = `${HOME}/std.err.${jobId}`;
		expect(json(main)).toEqual([{ jobId, file, text: 'oops\nsecond problem', lineCount: 2, totalLines: 2, truncated: false }]);
		expect(pagesRead()).toEqual([[file, '1', 'DOWN']]);
	});

	it('reads the file the job was told to write to at submission', async () => {
		const jobId = await submit('echo hello', { additionalFields: { stdoutFile: `${HOME}/logs/%j.log` } });
		scnet.sandbox.hpc.setState(jobId, 'statC');

		const { main } = await getOutput({ jobId });

		expect(json(main)).toEqual([{ jobId, file: `${HOME}/logs/${jobId}.log`, text: 'hello', lineCount: 1, totalLines: 1, truncated: false }]);
	});

	it("finds the file of a job that has left the realtime list from history's working directory", async () => {
		scnet.sandbox.hpc.configure({ realtimeRetentionMs: 0 });
		const workDir = `${HOME}/runs/7`;
		const jobId = await submit('seq 20', { workDir });
		scnet.sandbox.hpc.setState(jobId, 'statC');
		scnet.sandbox.requests.length = 0;

		const { main, error } = await getOutput({ jobId, lines: 5 });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([{ jobId, file: stdoutOf(jobId, workDir), text: seqLines(16, 20), lineCount: 5, totalLines: 20, truncated: true }]);
		expect(scnet.sandbox.requests.map((request) => request.route)).toEqual(['hpc.cluster', 'hpc.job', 'hpc.history', 'hpc.fileContent']);
		expect(pagesRead()).toEqual([[stdoutOf(jobId, workDir), '1', 'UP']]);
	});

	it('reads the job on the scheduler named', async () => {
		const jobId = await submit('echo there', { scheduler: OTHER_SCHEDULER, queue: 'comp' });
		scnet.sandbox.hpc.setState(jobId, 'statC');
		scnet.sandbox.hpc.configure({ realtimeRetentionMs: 0 });

		const { main } = await getOutput({ jobId, scheduler: 'cluster_zz_2' });

		expect(json(main)).toEqual([expect.objectContaining({ jobId, text: 'there' })]);
		const history = scnet.sandbox.requests.find((request) => request.route === 'hpc.history');
		expect(new URL(String(history?.url), 'http://sandbox').searchParams.get('strClusterNameList')).toBe(OTHER_SCHEDULER);
	});

	describe('a file that does not exist yet (queued job)', () => {
		it('Continue: a failure item naming the job and its file, with SCNet\'s words, after one read', async () => {
			const jobId = await submit('seq 10');

			const { main, error } = await getOutput({ jobId }, { onError: 'continueRegularOutput' });

			expect(error).toBeUndefined();
			const file = stdoutOf(jobId);
			expect(main).toEqual([
				{ json: expect.objectContaining({ jobId, file, code: 'OUTPUT_NOT_READABLE', scnetMessage: `文件不存在: ${file}` }), pairedItem: { item: 0 } },
			]);
			expect(json(main)[0].message).toContain('queued');
			expect(json(main)[0]).not.toHaveProperty('text');
			expect(reads()).toHaveLength(1);
			expect(scnet.sandbox.hpc.jobs.get(jobId)?.state).toBe('statQ');
		});

		it('Stop: the workflow stops, naming the job', async () => {
			const jobId = await submit('seq 10');

			const { main, error } = await getOutput({ jobId });

			expect(main).toEqual([]);
			expect(error?.message).toContain(`job ${jobId}, code OUTPUT_NOT_READABLE`);
		});
	});

	it('takes job IDs from expressions (numbers too) and options as text, and pairs every item with its input', async () => {
		const first = await finishedSeq();
		const second = await submit('echo one\necho two');
		scnet.sandbox.hpc.setState(second, 'statC');

		const { main } = await getOutput(
			{ jobId: '={{ $json.job }}', returnAll: '={{ $json.all }}', lines: '={{ $json.lines }}' },
			{ items: [{ job: Number(first), all: 'false', lines: '3' }, { job: second, all: 'true', lines: '' }] },
		);

		expect(main).toEqual([
			{ json: { jobId: first, file: stdoutOf(first), text: seqLines(99998, 100000), lineCount: 3, totalLines: 100000, truncated: true }, pairedItem: { item: 0 } },
			{ json: { jobId: second, file: stdoutOf(second), text: 'one\ntwo', lineCount: 2, totalLines: 2, truncated: false }, pairedItem: { item: 1 } },
		]);
	});

	describe('On Error', () => {
		it('Continue: a job SCNet does not know gives one failure item naming it; the other items their output', async () => {
			const jobId = await submit('echo fine');
			scnet.sandbox.hpc.setState(jobId, 'statC');

			const { main, errorOutput } = await getOutput({ jobId: '={{ $json.id }}' }, { items: [{ id: '999' }, { id: jobId }], onError: 'continueRegularOutput' });

			expect(errorOutput).toEqual([]);
			expect(main).toEqual([
				{ json: expect.objectContaining({ jobId: '999', code: 'JOB_NOT_FOUND' }), pairedItem: { item: 0 } },
				{ json: expect.objectContaining({ jobId, text: 'fine' }), pairedItem: { item: 1 } },
			]);
			expect(String(json(main)[0].message)).toContain('999');
		});

		it('Continue (using error output): the failure goes to the error output, naming the job and the item', async () => {
			const jobId = await submit('echo fine');
			scnet.sandbox.hpc.setState(jobId, 'statC');

			const { main, errorOutput, error } = await getOutput({ jobId: '={{ $json.id }}' }, { items: [{ id: jobId }, { id: '999' }], onError: 'continueErrorOutput' });

			expect(error).toBeUndefined();
			expect(main).toEqual([{ json: expect.objectContaining({ jobId, text: 'fine' }), pairedItem: { item: 0 } }]);
			expect(errorOutput).toHaveLength(1);
			expect(errorOutput[0].pairedItem).toEqual({ item: 1 });
			expect(errorOutput[0].json.error).toMatchObject({ jobId: '999', code: 'JOB_NOT_FOUND' });
			expect(errorOutput[0].json.message).toContain('(job 999, code JOB_NOT_FOUND) [item 1]');
		});

		it('Continue: a read that keeps failing gives a failure item naming the job and the file', async () => {
			const jobId = await finishedSeq();
			scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.fileContent', respond: { status: 502, body: '<html>bad gateway</html>' } });

			const { main } = await getOutput({ jobId, options: { maxTries: 2 } }, { onError: 'continueRegularOutput' });

			expect(json(main)).toEqual([expect.objectContaining({ jobId, file: stdoutOf(jobId), code: 'HTTP_502' })]);
			expect(reads()).toHaveLength(2);
		});

		it("Continue (using error output): a scheduler that names none of the region fails its item only, naming the job", async () => {
			const jobId = await submit('echo fine');
			scnet.sandbox.hpc.setState(jobId, 'statC');

			const { main, errorOutput } = await getOutput(
				{ jobId, scheduler: '={{ $json.scheduler }}' },
				{ items: [{ scheduler: 'no-such-cluster' }, { scheduler: 'cluster' }], onError: 'continueErrorOutput' },
			);

			expect(main).toEqual([{ json: expect.objectContaining({ jobId, text: 'fine' }), pairedItem: { item: 1 } }]);
			expect(errorOutput).toEqual([
				{
					json: expect.objectContaining({ error: expect.objectContaining({ jobId, code: 'UNKNOWN_SCHEDULER' }), message: expect.stringContaining("'Scheduler' must name a scheduler of the region, not 'no-such-cluster'") }),
					pairedItem: { item: 0 },
				},
			]);
			expect(reads()).toHaveLength(1);
		});

		it('reads a page again after a dropped connection', async () => {
			const jobId = await finishedSeq();
			scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.fileContent', times: 1, drop: true });

			const { main, error } = await getOutput({ jobId, lines: 2 });

			expect(error).toBeUndefined();
			expect(json(main)).toEqual([expect.objectContaining({ jobId, text: '99999\n100000' })]);
			expect(reads()).toHaveLength(2);
		});
	});

	describe('fails closed', () => {
		it.each<[string, unknown, RegExp]>([
			['a word', 'abc', /'abc'.*'Job ID'/],
			['a fraction', 1.5, /1\.5.*'Job ID'/],
			['nothing', '', /No job ID in 'Job ID'/],
		])('stops before any request for %s as the second item\'s job ID, naming the parameter', async (_, bad, message) => {
			const jobId = await finishedSeq();
			scnet.sandbox.requests.length = 0;

			const { main, error } = await getOutput({ jobId: '={{ $json.id }}' }, { items: [{ id: jobId }, { id: bad } as IDataObject] });

			expect(main).toEqual([]);
			expect(error?.message).toMatch(message);
			expect(error?.message).toContain('[item 1]');
			expect(scnet.sandbox.requests).toEqual([]);
		});

		it.each<[string, string, unknown, unknown, RegExp]>([
			['a stream', 'stream', 'stderr', 'stdin', /'Stream' must be one of stdout, stderr, not 'stdin'/],
			['a line count of 0', 'lines', 10, 0, /'Lines' must be a whole number from 1 to 100000, not 0/],
			['a line count in words', 'lines', '10', 'ten', /'Lines' must be a whole number from 1 to 100000, not 'ten'/],
			['Return All in words', 'returnAll', 'true', 'yes', /'Return All' must be true or false, not 'yes'/],
		])("stops before any request for %s in the second item that means nothing, naming the parameter", async (_, name, good, bad, message) => {
			const jobId = await finishedSeq();
			scnet.sandbox.requests.length = 0;

			const { main, error } = await getOutput({ jobId, [name]: '={{ $json.value }}' }, { items: [{ value: good }, { value: bad }] as IDataObject[] });

			expect(main).toEqual([]);
			expect(error?.message).toMatch(message);
			expect(error?.context.itemIndex).toBe(1);
			expect(scnet.sandbox.requests).toEqual([]);
		});

		it("stops before any job or file is read when a later item's scheduler names none of the region", async () => {
			const jobId = await finishedSeq();
			scnet.sandbox.requests.length = 0;

			const { main, error } = await getOutput(
				{ jobId: '={{ $json.id }}', scheduler: '={{ $json.scheduler }}' },
				{ items: [{ id: jobId, scheduler: SCHEDULER }, { id: jobId, scheduler: 'no-such-cluster' }] },
			);

			expect(main).toEqual([]);
			expect(error?.message).toContain("'Scheduler' must name a scheduler of the region, not 'no-such-cluster'");
			expect(scnet.sandbox.requests.map((request) => request.route)).toEqual(['hpc.cluster']);
		});
	});
});
