/**
 * Real-n8n scenarios for what keeps a workflow from acting on more than it should: a node added
 * now opens on a read, Retry On Fail never repeats a create, and a manual run of the SCNet Trigger
 * hands on only containers that match its event. They run in the one n8n and sandbox of
 * realN8nScenarios; each starts from a reset sandbox and leaves it reset.
 */
import type { IDataObject } from 'n8n-workflow';
import { setTimeout as delay } from 'node:timers/promises';

import { seedContainers, type SandboxContainer } from '../../sandbox/containers';
import type { RecordedRequest, Sandbox } from '../../sandbox/server';
import { IMAGES } from '../../sandbox/store';
import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/examples';
import type { ExecuteResult } from '../../scripts/n8n/instance';
import type { RealN8n } from './setup';
import { id, testWorkflow } from './workflows';

type Item = { json: IDataObject; pairedItem?: { item: number } };
type RunData = Record<string, Array<{ executionTime?: number; data?: { main: Item[][] } }>>;
type Execute = (workflowId: string) => Promise<ExecuteResult & { error?: string }>;

const outputOf = (runData: RunData, node: string, output = 0): Item[] => runData[node]?.[0]?.data?.main[output] ?? [];
const credentials = { scnetApi: SANDBOX_CREDENTIAL };
const manualTrigger = (workflowId: string) => ({ id: `${workflowId}-1`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} });
const fixedItems = (workflowId: string, items: object[], position = [200, 0]) => ({
	id: `${workflowId}-items`,
	name: 'Items',
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position,
	parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
});
const connect = (to: string[]) => ({ main: [to.map((node) => ({ node, type: 'main', index: 0 }))] });

/** Manual Trigger → a fresh SCNet node (version 2, no parameters); and → one item → a saved version 1 node with only Options → Dry Run. */
const DEFAULTS_WORKFLOW = 'scnetE2eDefaults';
/** The container the version 1 node is given: one the sandbox has. */
const DRY_RUN_TARGET = id(3);

function defaultsWorkflow(): object {
	const workflow = testWorkflow(DEFAULTS_WORKFLOW, [
		manualTrigger(DEFAULTS_WORKFLOW),
		// What n8n saves for a node just added: its defaults are left out.
		{ id: `${DEFAULTS_WORKFLOW}-2`, name: 'Fresh SCNet', type: 'n8n-nodes-scnet.scnet', typeVersion: 2, position: [220, -120], parameters: {}, credentials },
		fixedItems(DEFAULTS_WORKFLOW, [{ id: DRY_RUN_TARGET }], [220, 120]),
		// A version 1 node saved on its default operation (Delete): only its dry run is set.
		{ id: `${DEFAULTS_WORKFLOW}-4`, name: 'Saved SCNet v1', type: 'n8n-nodes-scnet.scnet', typeVersion: 1, position: [440, 120], parameters: { options: { dryRun: true } }, credentials },
	]);
	return { ...workflow, connections: { Start: connect(['Fresh SCNet', 'Items']), Items: connect(['Saved SCNet v1']) } };
}

/** Manual Trigger → three items, the first with a resource group SCNet refuses → SCNet Create with Retry On Fail and the error output. */
const RETRY_WORKFLOW = 'scnetE2eRetryCreate';
const RETRY_NAMES = ['e2e-retry-a', 'e2e-retry-b', 'e2e-retry-c'];

function retryWorkflow(): object {
	return testWorkflow(RETRY_WORKFLOW, [
		manualTrigger(RETRY_WORKFLOW),
		fixedItems(RETRY_WORKFLOW, [{ name: RETRY_NAMES[0], group: 'NoSuchGroup' }, { name: RETRY_NAMES[1] }, { name: RETRY_NAMES[2] }]),
		{
			id: `${RETRY_WORKFLOW}-3`,
			name: 'Create',
			type: 'n8n-nodes-scnet.scnet',
			typeVersion: 1,
			position: [400, 0],
			// n8n allows 2 to 5 tries, and takes a wait of 0 as its default of 1 s.
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
			onError: 'continueErrorOutput',
			parameters: {
				resource: 'container',
				operation: 'create',
				name: '={{ $json.name }}',
				resourceGroup: '={{ $json.group ?? "TeslaM40" }}',
				imagePath: { __rl: true, mode: 'list', value: IMAGES[0].imagePath },
				options: {},
			},
			credentials,
		},
	]);
}

