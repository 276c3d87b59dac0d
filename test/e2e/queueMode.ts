import type { IDataObject } from 'n8n-workflow';

import { V3_SIGN_IN_PATH } from '../../sandbox/auth';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { readExamples, sandboxCredentials, SANDBOX_CREDENTIAL, WEBHOOK_CREDENTIAL, WEBHOOK_HEADER } from '../../scripts/n8n/examples';
import { postAll, startQueueCluster, type QueueCluster } from '../../scripts/n8n/queue';
import { ensureN8n } from '../../scripts/n8n/runtime';
import { log, packedPackage } from './setup';
import { executionsOf, OWNER, until, WEBHOOK_EXAMPLE } from './scenarios';
import { triggerWorkflow } from './workflows';

type Result = IDataObject & { id: string | null; deleted: boolean; code: string };

/** SCNet tokens live 6 s in this run, so sessions are renewed many times under the load. */
const TOKEN_LIFETIME_MS = 6000;
/** When the node renews a token proactively: four fifths into its life. */
const RENEWAL_INTERVAL_MS = (TOKEN_LIFETIME_MS * 4) / 5;
const POSTS = 300;
const IN_FLIGHT = 20;
const INVALID = 'not a valid id!';
const WATCH_WORKFLOW = 'scnetQueueWatch';

/** 2–5 container IDs per POST, each its own; every 20th also carries an invalid ID. */
function plan(ids: string[], posts: number): Array<{ ids: string[] }> {
	let next = 0;
	return Array.from({ length: posts }, (_, n) => {
		const own = ids.slice(next, next + 2 + (n % 4));
		next += own.length;
		return { ids: n % 20 === 7 ? [...own, INVALID] : own };
	});
}

/** The most requests in any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	for (let start = 0, end = 0; end < sorted.length; end++) {
		while (sorted[end] - sorted[start] > windowMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

/**
 * The webhook example in n8n's queue mode: a main process, Redis, two workers, PostgreSQL, the
 * packed package on every process, an Access Key credential whose tokens expire every few seconds.
 */
