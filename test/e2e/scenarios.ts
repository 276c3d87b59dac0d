import type { IDataObject } from 'n8n-workflow';
import { setTimeout as delay } from 'node:timers/promises';

import { readExamples, SANDBOX_TOKEN_CREDENTIAL, WEBHOOK_HEADER } from '../../scripts/n8n/examples';
import { chinaTime } from '../../sandbox/containers';
import { accessKeyCredentialData, accessTokenCredentialData } from '../../sandbox/credentials';
import { DEFAULT_ACCOUNT, V3_SIGN_IN_PATH } from '../../sandbox/auth';
import { DELETE_PATH, RESOURCE_GROUP_PATH, startSandbox, type RecordedRequest, type Sandbox } from '../../sandbox/server';
import type { RealN8n } from './setup';
import { manualTriggerScenarios, safetyScenarios, safetyWorkflows } from './safety';
import { log, setUpRealN8n, WATCHED_CREDENTIAL } from './setup';
import { jobFinishedWorkflow, jobTriggerScenario, slurmExampleScenario } from './jobs';
import { fileScenarios, roundTripWorkflow } from './files';
import { triggerTruthScenario } from './triggerTruth';
import { cleanUpCandidates, DEV_BOX, id, manualDeleteWorkflow, pickerWorkflow, START_EXAMPLE, triggerWorkflow } from './workflows';

type Item = { json: IDataObject; pairedItem?: { item: number } };
type RunData = Record<string, Array<{ data?: { main: Item[][] } }>>;

const outputOf = (runData: RunData, node: string, output = 0): Item[] => runData[node]?.[0]?.data?.main[output] ?? [];

/** The e2e workflow whose SCNet Trigger watches the second sandbox. */
const WATCH_WORKFLOW = 'scnetE2eWatch';

/** examples/forgotten-gpus.json, and the running containers the test makes nine hours old. */
const FORGOTTEN_GPUS = 'scnetForgotGpu1';
const FORGOTTEN = [id(0), id(24), id(36)];

/** SCNet's wall-clock time (China time) `hours` ago. */
const chinaTimeHoursAgo = (hours: number) => chinaTime(Date.now() - hours * 3600000);

/** A workflow with its polling trigger set to every minute (the least n8n allows), for a test that cannot wait longer. */
function everyMinute(workflow: object): object {
	const { nodes, ...rest } = workflow as { nodes: Array<{ parameters: Record<string, unknown> }> };
	return { ...rest, nodes: nodes.map((node) => ('pollTimes' in node.parameters ? { ...node, parameters: { ...node.parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } } } : node)) };
}

type Execution = { id: string; finished: boolean; data?: { resultData: { runData: RunData } } };

/** Waits until `check` holds (polling every half second), or fails after `ms`. */
export async function until(check: () => boolean, ms: number): Promise<void> {
	for (const started = Date.now(); !check(); await delay(500)) {
		if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
	}
}