/** SCNet Trigger (Container Created, status Waiting) → SCNet Stop: what a manual run hands on is stopped for real. */
const TRIGGER_RUN_WORKFLOW = 'scnetE2eTriggerRun';
const TRIGGER = 'SCNet Trigger';

function triggerRunWorkflow(): object {
	return testWorkflow(TRIGGER_RUN_WORKFLOW, [
		{
			id: `${TRIGGER_RUN_WORKFLOW}-1`,
			name: TRIGGER,
			type: 'n8n-nodes-scnet.scnetTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'containerCreated', statuses: ['Waiting'], options: {} },
			credentials,
		},
		{
			id: `${TRIGGER_RUN_WORKFLOW}-2`,
			name: 'Stop',
			type: 'n8n-nodes-scnet.scnet',
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'container', operation: 'stop', containerIds: '={{ $json.id }}', options: {} },
			credentials,
		},
	]);
}

/** The workflows of these scenarios, for the set-up to import with the others. */
export function safetyWorkflows(): object[] {
	return [defaultsWorkflow(), retryWorkflow(), triggerRunWorkflow()];
}

/** The requests that reached a container route, by route name (`list`, `delete`, `create`, …). */
const requestsOn = (sandbox: Sandbox, route: string) => sandbox.requests.filter((request) => request.route === route);
/** Newest first, as SCNet lists them (and the sandbox does). */
const newestFirst = (sandbox: Sandbox) => [...sandbox.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));
const countBy = (values: string[]) => values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});

/** Scenarios run with `n8n execute`: they go before the server starts (it would hold the task broker's port). */
export function safetyScenarios(env: () => RealN8n, execute: Execute): void {
	it("runs a fresh node's default: version 2 with no parameters lists containers (Get Many, Limit 50), version 1 keeps Delete (here its dry run), nothing deleted", async () => {
		const { sandbox } = env();
		sandbox.reset();
		// More containers than the default Limit, so that it shows: 15 more of the seeded kind (60 in all).
		for (const container of seedContainers(55).slice(40)) sandbox.containers.set(container.id, container);
		expect(sandbox.containers.size).toBeGreaterThan(50);
		const newest = newestFirst(sandbox).slice(0, 50).map((container) => container.id);
		try {
			const { exitCode, run, error } = await execute(DEFAULTS_WORKFLOW);

			expect([exitCode, error]).toEqual([0, undefined]);
			const runData = run?.data.resultData.runData as RunData;
			expect(outputOf(runData, 'Fresh SCNet').map((item) => item.json.id)).toEqual(newest);
			expect(outputOf(runData, 'Saved SCNet v1').map((item) => item.json)).toEqual([expect.objectContaining({ id: DRY_RUN_TARGET, deleted: false, dryRun: true })]);
			// Only the listing reached the container service: no delete, nor anything else that changes.
			expect([...new Set(sandbox.requests.flatMap((request) => (request.route ? [request.route] : [])))]).toEqual(['list']);
			expect(requestsOn(sandbox, 'delete')).toEqual([]);
			expect(sandbox.containers.has(DRY_RUN_TARGET)).toBe(true);
		} finally {
			sandbox.reset();
		}
	});

	it('creates each container once under Retry On Fail while n8n retries the node for the item SCNet refused (error output)', async () => {
		const { sandbox } = env();
		sandbox.reset();
		try {
			const { exitCode, run, error } = await execute(RETRY_WORKFLOW);

			expect([exitCode, error]).toEqual([0, undefined]);
			const runData = run?.data.resultData.runData as RunData;
			// n8n did retry: the refused item came first, and three tries wait 1 s twice.
			expect(runData.Create[0].executionTime).toBeGreaterThanOrEqual(2000);
			const created = outputOf(runData, 'Create');
			expect(created.map((item) => [item.json.name, item.json.created, item.pairedItem?.item])).toEqual([
				[RETRY_NAMES[1], true, 1],
				[RETRY_NAMES[2], true, 2],
			]);
			expect(outputOf(runData, 'Create', 1).map((item) => [(item.json.error as IDataObject).name, (item.json.error as IDataObject).code, item.pairedItem?.item])).toEqual([
				[RETRY_NAMES[0], '716865', 0],
			]);
			// One create request carried out per item, over all tries. The reset revoked the session n8n
			// keeps in the credential (when an earlier test signed in), so the first request may be
			// refused for its token (10008: not carried out) and sent again after signing in.
			const creates = requestsOn(sandbox, 'create');
			const nameIn = (request: RecordedRequest) => String((JSON.parse(request.body) as IDataObject).instanceServiceName);
			const tokenAccepted = (request: RecordedRequest) => request.headers.token === sandbox.token || sandbox.auth.regionOf(request.headers.token) !== undefined;
			expect(countBy(creates.filter(tokenAccepted).map(nameIn))).toEqual({ [RETRY_NAMES[0]]: 1, [RETRY_NAMES[1]]: 1, [RETRY_NAMES[2]]: 1 });
			expect(creates.filter((request) => !tokenAccepted(request)).map(nameIn)).toEqual(creates.length > 3 ? [RETRY_NAMES[0]] : []);
			expect(creates.filter((request) => nameIn(request) !== RETRY_NAMES[0]).map(nameIn)).toEqual([RETRY_NAMES[1], RETRY_NAMES[2]]);
			const named = (name: string) => [...sandbox.containers.values()].filter((container) => container.instanceServiceName === name);
			expect(RETRY_NAMES.map((name) => named(name).length)).toEqual([0, 1, 1]);
			expect(created.map((item) => item.json.id)).toEqual([named(RETRY_NAMES[1])[0].id, named(RETRY_NAMES[2])[0].id]);
		} finally {
			sandbox.reset();
		}
	});
}