export function queueModeScenarios(version: string, basePort: number): void {
	let sandbox: Sandbox;
	let cluster: QueueCluster;
	let expectedChanges: string[][] = [];

	beforeAll(async () => {
		sandbox = await startSandbox({ containers: 1600, auth: { tokenLifetimeMs: TOKEN_LIFETIME_MS } });
		const [runtime, tarball] = await Promise.all([ensureN8n(version, log), packedPackage()]);
		cluster = await startQueueCluster({
			runtime,
			tarball,
			workers: 2,
			basePort,
			// The Access Key credential, and the header the webhook example requires.
			credentials: sandboxCredentials(sandbox).filter((credential) => [SANDBOX_CREDENTIAL.id, WEBHOOK_CREDENTIAL.id].includes((credential as { id: string }).id)),
			workflows: [readExamples()['webhook-delete-containers'], triggerWorkflow(WATCH_WORKFLOW, SANDBOX_CREDENTIAL, ['Completed'])],
			publish: [WEBHOOK_EXAMPLE, WATCH_WORKFLOW],
			log,
		});
		await cluster.main.setupOwner(OWNER.email, OWNER.password);
		// The trigger polls on the main; its first poll records what exists. Two containers the load
		// leaves alone then complete, for a later poll to report while the load runs.
		await until(() => sandbox.requests.some((request) => request.route === 'list'), 90000);
		expectedChanges = watchedIds().map((one) => [one, 'Running', 'Completed']);
		for (const [one] of expectedChanges) sandbox.setStatus(one, 'Completed');
	}, 30 * 60 * 1000);

	afterAll(async () => {
		await cluster?.stop();
		await sandbox?.close();
	});

	const url = () => `${cluster.main.baseUrl}/webhook/scnet-delete-containers`;
	/** The webhook example's Header Auth. */
	const headers = { [WEBHOOK_HEADER.name]: WEBHOOK_HEADER.value };
	/** Containers past the ones the load deletes, not Completed yet. */
	const watchedIds = () => [...sandbox.containers.values()].slice(1500).filter((container) => container.status === 'Running').slice(0, 2).map((container) => container.id);
	const signInTimes = () => sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH).map((request) => request.at);

	it(`answers ${POSTS} webhook calls, ${IN_FLIGHT} at a time, deleting every container exactly once, on both workers`, async () => {
		const ids = [...sandbox.containers.keys()].slice(0, 1100);
		const bodies = plan(ids, POSTS);
		const sent = bodies.flatMap((body) => body.ids.filter((one) => one !== INVALID));
		const signInsBefore = signInTimes().length;

		const { answers, ms } = await postAll<Result[]>(url(), bodies, IN_FLIGHT, { headers });
		log(`queue mode ${version}: ${POSTS} webhook calls in ${(ms / 1000).toFixed(1)} s`);

		// Every call answered with one result per ID, in its order.
		answers.forEach((answer, n) => {
			expect(answer).toMatchObject({ status: 200 });
			const results = (answer as { body: Result[] }).body;
			expect(results.map((result) => [result.id, result.code])).toEqual(
				bodies[n].ids.map((one) => (one === INVALID ? [one, 'INVALID_CONTAINER_ID'] : [one, '0'])),
			);
		});
		// Each container deleted once, by one DELETE request.
		for (const one of sent) {
			expect(sandbox.deletions.get(one)).toBe(1);
			expect(sandbox.containers.has(one)).toBe(false);
		}
		const deleteRequestsPerId = new Map<string, number>();
		for (const request of sandbox.requests.filter((candidate) => candidate.route === 'delete')) {
			for (const one of request.ids) deleteRequestsPerId.set(one, (deleteRequestsPerId.get(one) ?? 0) + 1);
		}
		expect([...deleteRequestsPerId.values()].every((count) => count === 1)).toBe(true);
		expect(deleteRequestsPerId.size).toBe(sent.length);

		// Both workers ran executions (each logs the executions it starts).
		for (const worker of cluster.workers) expect(worker.log).toMatch(/Worker started execution \d+/);

		// No storm of sign-ins: at most one renewal per process per renewal interval (plus the first).
		// The processes that sign in are the workers and the main, whose trigger polls with the same
		// credential; renewals are shared within a process, not across processes.
		const signIns = signInTimes().slice(signInsBefore);
		const processes = cluster.workers.length + 1;
		const bound = processes * (Math.ceil(ms / RENEWAL_INTERVAL_MS) + 1);
		log(`queue mode ${version}: ${signIns.length} sign-ins in ${(ms / 1000).toFixed(1)} s (bound ${bound}); busiest 300 ms: ${busiestWindow(signIns, 300)}`);
		expect(signIns.length).toBeLessThanOrEqual(bound);
		expect(busiestWindow(signIns, 300)).toBeLessThanOrEqual(processes);
	}, 15 * 60 * 1000);

	it('answers calls that repeat deleted containers with 716866 for each', async () => {
		const gone = [...sandbox.deletions.keys()].slice(0, 10);
		const bodies = [gone.slice(0, 3), gone.slice(3, 6), gone.slice(6, 10)].map((ids) => ({ ids }));

		const { answers } = await postAll<Result[]>(url(), bodies, 3, { headers });

		answers.forEach((answer, n) => {
			expect(answer).toMatchObject({ status: 200 });
			expect((answer as { body: Result[] }).body.map((result) => [result.id, result.deleted, result.code])).toEqual(
				bodies[n].ids.map((one) => [one, false, '716866']),
			);
		});
		for (const one of gone) expect(sandbox.deletions.get(one)).toBe(1);
	}, 5 * 60 * 1000);

	it('deletes no container twice when a worker is stopped in the middle of the load, and answers every call', async () => {
		const ids = [...sandbox.containers.keys()].slice(0, 200);
		const bodies = plan(ids, 60);

		const { answers } = await postAll<Result[]>(url(), bodies, IN_FLIGHT, {
			headers,
			afterEach: (answered) => {
				if (answered === 15) cluster.workers[1].terminate();
			},
		});

		// An answer with the results, or n8n's own error answer; never a call left hanging.
		expect(answers.filter((answer) => !('status' in answer))).toEqual([]);
		const answeredWithResults = answers.filter((answer) => 'status' in answer && answer.status === 200).length;
		log(`queue mode ${version}: with a worker stopped, ${answeredWithResults} of ${bodies.length} calls answered with results`);
		expect(answeredWithResults).toBeGreaterThan(0);
		for (const count of sandbox.deletions.values()) expect(count).toBe(1);
	}, 10 * 60 * 1000);

	it('runs the SCNet Trigger on the main and its executions on the workers, each change once', async () => {
		const [execution] = await executionsOf(cluster.main, WATCH_WORKFLOW, 1);
		const changes = (execution.data?.resultData.runData.Changes?.[0]?.data?.main[0] ?? []).map((item) => [item.json.id, item.json.previousStatus, item.json.status]);

		expect(changes.sort()).toEqual(expectedChanges.sort());
		expect(cluster.workers.some((worker) => worker.log.includes(`Worker started execution ${execution.id} `))).toBe(true);
	}, 5 * 60 * 1000);
}