/** The workflow's finished executions, newest first, once there are `count` (n8n polls at most once a minute). */
export async function executionsOf(n8n: RealN8n['n8n'], workflowId: string, count: number, ms = 150000): Promise<Execution[]> {
	let executions: Execution[] = [];
	for (const started = Date.now(); Date.now() - started < ms; await delay(2000)) {
		executions = (await n8n.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true`)).data;
		if (executions.filter((execution) => execution.finished).length >= count) return executions;
	}
	throw new Error(`${workflowId}: ${executions.length} executions after ${ms} ms, not ${count}`);
}

/** The ID of examples/webhook-delete-containers.json. */
export const WEBHOOK_EXAMPLE = 'scnetWebhook0001';

/**
 * POSTs JSON to the webhook example with `headers` (by default its Header Auth header), waiting for
 * its registration (it completes a moment after publishing or start-up).
 */
export async function postToWebhook(baseUrl: string, body: object, headers: Record<string, string> = { [WEBHOOK_HEADER.name]: WEBHOOK_HEADER.value }): Promise<Response> {
	const post = () =>
		fetch(`${baseUrl}/webhook/scnet-delete-containers`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
	let response = await post();
	for (let tries = 0; response.status === 404 && tries < 30; tries++) {
		await delay(1000);
		response = await post();
	}
	return response;
}

/**
 * What every supported n8n must do with the packed package: load it, run the examples and
 * manual workflows with `n8n execute`, test the credential, and serve the webhook example.
 * `moreWithServer` adds tests that need the server running.
 */
export const OWNER = { email: 'owner@example.com', password: 'Scnet-e2e-Passw0rd' };

export function realN8nScenarios(
	version: string,
	port: number,
	moreWithServer: (env: () => RealN8n) => void = () => {},
): void {
	let env: RealN8n;

	beforeAll(async () => {
		env = await setUpRealN8n(version, port, [
			manualDeleteWorkflow('scnetE2eContinue', [{ id: `${id(20)},${id(21)}` }, { id: id(22) }, { id: 'bad&id' }, { id: id(23) }], 'continueErrorOutput'),
			manualDeleteWorkflow('scnetE2eStop', [{ id: id(24) }, { id: id(25) }], undefined, SANDBOX_TOKEN_CREDENTIAL),
			manualDeleteWorkflow('scnetE2eRedirect', [{ id: id(27) }], 'continueRegularOutput', SANDBOX_TOKEN_CREDENTIAL),
			pickerWorkflow(),
			triggerWorkflow(WATCH_WORKFLOW, WATCHED_CREDENTIAL),
			everyMinute(readExamples()['forgotten-gpus']),
			jobFinishedWorkflow(),
			roundTripWorkflow(`/public/home/${DEFAULT_ACCOUNT.clusterUser}`),
			// Containers of the sandbox's 40 that the other tests leave alone.
			...[[6, 7, 8, 9, 10, 11], [12], [13, 14], [15, 16, 17, 18, 19, 26]].map((ns, run) =>
				manualDeleteWorkflow(`scnetE2eRenew${run}`, ns.map((n) => ({ id: id(n) }))),
			),
			...safetyWorkflows(),
		]);
	}, 30 * 60 * 1000);

	afterAll(async () => {
		await env?.n8n.stop();
		await env?.sandbox.close();
		await env?.watched.close();
		await elsewhere?.close();
		env?.n8n.destroy();
	});

	/** Another origin, for redirects that must not be followed: it records whatever reaches it. */
	let elsewhere: Sandbox | undefined;
	const redirectElsewhere = async (path: string) => {
		elsewhere ??= await startSandbox();
		elsewhere.reset();
		const target = `${elsewhere.url}/collect`;
		env.sandbox.addFault({
			when: (request: RecordedRequest) => request.path === path,
			times: 1,
			respond: { status: 302, body: '', headers: { location: target } },
		});
		return elsewhere;
	};

	const requestsTo = (path: string) => env.sandbox.requests.filter((request) => request.path === path).length;
	/** Runs a workflow with `n8n execute`; what went wrong, if anything, goes to the test log. */
	const execute = async (workflowId: string) => {
		const result = await env.n8n.execute(workflowId);
		const error = result.run?.data.resultData.error?.message;
		if (result.exitCode !== 0 || error) {
			const details = result.run ? JSON.stringify(result.run.data.resultData.error, null, 1) : result.output.slice(0, 4000);
			log(`n8n execute ${workflowId} failed:\n${details}`);
		}
		return { ...result, error };
	};

	it('runs the start example with n8n execute: starts the container, waits until it runs, runs a script, gets its URL', async () => {
		const { exitCode, run, output } = await env.n8n.execute(START_EXAMPLE);

		expect({ exitCode, error: run?.data.resultData.error?.message }).toEqual({ exitCode: 0, error: undefined });
		const report = outputOf(run?.data.resultData.runData as RunData, 'Report')[0].json;
		expect(report).toEqual({ id: DEV_BOX, status: 'Running', scriptAccepted: true, url: expect.stringContaining(`/jupyter-forward/${DEV_BOX}/`) });
		expect(env.sandbox.containers.get(DEV_BOX)?.status).toBe('Running');
		expect(env.sandbox.scriptRuns).toEqual([
			{ id: DEV_BOX, startScriptContent: 'nvidia-smi > /root/gpu-check.txt 2>&1\ndate >> /root/gpu-check.txt\n', startScriptActionScope: 'all' },
		]);
		// The first run of the execution signs in once with the access key; nothing secret is printed.
		expect(requestsTo(V3_SIGN_IN_PATH)).toBe(1);
		const secrets = [env.sandbox.auth.settings.account.secretKey, ...env.sandbox.requests.flatMap((r) => [r.headers.token, r.headers.signature])];
		for (const secret of secrets) if (typeof secret === 'string') expect(output).not.toContain(secret);
	});

	it('sends failures to the error output, with their codes, and successes to the main output', async () => {
		env.sandbox.failIds([id(22)], '716866');
		const { exitCode, run } = await env.n8n.execute('scnetE2eContinue');

		expect(exitCode).toBe(0);
		const runData = run?.data.resultData.runData as RunData;
		expect(outputOf(runData, 'SCNet', 0).map((item) => [item.json.id, item.json.deleted, item.pairedItem?.item])).toEqual([
			[id(20), true, 0],
			[id(21), true, 0],
			[id(23), true, 3],
		]);
		expect(
			outputOf(runData, 'SCNet', 1).map((item) => [(item.json.error as IDataObject).id, (item.json.error as IDataObject).code, item.pairedItem?.item]),
		).toEqual([
			[id(22), '716866', 1],
			['bad&id', 'INVALID_CONTAINER_ID', 2],
		]);
		expect(env.sandbox.containers.has(id(22))).toBe(true);
		expect(env.sandbox.containers.has(id(23))).toBe(false);
	});

	it('renews a token SCNet refuses in the middle of a run, and n8n keeps the new one', async () => {
		const [signIns, deletes] = [requestsTo(V3_SIGN_IN_PATH), requestsTo(DELETE_PATH)];
		env.sandbox.expireTokensAfter(1);
		const renewed = await execute('scnetE2eRenew0');

		expect([renewed.exitCode, renewed.error]).toEqual([0, undefined]);
		expect(outputOf(renewed.run?.data.resultData.runData as RunData, 'SCNet').map((item) => item.json.deleted)).toEqual(Array(6).fill(true));
		// Three batches, the second refused once and sent again after signing in (plus the first
		// sign-in of all, when this test runs alone).
		const renewals = requestsTo(V3_SIGN_IN_PATH) - signIns - (signIns === 0 ? 1 : 0);
		expect([renewals, requestsTo(DELETE_PATH) - deletes]).toEqual([1, 4]);

		const signedIn = requestsTo(V3_SIGN_IN_PATH);
		const next = await execute('scnetE2eRenew1');
		expect([next.exitCode, next.error]).toEqual([0, undefined]);
		expect(requestsTo(V3_SIGN_IN_PATH)).toBe(signedIn);
	});

	it('renews a token that expired between executions before sending it', async () => {
		env.sandbox.auth.configure({ tokenLifetimeMs: 1500 });
		env.sandbox.auth.expireTokens();
		try {
			// Refused, renewed: the new token lives 1.5 s, less than n8n takes to start the next execution.
			const refused = await execute('scnetE2eRenew2');
			expect([refused.exitCode, refused.error]).toEqual([0, undefined]);
			const [signIns, deletes] = [requestsTo(V3_SIGN_IN_PATH), requestsTo(DELETE_PATH)];
			const { exitCode, run, error } = await execute('scnetE2eRenew3');

			expect([exitCode, error]).toEqual([0, undefined]);
			expect(outputOf(run?.data.resultData.runData as RunData, 'SCNet').every((item) => item.json.deleted === true)).toBe(true);
			expect([requestsTo(V3_SIGN_IN_PATH) - signIns, requestsTo(DELETE_PATH) - deletes]).toEqual([1, 3]);
		} finally {
			env.sandbox.auth.configure({ tokenLifetimeMs: 24 * 60 * 60 * 1000 });
		}
	});

	it('does not follow a redirect to another origin: nothing reaches it, the container fails with REDIRECTED', async () => {
		const other = await redirectElsewhere(DELETE_PATH);
		const { exitCode, run, output } = await env.n8n.execute('scnetE2eRedirect');

		expect(exitCode).toBe(0);
		const [item] = outputOf(run?.data.resultData.runData as RunData, 'SCNet');
		expect(item.json).toMatchObject({ id: id(27), deleted: false, code: 'REDIRECTED' });
		expect(item.json.message).toContain(`redirected the request to another address (${other.url})`);
		expect(other.requests).toEqual([]);
		expect(env.sandbox.containers.has(id(27))).toBe(true);
		expect(output).not.toContain(env.sandbox.token);
	});

	it('stops the workflow with the mapped message when "On Error" is Stop (access token)', async () => {
		env.sandbox.failIds([id(25)], '716866');
		const { exitCode, output } = await env.n8n.execute('scnetE2eStop');

		expect(exitCode).toBe(1);
		expect(output).toContain(`SCNet could not delete the container (container '${id(25)}', code 716866) [item 1]`);
		expect(env.sandbox.containers.has(id(24))).toBe(false);
	});

	it('runs the nightly clean-up example with n8n execute: lists the finished containers older than a day and deletes them', async () => {
		// All containers back, and no delete made to fail by an earlier test (the session is renewed on the way).
		env.sandbox.reset();
		const expected = cleanUpCandidates(env.sandbox);
		expect(expected.length).toBeGreaterThan(5);
		const { exitCode, run } = await execute('scnetNightly0001');

		expect(exitCode).toBe(0);
		const runData = run?.data.resultData.runData as RunData;
		expect(outputOf(runData, 'Finished containers').map((item) => item.json.id).sort()).toEqual([...expected].sort());
		const deleted = outputOf(runData, 'Delete containers');
		expect(deleted.every((item) => item.json.deleted === true)).toBe(true);
		expect(deleted.map((item) => item.json.id).sort()).toEqual([...expected].sort());
		expect(outputOf(runData, 'Report')[0].json).toEqual({ deleted: expected.length, failed: [] });
		for (const containerId of expected) expect(env.sandbox.containers.has(containerId)).toBe(false);
		// Running containers and the dev box stopped an hour ago stay.
		expect(env.sandbox.containers.has(DEV_BOX)).toBe(true);
		expect(cleanUpCandidates(env.sandbox)).toEqual([]);
	});

	it('runs the clean-up-by-rule example: finished containers older than a day, in one Clean Up node', async () => {
		env.sandbox.reset();
		const expected = cleanUpCandidates(env.sandbox);
		const { exitCode, run } = await execute('scnetCleanRule1');

		expect(exitCode).toBe(0);
		const runData = run?.data.resultData.runData as RunData;
		expect(outputOf(runData, 'Clean up').map((item) => [item.json.id, item.json.deleted]).sort()).toEqual(expected.map((one) => [one, true]).sort());
		expect(outputOf(runData, 'Report')[0].json).toEqual({ deleted: expected.length, failed: [] });
		expect(cleanUpCandidates(env.sandbox)).toEqual([]);
	});

	it('runs the cost guard example: a low balance stops the running containers', async () => {
		env.sandbox.reset();
		env.sandbox.auth.configure({ accountBalance: '42.50' });
		const running = [...env.sandbox.containers.values()].filter((container) => container.status === 'Running').map((container) => container.id);
		try {
			const { exitCode, run } = await execute('scnetCostGuard1');

			expect(exitCode).toBe(0);
			const report = outputOf(run?.data.resultData.runData as RunData, 'Report')[0].json;
			expect(report.balance).toBe(42.5);
			expect((report.stopped as string[]).sort()).toEqual([...running].sort());
			expect(report.failed).toEqual([]);
			for (const one of running) expect(env.sandbox.containers.get(one)?.status).toBe('Terminated');
		} finally {
			env.sandbox.reset();
		}
	});

	safetyScenarios(() => env, execute);

	slurmExampleScenario(() => env);

	fileScenarios(() => env);

	describe('with the server running', () => {
		const jobTrigger = jobTriggerScenario(() => env);
		beforeAll(async () => {
			await env.n8n.start();
			await env.n8n.setupOwner(OWNER.email, OWNER.password);
			// The trigger test's workflow goes live now: its first poll records what exists, and the
			// changes made right after are picked up by a later poll while the other tests run.
			await env.n8n.api('POST', `/workflows/${WATCH_WORKFLOW}/activate`);
			await until(() => env.watched.requests.some((request) => request.route === 'list'), 90000);
			env.watched.setStatus(id(0), 'Failed');
			env.watched.setStatus(id(1), 'Completed');
			// The forgotten-GPUs example too: three running containers started nine hours ago.
			for (const one of FORGOTTEN) (env.sandbox.containers.get(one) as { startTime?: string }).startTime = chinaTimeHoursAgo(9);
			await env.n8n.api('POST', `/workflows/${FORGOTTEN_GPUS}/activate`);
			// The job-finished example: its first poll records no job; a job submitted then finishes.
			await jobTrigger.publish();
		}, 5 * 60 * 1000);

		it('lists the SCNet node and its AI tool variant', async () => {
			const body = await env.n8n.rest<unknown>('GET', '/types/nodes.json');
			// Served to the logged-in editor; some versions wrap the list as { data: [...] }.
			const types = (Array.isArray(body) ? body : (body as { data: unknown[] }).data) as Array<{ name: string }>;
			const names = types.map((type) => type.name).filter((name) => name.startsWith('n8n-nodes-scnet.'));
			expect(names).toEqual(expect.arrayContaining(['n8n-nodes-scnet.scnet', 'n8n-nodes-scnet.scnetTool']));
		});

		it('tests an Access Key credential: OK, or a plain message for a wrong secret key or region', async () => {
			const data = accessKeyCredentialData(env.sandbox);
			const created = await env.n8n.rest<{ data: { id: string } }>('POST', '/rest/credentials', { name: 'SCNet keys', type: 'scnetApi', data });
			const test = (overrides: object) =>
				env.n8n.rest<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', {
					credentials: { id: created.data.id, name: 'SCNet keys', type: 'scnetApi', data: { ...data, ...overrides } },
				});

			expect((await test({})).data).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect((await test({ secretKey: 'wrong-secret-key' })).data).toEqual({
				status: 'Error',
				message: 'The SCNet sign-in service refused the request: signature verification failed (code 10009)',
			});
			expect((await test({ region: 'nowhere' })).data).toEqual({ status: 'Error', message: "The SCNet account has no region 'nowhere' (its regions: OpenAPI计算中心 (11112))" });
		});

		it('tests the credential: OK on the sandbox token, a plain message on a wrong one', async () => {
			const created = await env.n8n.rest<{ data: { id: string } }>('POST', '/rest/credentials', {
				name: 'SCNet test',
				type: 'scnetApi',
				data: accessTokenCredentialData(env.sandbox),
			});
			const test = (token: string) =>
				env.n8n.rest<{ data: { status: string; message: string } }>('POST', '/rest/credentials/test', {
					credentials: { id: created.data.id, name: 'SCNet test', type: 'scnetApi', data: { ...accessTokenCredentialData(env.sandbox), token } },
				});

			expect((await test(env.sandbox.token)).data).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect((await test('wrong-token')).data).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^SCNet refused the token/),
			});

			// A redirect of the test request is reported, and the token goes nowhere else. n8n 1.x's
			// tester does not apply the credential's status rules to it, so it shows axios's words.
			const other = await redirectElsewhere(RESOURCE_GROUP_PATH);
			const redirected = (await test(env.sandbox.token)).data;
			expect(other.requests).toEqual([]);
			expect(redirected).toEqual({
				status: 'Error',
				message: version.startsWith('1.') ? 'Request failed with status code 302' : expect.stringMatching(/^The container service answered with a redirect/),
			});
		});

		it('answers the webhook example with the result of each container, and passes failures on', async () => {
			env.sandbox.failIds([id(31)], '716866');
			await env.n8n.api('POST', `/workflows/${WEBHOOK_EXAMPLE}/activate`);
			const response = await postToWebhook(env.n8n.baseUrl, { ids: [id(30), id(31), id(32), 'bad&id'] });

			expect(response.status).toBe(200);
			const results = (await response.json()) as IDataObject[];
			expect(results.map((result) => [result.id, result.deleted, result.code])).toEqual([
				[id(30), true, '0'],
				[id(31), false, '716866'],
				[id(32), true, '0'],
				['bad&id', false, 'INVALID_CONTAINER_ID'],
			]);
			expect(results[1].description).toMatch(/may not exist/);
			expect(env.sandbox.containers.has(id(30))).toBe(false);
			expect(env.sandbox.containers.has(id(31))).toBe(true);

			// The webhook's only execution so far; it may finish a moment after the response.
			const [execution] = await executionsOf(env.n8n, WEBHOOK_EXAMPLE, 1, 30 * 1000);
			const runData = execution.data?.resultData.runData as RunData;
			expect(outputOf(runData, 'Notify (replace me)').map((item) => [item.json.id, item.json.code])).toEqual([
				[id(31), '716866'],
				['bad&id', 'INVALID_CONTAINER_ID'],
			]);
		});

		it('answers 403 to a webhook call without the right header, and deletes nothing', async () => {
			await env.n8n.api('POST', `/workflows/${WEBHOOK_EXAMPLE}/activate`);
			const ids = [id(34), id(35)];
			const before = { size: env.sandbox.containers.size, deletes: env.sandbox.requests.filter((request) => request.route === 'delete').length };
			expect(ids.every((one) => env.sandbox.containers.has(one))).toBe(true);

			const withoutHeader = await postToWebhook(env.n8n.baseUrl, { ids }, {});
			const wrongValue = await postToWebhook(env.n8n.baseUrl, { ids }, { [WEBHOOK_HEADER.name]: `${WEBHOOK_HEADER.value}-wrong` });

			expect([withoutHeader.status, wrongValue.status]).toEqual([403, 403]);
			for (const one of ids) expect(env.sandbox.containers.has(one)).toBe(true);
			expect(env.sandbox.containers.size).toBe(before.size);
			expect(env.sandbox.requests.filter((request) => request.route === 'delete')).toHaveLength(before.deletes);
		});

		it('starts an active workflow on each container status change, once each, polling on its own (SCNet Trigger)', async () => {
			const changesOf = (execution: Execution) => outputOf(execution.data?.resultData.runData as RunData, 'Changes').map((item) => [item.json.id, item.json.previousStatus, item.json.status]);
			const [first] = await executionsOf(env.n8n, WATCH_WORKFLOW, 1);
			expect(changesOf(first).sort()).toEqual(
				[
					[id(0), 'Running', 'Failed'],
					[id(1), 'Deploying', 'Completed'],
				].sort(),
			);

			env.watched.setStatus(id(2), 'Running');
			const executions = await executionsOf(env.n8n, WATCH_WORKFLOW, 2);
			expect(executions).toHaveLength(2);
			expect(changesOf(executions[0])).toEqual([[id(2), 'Waiting', 'Running']]);
		}, 4 * 60 * 1000);

		it('reports the containers running for more than 8 hours with the forgotten-GPUs example, published', async () => {
			const [execution] = await executionsOf(env.n8n, FORGOTTEN_GPUS, 1);
			const report = outputOf(execution.data?.resultData.runData as RunData, 'Report');

			expect(report.map((item) => item.json.id).sort()).toEqual([...FORGOTTEN].sort());
			for (const item of report) expect(item.json.text).toMatch(/ has been running for 9(\.\d)? h$/);
			await env.n8n.api('POST', `/workflows/${FORGOTTEN_GPUS}/deactivate`);
		}, 4 * 60 * 1000);

		jobTrigger.report();

		// The watch workflow stays published for it, and is unpublished at its end.
		triggerTruthScenario(() => env, WATCH_WORKFLOW);

		jobTrigger.once();

		moreWithServer(() => env);

		// Last: their sandbox resets revoke the session the Access Key credential holds, which the
		// editor's credential test (in moreWithServer on 2.x) would then show as refused.
		manualTriggerScenarios(() => env);
	});
}