type Execution = { id: string; finished: boolean; mode?: string; status?: string; stoppedAt?: string | null; data?: { resultData: { runData: RunData; error?: { message: string } } } };

/** Runs a workflow manually from its trigger (as the editor does) and waits for the execution to end. */
async function runManually(n8n: RealN8n['n8n'], workflowId: string, trigger: string, ms = 120000): Promise<Execution> {
	const executionId = await n8n.runManually(workflowId, trigger);
	for (const started = Date.now(); Date.now() - started < ms; await delay(1000)) {
		const execution = await n8n.api<Execution>('GET', `/executions/${executionId}?includeData=true`).catch(() => undefined);
		if (execution?.stoppedAt && execution.status !== 'running') return execution;
	}
	throw new Error(`execution ${executionId} of ${workflowId} did not end within ${ms} ms`);
}

/** Makes the containers in `status` something else, but `keep`. */
function onlyIn(sandbox: Sandbox, status: SandboxContainer['status'], keep: string[] = []): void {
	for (const container of [...sandbox.containers.values()]) {
		if (container.status === status && !keep.includes(container.id)) sandbox.setStatus(container.id, 'Completed');
	}
	for (const one of keep) sandbox.setStatus(one, status);
}

/** Scenarios that need the server (a manual run from a polling trigger goes through its REST API). */
export function manualTriggerScenarios(env: () => RealN8n): void {
	it("fails a manual run of the SCNet Trigger when no container matches the event now, and the Stop after it sends nothing", async () => {
		const { n8n, sandbox } = env();
		sandbox.reset();
		onlyIn(sandbox, 'Waiting');
		try {
			const execution = await runManually(n8n, TRIGGER_RUN_WORKFLOW, TRIGGER);

			expect([execution.mode, execution.status]).toEqual(['manual', 'error']);
			expect(execution.data?.resultData.error?.message).toMatch(/^No container matches the event now/);
			expect(execution.data?.resultData.runData.Stop).toBeUndefined();
			expect(requestsOn(sandbox, 'list').length).toBeGreaterThan(0);
			expect(requestsOn(sandbox, 'stop')).toEqual([]);
		} finally {
			sandbox.reset();
		}
	});

	it('hands on only the matching container in a manual run of the SCNet Trigger: the Stop after it stops that one', async () => {
		const { n8n, sandbox } = env();
		sandbox.reset();
		const target = id(14);
		onlyIn(sandbox, 'Waiting', [target]);
		try {
			const execution = await runManually(n8n, TRIGGER_RUN_WORKFLOW, TRIGGER);

			expect([execution.mode, execution.status, execution.data?.resultData.error?.message]).toEqual(['manual', 'success', undefined]);
			const runData = execution.data?.resultData.runData as RunData;
			expect(outputOf(runData, TRIGGER).map((item) => [item.json.id, item.json.status])).toEqual([[target, 'Waiting']]);
			expect(outputOf(runData, 'Stop').map((item) => [item.json.id, item.json.stopped])).toEqual([[target, true]]);
			expect(requestsOn(sandbox, 'stop').map((request) => request.ids)).toEqual([[target]]);
			expect(sandbox.containers.get(target)?.status).toBe('Terminated');
		} finally {
			sandbox.reset();
		}
	});
}
