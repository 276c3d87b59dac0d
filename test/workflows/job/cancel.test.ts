import type { IDataObject, INodeExecutionData, INodeParameters, IPairedItemData } from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../../../sandbox/auth';
import { JOBS_PATH } from '../../../sandbox/hpc/routes';
import type { RecordedRequest } from '../../../sandbox/server';
import { queryOf } from '../../harness/faults';
import { useSandbox } from '../../harness/fixtures';
import { CLUSTER_USER, HOME, hpcToken, json, OTHER_SCHEDULER, runJob, SCHEDULER, submitParameters } from './fixtures';

/*
 * Job → Cancel through n8n's engine against the sandbox's HPC service: `DELETE /jobs` with
 * `jobMethod=5` and `strJobInfoMap` (`scheduler,clusterUser:jobId:` joined by `;`).
 */

/** A pasted token as SCNet issues them: a JWT whose `computeUser` claim names the cluster user (not the login, `user`). */
const claims = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${claims({ alg: 'HS256', typ: 'JWT' })}.${claims({ computeUser: CLUSTER_USER, user: DEFAULT_ACCOUNT.user })}.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg`;
const scnet = useSandbox({ containers: 0, token: TOKEN });

const entry = (jobId: string, scheduler = SCHEDULER) => `${scheduler},${CLUSTER_USER}:${jobId}:`;
const cancels = () => scnet.sandbox.requests.filter((request) => request.route === 'hpc.cancel');
/** The cancel's parameters as sent: the query's, or the form body's. */
const paramsOf = (request: RecordedRequest) => (request.body === '' ? queryOf(request) : new URLSearchParams(request.body));
const mapOf = (request: RecordedRequest) => paramsOf(request).get('strJobInfoMap');
const stateOf = (jobId: string) => scnet.sandbox.hpc.jobs.get(jobId)?.state;
/** [jobId, the input item it is paired with] for every output item. */
const pairs = (items: INodeExecutionData[]) => items.map((item) => [item.json.jobId, (item.pairedItem as IPairedItemData).item]);
const cancelled = (jobId: string, message = 'success') => ({ jobId, cancelled: true, code: '0', message });

/** Submits `count` jobs through the node (on `scheduler`, in `queue`); their IDs. They stay queued for a second unless moved. */
async function submit(count = 1, extra: INodeParameters = {}): Promise<string[]> {
	const { main, error } = await runJob(scnet, 'submit', submitParameters({ workDir: HOME, ...extra }), { items: Array.from({ length: count }, () => ({})) });
	expect(error).toBeUndefined();
	return main.map((item) => String(item.json.jobId));
}

const cancel = (jobIds: unknown, rest: Parameters<typeof runJob>[3] = {}, parameters: INodeParameters = {}) =>
	runJob(scnet, 'cancel', { jobIds: jobIds as string, ...parameters }, rest);

describe('Job → Cancel', () => {
	it('cancels a queued and a running job with one DELETE whose parameters are in the query string, naming the cluster user', async () => {
		const [queued, running] = await submit(2);
		scnet.sandbox.hpc.setState(running, 'statR');

		const { main, error } = await cancel(`${queued}, ${running}`);

		expect(error).toBeUndefined();
		expect(main).toEqual([
			{ json: cancelled(queued), pairedItem: { item: 0 } },
			{ json: cancelled(running), pairedItem: { item: 0 } },
		]);
		expect([stateOf(queued), stateOf(running)]).toEqual(['statDE', 'statDE']);
		expect(CLUSTER_USER).not.toBe(DEFAULT_ACCOUNT.user);
		const [request, ...more] = cancels();
		expect(more).toEqual([]);
		expect(request).toMatchObject({ method: 'DELETE', path: JOBS_PATH, body: '', queryKeys: ['jobMethod', 'strJobInfoMap'] });
		expect(queryOf(request).get('jobMethod')).toBe('5');
		expect(mapOf(request)).toBe(`${entry(queued)};${entry(running)}`);
	});

	it('sends the job IDs of all items together, each once, and gives every occurrence its own item, paired with its input', async () => {
		const [a, b, c, d] = await submit(4);
		const items = [{ ids: `${a},${b}` }, { ids: [c, a] }, { ids: Number(d) }];

		const { main, error } = await cancel('={{ $json.ids }}', { items });

		expect(error).toBeUndefined();
		expect(pairs(main)).toEqual([
			[a, 0],
			[b, 0],
			[c, 1],
			[a, 1],
			[d, 2],
		]);
		expect(json(main).every((item) => item.cancelled === true && typeof item.jobId === 'string')).toBe(true);
		expect(cancels().map(mapOf)).toEqual([[a, b, c, d].map((id) => entry(id)).join(';')]);
		expect([a, b, c, d].map(stateOf)).toEqual(['statDE', 'statDE', 'statDE', 'statDE']);
	});

	it("splits the jobs into requests of at most 'IDs per Request'", async () => {
		const ids = await submit(5);

		const { main } = await cancel(ids.join(' '), {}, { options: { batchSize: 2 } });

		expect(cancels().map(mapOf)).toEqual([
			`${entry(ids[0])};${entry(ids[1])}`,
			`${entry(ids[2])};${entry(ids[3])}`,
			entry(ids[4]),
		]);
		expect(json(main)).toEqual(ids.map((id) => cancelled(id)));
		expect(ids.map(stateOf)).toEqual(Array(5).fill('statDE'));
	});

	it("splits requests so that each URL leaves room for the service URL's 500 characters under 8,000", async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.cancel', respond: { body: { code: '0', msg: 'success', data: { [SCHEDULER]: 'success' } } } });
		const ids = Array.from({ length: 500 }, (_, n) => String(1_000_000 + n));

		const { main } = await cancel(ids.join(','), {}, { options: { batchSize: 500 } });

		expect(cancels().length).toBeGreaterThan(1);
		expect(Math.max(...cancels().map((request) => request.url.length))).toBeLessThanOrEqual(8000 - 500);
		expect(cancels().flatMap((request) => String(mapOf(request)).split(';'))).toEqual(ids.map((id) => entry(id)));
		expect(json(main).map((item) => item.jobId)).toEqual(ids);
	});

	it('sends a form body when SCNet finds no parameters in the query string (10003), and keeps to it for the rest of the run', async () => {
		scnet.sandbox.hpc.configure({ cancelParams: 'form' });
		const ids = await submit(3);

		const { main, error } = await cancel(ids.join(','), {}, { options: { batchSize: 2 } });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual(ids.map((id) => cancelled(id)));
		expect(ids.map(stateOf)).toEqual(['statDE', 'statDE', 'statDE']);
		const [byQuery, ...byForm] = cancels();
		expect(byQuery).toMatchObject({ method: 'DELETE', path: JOBS_PATH, body: '' });
		expect(mapOf(byQuery)).toBe(`${entry(ids[0])};${entry(ids[1])}`);
		expect(byForm.map((request) => [request.method, request.url, request.headers['content-type'], paramsOf(request).get('jobMethod'), mapOf(request)])).toEqual([
			['DELETE', JOBS_PATH, 'application/x-www-form-urlencoded', '5', `${entry(ids[0])};${entry(ids[1])}`],
			['DELETE', JOBS_PATH, 'application/x-www-form-urlencoded', '5', entry(ids[2])],
		]);
	});

	it("gives each job of a batch the truth when some cannot be cancelled: the others are cancelled, the rest carry scancel's words verbatim", async () => {
		const [queued, running, finished] = await submit(3);
		scnet.sandbox.hpc.setState(running, 'statR');
		scnet.sandbox.hpc.setState(finished, 'statC');

		const { main, error } = await cancel([queued, running, finished, '999'].join(','), { onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(cancels()).toHaveLength(1);
		expect([stateOf(queued), stateOf(running), stateOf(finished)]).toEqual(['statDE', 'statDE', 'statC']);
		const [first, second, third, fourth] = json(main);
		expect(first).toMatchObject({ jobId: queued, cancelled: true, code: '0' });
		expect(second).toMatchObject({ jobId: running, cancelled: true, code: '0' });
		const finishedWords = `scancel: error: Kill job error on job id ${finished}: Job/step already completing or completed`;
		expect(third).toMatchObject({ jobId: finished, cancelled: false, code: '10001', scnetMessage: finishedWords });
		expect(third.message).toContain(finishedWords);
		expect(third.message).not.toContain('internal error');
		const unknownWords = 'scancel: error: Kill job error on job id 999: Invalid job id specified';
		expect(fourth).toMatchObject({ jobId: '999', cancelled: false, code: '10001', scnetMessage: unknownWords });
		expect(fourth.message).toContain(unknownWords);
		expect(main.map((item) => item.pairedItem)).toEqual(Array(4).fill({ item: 0 }));
	});

	it('stops ("On Error: Stop") at a job that cannot be cancelled, naming it, and has cancelled the rest of its batch', async () => {
		const [running, finished] = await submit(2);
		scnet.sandbox.hpc.setState(running, 'statR');
		scnet.sandbox.hpc.setState(finished, 'statC');

		const { main, error } = await cancel(`${running},${finished}`);

		expect(main).toEqual([]);
		expect(error?.message).toContain(`job ${finished}, code 10001`);
		expect(error?.message).toContain('already completing or completed');
		expect([stateOf(running), stateOf(finished)]).toEqual(['statDE', 'statC']);
	});

	it('sends no further request once a job could not be cancelled ("On Error: Stop"), as Delete does', async () => {
		const [finished, queued] = await submit(2);
		scnet.sandbox.hpc.setState(finished, 'statC');

		const { error } = await cancel(`${finished},${queued}`, {}, { options: { batchSize: 1 } });

		expect(error?.message).toContain(`job ${finished}, code 10001`);
		expect(cancels().map(mapOf)).toEqual([entry(finished)]);
		expect(stateOf(queued)).toBe('statQ');
	});

	it("passes on SCNet's own words for a code it has no meaning for", async () => {
		const [jobId] = await submit();
		const words = 'slurmctld is in maintenance until 14:00';
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.cancel', respond: { body: { code: '20001', msg: words, data: null } } });

		const { main } = await cancel(jobId, { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ jobId, cancelled: false, code: '20001', scnetMessage: words })]);
		expect(json(main)[0].message).toContain(words);
		expect(stateOf(jobId)).toBe('statQ');
	});

	it('sends the cancel again after a dropped connection', async () => {
		const [jobId] = await submit();
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.cancel', times: 1, drop: true });

		const { main, error } = await cancel(jobId);

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([cancelled(jobId)]);
		expect(cancels().map((request) => request.url)).toEqual([cancels()[0].url, cancels()[0].url]);
		expect(stateOf(jobId)).toBe('statDE');
	});

	it('reports the job cancelled when the answer to a cancel SCNet carried out was lost, and the retry is refused', async () => {
		const [jobId] = await submit();
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.cancel', times: 1, lose: true });

		const { main, error } = await cancel(jobId);

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([cancelled(jobId, 'Cancelled')]);
		expect(cancels()).toHaveLength(2);
		expect(scnet.sandbox.requests.map((request) => request.route)).toContain('hpc.job');
		expect(stateOf(jobId)).toBe('statDE');
	});

	it('sends the cancel again after HTTP 503 until it goes through', async () => {
		const [jobId] = await submit();
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.cancel', times: 1, respond: { status: 503, body: '<html>503 Service Unavailable</html>' } });

		const { main } = await cancel(jobId);

		expect(json(main)).toEqual([cancelled(jobId)]);
		expect(cancels()).toHaveLength(2);
	});

	it("cancels on n8n's Retry On Fail after a try whose cancel did not go through", async () => {
		const [jobId] = await submit();
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.cancel', times: 1, respond: { status: 503, body: '<html>503 Service Unavailable</html>' } });

		const { main, error } = await cancel(jobId, { settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 10 } }, { options: { maxTries: 1 } });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([cancelled(jobId)]);
		expect(cancels()).toHaveLength(2);
		expect(stateOf(jobId)).toBe('statDE');
	});

	describe('On Error', () => {
		const refuseToken = () =>
			scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.cancel', respond: { body: { code: '10008', msg: '权限不足', data: null } } });

		it('Continue: one failure item per job, naming it and paired with its item; after a refused token no further request is sent', async () => {
			const [a, b, c] = await submit(3);
			refuseToken();

			const { main, errorOutput, error } = await cancel('={{ $json.ids }}', { items: [{ ids: a }, { ids: `${b} ${c}` }], onError: 'continueRegularOutput' }, { options: { batchSize: 1 } });

			expect(error).toBeUndefined();
			expect(errorOutput).toEqual([]);
			expect(pairs(main)).toEqual([
				[a, 0],
				[b, 1],
				[c, 1],
			]);
			expect(json(main).map((item) => [item.cancelled, item.code])).toEqual([
				[false, '10008'],
				[false, '10008'],
				[false, '10008'],
			]);
			expect(String(json(main)[2].description)).toContain('Not sent');
			expect(cancels().map(mapOf)).toEqual([entry(a)]);
			expect([a, b, c].map(stateOf)).toEqual(['statQ', 'statQ', 'statQ']);
		});

		it('Continue (using error output): the failures go to the error output, each naming its job; the cancelled jobs to the main output', async () => {
			const [running, finished] = await submit(2);
			scnet.sandbox.hpc.setState(running, 'statR');
			scnet.sandbox.hpc.setState(finished, 'statC');

			const { main, errorOutput, error } = await cancel('={{ $json.id }}', { items: [{ id: running }, { id: finished }], onError: 'continueErrorOutput' });

			expect(error).toBeUndefined();
			expect(main).toEqual([{ json: cancelled(running, 'Cancelled'), pairedItem: { item: 0 } }]);
			expect(errorOutput).toHaveLength(1);
			const [failed] = errorOutput;
			expect(failed.pairedItem).toEqual({ item: 1 });
			expect(failed.json.error).toMatchObject({ jobId: finished, cancelled: false, code: '10001' });
			expect(failed.json.message).toContain(`job ${finished}, code 10001`);
			expect(failed.json.message).toContain('[item 1]');
		});

		it('Stop: the first failure stops the workflow, naming the job and the item', async () => {
			const [a, b] = await submit(2);
			refuseToken();

			const { main, error } = await cancel('={{ $json.id }}', { items: [{ id: a }, { id: b }] });

			expect(main).toEqual([]);
			expect(error?.message).toMatch(new RegExp(`job ${a}, code 10008\\) \\[item 0\\]`));
		});
	});

	describe('fails closed', () => {
		it.each<[string, unknown, RegExp]>([
			['a word', 'abc', /Invalid job ID 'abc' in 'Job IDs'/],
			['a number with a letter', '83404O', /Invalid job ID '83404O' in 'Job IDs'/],
			['a fraction', 1.5, /Invalid job ID '1\.5' in 'Job IDs'/],
			['nothing', '', /No job ID in 'Job IDs'/],
			['null', null, /No job ID in 'Job IDs'/],
		])('stops before any request for %s in the second item, naming the parameter', async (_, bad, message) => {
			const [jobId] = await submit();
			scnet.sandbox.requests.length = 0;

			const { main, error } = await cancel('={{ $json.id }}', { items: [{ id: jobId }, { id: bad } as IDataObject] });

			expect(main).toEqual([]);
			expect(error?.message).toMatch(message);
			expect(error?.message).toContain('[item 1]');
			expect(scnet.sandbox.requests).toEqual([]);
			expect(stateOf(jobId)).toBe('statQ');
		});

		it("stops before any request when 'IDs per Request' cannot be read (a word from an expression)", async () => {
			const [jobId] = await submit();
			scnet.sandbox.requests.length = 0;

			const { error } = await cancel(jobId, {}, { options: { batchSize: '={{ "ten" }}' } });

			expect(error?.message).toMatch(/^The option 'IDs per Request' must be a whole number from 1 to 500/);
			expect(scnet.sandbox.requests).toEqual([]);
			expect(stateOf(jobId)).toBe('statQ');
		});

		it('Continue: an invalid job ID fails its item only', async () => {
			const [jobId] = await submit();

			const { main } = await cancel('={{ $json.id }}', { items: [{ id: 'x1' }, { id: jobId }], onError: 'continueRegularOutput' });

			expect(main).toEqual([
				{ json: expect.objectContaining({ jobId: 'x1', cancelled: false, code: 'INVALID_JOB_ID' }), pairedItem: { item: 0 } },
				{ json: cancelled(jobId), pairedItem: { item: 1 } },
			]);
			expect(cancels().map(mapOf)).toEqual([entry(jobId)]);
		});

		it('stops before cancelling anything when the scheduler of a later item names none of the region', async () => {
			const [jobId, other] = await submit(2);

			const { main, error } = await cancel('={{ $json.id }}', { items: [{ id: jobId, scheduler: SCHEDULER }, { id: other, scheduler: 'no-such-cluster' }] }, { scheduler: '={{ $json.scheduler }}' });

			expect(main).toEqual([]);
			expect(error?.message).toContain("'Scheduler' must name a scheduler of the region, not 'no-such-cluster'");
			expect(cancels()).toEqual([]);
			expect([stateOf(jobId), stateOf(other)]).toEqual(['statQ', 'statQ']);
		});

		it('stops before cancelling anything when the scheduler expression of a later item gives nothing', async () => {
			const [jobId, other] = await submit(2);

			const { main, error } = await cancel('={{ $json.id }}', { items: [{ id: jobId, scheduler: SCHEDULER }, { id: other }] }, { scheduler: '={{ $json.scheduler }}' });

			expect(main).toEqual([]);
			expect(error?.message).toMatch(/^'Scheduler' must name a scheduler of the region, not /);
			expect(cancels()).toEqual([]);
			expect([stateOf(jobId), stateOf(other)]).toEqual(['statQ', 'statQ']);
		});

		it("Continue: an unknown scheduler fails its item's jobs, naming each, and the other items' jobs are cancelled", async () => {
			const [jobId, other] = await submit(2);

			const { main } = await cancel(
				'={{ $json.id }}',
				{ items: [{ id: jobId, scheduler: SCHEDULER }, { id: other, scheduler: 'no-such-cluster' }], onError: 'continueRegularOutput' },
				{ scheduler: '={{ $json.scheduler }}' },
			);

			expect(main).toEqual([
				{ json: cancelled(jobId), pairedItem: { item: 0 } },
				{ json: expect.objectContaining({ jobId: other, cancelled: false, message: expect.stringContaining("'Scheduler'") }), pairedItem: { item: 1 } },
			]);
			expect([stateOf(jobId), stateOf(other)]).toEqual(['statDE', 'statQ']);
		});
	});

	describe('schedulers and the cluster user', () => {
		it('cancels on the scheduler named (by its name), with its ID in the map', async () => {
			const [jobId] = await submit(1, { scheduler: OTHER_SCHEDULER, queue: 'comp' });

			const { main } = await cancel(jobId, {}, { scheduler: 'cluster_zz_2' });

			expect(json(main)).toEqual([cancelled(jobId)]);
			expect(cancels().map(mapOf)).toEqual([entry(jobId, OTHER_SCHEDULER)]);
			expect(stateOf(jobId)).toBe('statDE');
		});

		it("sends each item's jobs to its own scheduler, in one request", async () => {
			const [first] = await submit(1);
			const [second] = await submit(1, { scheduler: OTHER_SCHEDULER, queue: 'comp' });

			const { main } = await cancel('={{ $json.id }}', { items: [{ id: first, scheduler: SCHEDULER }, { id: second, scheduler: OTHER_SCHEDULER }] }, { scheduler: '={{ $json.scheduler }}' });

			expect(json(main)).toEqual([cancelled(first), cancelled(second)]);
			expect(cancels().map(mapOf)).toEqual([`${entry(first)};${entry(second, OTHER_SCHEDULER)}`]);
			expect([stateOf(first), stateOf(second)]).toEqual(['statDE', 'statDE']);
		});

		it('does not take a job of another scheduler for one of the scheduler given', async () => {
			const [jobId] = await submit(1, { scheduler: OTHER_SCHEDULER, queue: 'comp' });

			const { main } = await cancel(jobId, { onError: 'continueRegularOutput' });

			expect(json(main)).toEqual([expect.objectContaining({ jobId, cancelled: false, scnetMessage: expect.stringContaining('Invalid job id specified') })]);
			expect(stateOf(jobId)).toBe('statQ');
		});

		it("names the credential's 'Cluster User' when it is set", async () => {
			const [jobId] = await submit();

			const { main } = await cancel(jobId, { credentials: hpcToken(scnet.sandbox, { token: TOKEN, clusterUser: 'someone-else' }), onError: 'continueRegularOutput' });

			expect(cancels().map(mapOf)).toEqual([`${SCHEDULER},someone-else:${jobId}:`]);
			expect(json(main)).toEqual([expect.objectContaining({ jobId, cancelled: false, scnetMessage: expect.stringContaining('Access/permission denied') })]);
			expect(stateOf(jobId)).toBe('statQ');
		});
	});
});

describe('Job → Cancel with a token that names no cluster user', () => {
	const plain = useSandbox({ containers: 0 });

	it('sends no cancel and says how to give the cluster user', async () => {
		const submitted = await runJob(plain, 'submit', submitParameters({ workDir: HOME }));
		const jobId = String(submitted.main[0].json.jobId);

		const { main, error } = await runJob(plain, 'cancel', { jobIds: jobId }, { onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([expect.objectContaining({ jobId, cancelled: false, code: 'NO_CLUSTER_USER' })]);
		expect(String(json(main)[0].description)).toContain("'Cluster User'");
		expect(plain.sandbox.requests.filter((request) => request.route === 'hpc.cancel')).toEqual([]);
		expect(plain.sandbox.hpc.jobs.get(jobId)?.state).toBe('statQ');
	});
});

/*
 * Version 3 gives every failure item an `error` object, and n8n's Retry On Fail runs the whole
 * node again when its first item carries one: the jobs cancelled on the first try must still be
 * reported cancelled, not failed, when the next try asks again.
 */
describe("Job → Cancel (version 3) under n8n's Retry On Fail", () => {
	it('the first job refused by SCNet makes n8n try again; the job cancelled on the first try is still reported cancelled', async () => {
		const [refused, running] = await submit(2);
		scnet.sandbox.hpc.setState(running, 'statR');
		scnet.sandbox.addFault({ when: (request) => request.route === 'hpc.cancel' && String(mapOf(request)).includes(`:${refused}:`), respond: { body: { code: '10001', msg: 'scancel failed', data: null } } });

		const { main, error, run } = await cancel(
			'={{ $json.id }}',
			{ typeVersion: 3, items: [{ id: refused }, { id: running }], onError: 'continueRegularOutput', settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 } },
			{ options: { batchSize: 1 } },
		);

		expect(error).toBeUndefined();
		expect(run.data.resultData.runData.SCNet).toHaveLength(1);
		expect(json(main).map((item) => [item.jobId, item.cancelled, (item.error as IDataObject | undefined)?.code])).toEqual([
			[refused, false, '10001'],
			[running, true, undefined],
		]);
		expect(stateOf(running)).toBe('statDE');
		// n8n tried three times: a cancel may be sent again (it cancels nothing twice), its outcome stays true.
		expect(cancels().filter((request) => String(mapOf(request)).includes(`:${running}:`))).toHaveLength(3);
	});
});
