/**
 * The SCNet tools in n8n's AI Agent (real n8n 2.x), driven by a scripted model (chatServer.ts):
 * a webhook → AI Agent (default version, 3.1) with the OpenAI Chat Model pointed at the scripted
 * server, and the SCNet tool nodes of the MCP example plus a Delete tool. The test says which
 * tools the model calls with which arguments; it asserts what reached the sandbox and what the
 * model was sent back (the tool messages), and that no secret of the account is among it.
 *
 * How Agent 3.x runs a tool: it answers n8n's engine with a request ("run node X with these
 * arguments"); the engine runs the tool node as an ordinary node, its `$fromAI()` values read
 * from those arguments, and runs the agent again with the node's output. The model receives
 * `JSON.stringify` of the json of every item of the node's main output (error output never), or
 * `{"error": <message>}` when the node threw.
 */
import type { IDataObject } from 'n8n-workflow';
import { setTimeout as delay } from 'node:timers/promises';

import { option as deleteOperation } from '../../nodes/Scnet/actions/container/delete.operation';
import { readExamples, SANDBOX_CREDENTIAL } from '../../scripts/n8n/examples';
import { SUBMIT_PATH } from '../../sandbox/hpc/routes';
import { DELETE_PATH, RESTART_PATH, TASK_LIST_PATH, TASKS_PATH, urlPath } from '../../sandbox/server';
import { MODEL, ScriptedChatServer, toolResultsOf, type ChatRequest, type Step, type ToolResult } from './chatServer';
import { mcpScenarios, secretsOf } from './mcp';
import type { RealN8n } from './setup';

const AGENT = 'AI Agent';
const WEBHOOK_PATH = 'scnet-agent-e2e';
/** The scripted model's API key: n8n sends it to the chat server only. */
const CHAT_API_KEY = 'sk-scripted-e2e-key';

type WorkflowNode = { id: string; name: string; type: string; typeVersion: number; position: number[]; parameters: IDataObject; credentials?: IDataObject; notes?: string; onError?: string; webhookId?: string };

/** The SCNet tool nodes of examples/scnet-over-mcp.json (everything but its MCP trigger), ids made unique. */
export function exampleTools(prefix: string): WorkflowNode[] {
	const example = readExamples()['scnet-over-mcp'] as { nodes: WorkflowNode[] };
	return example.nodes.filter((node) => node.type === 'n8n-nodes-scnet.scnetTool').map((node) => ({ ...node, id: `${prefix}-${node.id}` }));
}

/** Webhook → AI Agent; the OpenAI Chat Model (the scripted server) and the SCNet tools below it. */
function agentWorkflow(openAiCredential: { id: string; name: string }): object {
	const fromExample = exampleTools('agent');
	const list = fromExample.find((node) => node.name === 'list_containers') as WorkflowNode;
	const tools: WorkflowNode[] = [
		...fromExample,
		// The same tool with "On Error: Continue (using error output)", to show what n8n gives the model then.
		{
			...list,
			id: 'agent-list-error-output',
			name: 'list_containers_error_output',
			onError: 'continueErrorOutput',
			parameters: { ...list.parameters, toolDescription: 'The same as list_containers.' },
		},
		{
			id: 'agent-delete-tool',
			name: 'delete_containers',
			type: 'n8n-nodes-scnet.scnetTool',
			typeVersion: 3,
			position: [1280, 300],
			// No description of its own: the model is told what the node's Delete says of itself.
			parameters: {
				resource: 'container',
				operation: 'delete',
				preview: false,
				containerIds: "={{ $fromAI('containerIds', 'One container instance ID, or several separated by commas', 'string') }}",
				options: {},
			},
			credentials: { scnetApi: SANDBOX_CREDENTIAL },
		},
	];
	const nodes: WorkflowNode[] = [
		{
			id: 'agent-webhook',
			name: 'Ask',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', options: {} },
			webhookId: '0b7c9e2d-5a41-4f3e-8c6d-2e1f0a9b8c01',
		},
		{
			id: 'agent-agent',
			name: AGENT,
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: 3.1,
			position: [300, 0],
			parameters: { promptType: 'define', text: '={{ $json.body.prompt }}', options: { systemMessage: 'You manage SCNet containers and Slurm jobs with the tools you have.' } },
		},
		{
			id: 'agent-model',
			name: 'Scripted model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.3,
			position: [160, 300],
			parameters: { model: { __rl: true, mode: 'id', value: MODEL }, responsesApiEnabled: false, options: {} },
			credentials: { openAiApi: openAiCredential },
		},
		...tools.map((node, index) => ({ ...node, position: [320 + index * 140, 300] })),
	];
	const connections: Record<string, object> = {
		Ask: { main: [[{ node: AGENT, type: 'main', index: 0 }]] },
		'Scripted model': { ai_languageModel: [[{ node: AGENT, type: 'ai_languageModel', index: 0 }]] },
		...Object.fromEntries(tools.map((tool) => [tool.name, { ai_tool: [[{ node: AGENT, type: 'ai_tool', index: 0 }]] }])),
	};
	return { name: 'SCNet e2e: AI agent with SCNet tools', nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The tool result's items (n8n sends the model the JSON text of the node's output items). */
export function itemsOf(result: ToolResult | undefined): IDataObject[] {
	if (!result) throw new Error('the model was sent no such tool result');
	const parsed = JSON.parse(result.content) as unknown;
	if (!Array.isArray(parsed)) throw new Error(`a tool result that is not a list of items: ${result.content.slice(0, 300)}`);
	return parsed as IDataObject[];
}

/** The last tool message, parsed: the step functions read IDs from what a tool returned. */
const lastItems = (request: ChatRequest): IDataObject[] => itemsOf(toolResultsOf(request).at(-1));

export function agentScenarios(env: () => RealN8n): void {
	describe('SCNet as an AI agent tool (AI Agent with a scripted model)', () => {
		let chat: ScriptedChatServer;
		let workflowId = '';

		beforeAll(async () => {
			const { n8n, sandbox } = env();
			chat = await ScriptedChatServer.start();
			const credential = await n8n.rest<{ data: { id: string; name: string } }>('POST', '/rest/credentials', {
				name: 'Scripted chat model',
				type: 'openAiApi',
				data: { apiKey: CHAT_API_KEY, url: chat.baseUrl, header: false },
			});
			const created = await n8n.api<{ id: string }>('POST', '/workflows', agentWorkflow({ id: credential.data.id, name: 'Scripted chat model' }));
			workflowId = created.id;
			await n8n.api('POST', `/workflows/${workflowId}/activate`);
			sandbox.reset();
		}, 2 * 60 * 1000);

		afterAll(async () => {
			if (workflowId) await env().n8n.api('POST', `/workflows/${workflowId}/deactivate`).catch(() => undefined);
			await chat?.close();
		});

		/** Asks the agent (the webhook) once with the model following `steps`; returns its answer and what the model was sent. */
		const ask = async (prompt: string, steps: Step[]) => {
			chat.script(steps);
			const from = chat.requests.length;
			const post = () =>
				fetch(`${env().n8n.baseUrl}/webhook/${WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt }) });
			// Registration after publishing is asynchronous: until then n8n answers 404 and runs nothing.
			let response = await post();
			for (let tries = 0; response.status === 404 && tries < 30; tries++) {
				await delay(1000);
				response = await post();
			}
			const text = await response.text();
			const requests = chat.requests.slice(from);
			return { status: response.status, text, requests, results: chat.toolResults(requests.at(-1)) };
		};

		/** Nothing the model was sent in `requests` holds a secret of the account. */
		const expectNoSecrets = (requests: ChatRequest[]) => {
			const sent = requests.map((request) => JSON.stringify(request)).join('\n');
			for (const secret of secretsOf(env().sandbox)) expect(sent).not.toContain(secret);
		};

		it('offers the model each SCNet tool with its description and the parameters $fromAI asks for', async () => {
			const { status, requests } = await ask('Hello', [{ final: 'Hello.' }]);

			expect(status).toBe(200);
			expect(chat.authorizations.at(-1)).toBe(`Bearer ${CHAT_API_KEY}`);
			const offered = Object.fromEntries((requests[0].tools ?? []).map((tool) => [tool.function.name, tool.function]));
			expect(Object.keys(offered).sort()).toEqual(
				[
					'delete_containers',
					'get_account_balance',
					'get_container_url',
					'get_job',
					'get_job_output',
					'list_containers',
					'list_containers_error_output',
					'start_container',
					'stop_containers',
					'submit_job',
				].sort(),
			);
			expect(offered.start_container.description).toMatch(/^Start \(restart\) one stopped/);
			expect(offered.delete_containers.description).toBe(deleteOperation.toolDescription);
			expect(Object.keys(offered.submit_job.parameters?.properties ?? {}).sort()).toEqual(['jobName', 'script']);
			expect(Object.keys(offered.list_containers.parameters?.properties ?? {})).toEqual(['status']);
			expect(offered.get_account_balance.parameters?.properties ?? {}).toEqual({});
		});

		it('(a) deletes two containers of which one is unknown: the model receives both outcomes in one tool message', async () => {
			const { sandbox } = env();
			const known = [...sandbox.containers.values()].find((container) => container.status === 'Terminated')?.id as string;
			const unknown = 'f'.repeat(32);
			const deletes = sandbox.requests.filter((request) => request.path === DELETE_PATH && request.method === 'DELETE').length;

			const { status, text, results, requests } = await ask('Delete those two containers', [
				{ toolCalls: [{ name: 'delete_containers', args: { containerIds: `${known}, ${unknown}` } }] },
				{ final: 'One was deleted, the other does not exist.' },
			]);

			expect(status).toBe(200);
			// The agent ran to the model's final answer, which the webhook returns.
			expect(JSON.parse(text)).toEqual({ output: 'One was deleted, the other does not exist.' });
			expect(chat.stepsLeft).toBe(0);
			// SCNet saw the IDs, and deleted the one it has.
			const sent = sandbox.requests.filter((request) => request.path === DELETE_PATH && request.method === 'DELETE').slice(deletes);
			expect(sent.flatMap((request) => request.ids)).toEqual(expect.arrayContaining([known, unknown]));
			expect(sandbox.containers.has(known)).toBe(false);
			// One tool message, with both outcomes: the failure as one `error` object the model can read.
			expect(results.map((result) => result.tool)).toEqual(['delete_containers']);
			const items = itemsOf(results[0]);
			expect(items).toHaveLength(2);
			expect(items.find((item) => item.id === known)).toMatchObject({ id: known, deleted: true });
			expect(items.find((item) => item.id === unknown)).toMatchObject({
				id: unknown,
				deleted: false,
				error: { code: '716866', message: expect.any(String), description: expect.any(String) },
			});
			expectNoSecrets(requests);
		});

		// (c) before (b): the container (b) starts turns Running a second later, which (c) would race.
		it('(c) lists containers with a status filter given as a string: only those come back, simplified', async () => {
			const { sandbox } = env();
			const before = sandbox.requests.length;

			const { status, results, requests } = await ask('Which of my containers are running?', [
				{ toolCalls: [{ name: 'list_containers', args: { status: 'Running' } }] },
				{ final: 'These are running.' },
			]);

			expect(status).toBe(200);
			// As the sandbox has them now (its list brought every container's status up to date).
			const running = [...sandbox.containers.values()].filter((container) => container.status === 'Running').map((container) => container.id);
			expect(running.length).toBeGreaterThan(1);
			expect(running.length).toBeLessThan(sandbox.containers.size);
			const lists = sandbox.requests.slice(before).filter((request) => request.path === TASK_LIST_PATH || (request.path === TASKS_PATH && request.method === 'GET'));
			expect(lists.length).toBeGreaterThan(0);
			expect(lists.every((request) => new URL(request.url, 'http://x').searchParams.get('status') === 'Running')).toBe(true);
			const items = itemsOf(results[0]);
			expect(items.map((item) => item.id).sort()).toEqual([...running].sort());
			expect(items.every((item) => item.status === 'Running')).toBe(true);
			// Simplified (version 3's default): SCNet's own list fields are not passed on.
			for (const item of items) expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['timeoutLimit', 'remainingTime']));
			expectNoSecrets(requests);
		});

		it('(b) starts a container, then gets its URL', async () => {
			const { sandbox } = env();
			const target = [...sandbox.containers.values()].find((container) => container.status === 'Terminated')?.id as string;
			const before = sandbox.requests.length;

			const { status, results, requests } = await ask('Start my container and give me its address', [
				{ toolCalls: [{ name: 'start_container', args: { containerId: target } }] },
				(request) => ({ toolCalls: [{ name: 'get_container_url', args: { containerId: String(lastItems(request)[0].id) } }] }),
				{ final: 'It is starting; here is its address.' },
			]);

			expect(status).toBe(200);
			expect(chat.stepsLeft).toBe(0);
			const seen = sandbox.requests.slice(before);
			expect(seen.filter((request) => request.path === RESTART_PATH).map((request) => new URL(request.url, 'http://x').searchParams.get('instanceServiceId'))).toEqual([target]);
			expect(seen.filter((request) => request.path === urlPath(target))).toHaveLength(1);
			expect(results.map((result) => result.tool)).toEqual(['start_container', 'get_container_url']);
			expect(itemsOf(results[0])).toEqual([expect.objectContaining({ id: target, started: true, code: '0' })]);
			expect(itemsOf(results[1])).toEqual([{ id: target, url: expect.stringContaining(`/jupyter-forward/${target}/`) }]);
			expectNoSecrets(requests);
		});

		it('(d) submits a job, then reads its state and its output in one round of two tool calls', async () => {
			const { sandbox } = env();
			const before = sandbox.requests.length;
			let jobId = '';

			const { status, results, requests } = await ask('Run a hello job and show me what it printed', [
				{ toolCalls: [{ name: 'submit_job', args: { jobName: 'agent-hello', script: 'echo "Hello from the agent"\nseq 1 3' } }] },
				(request) => {
					jobId = String(lastItems(request)[0].jobId);
					// The job finishes now, as if the model had waited.
					sandbox.hpc.setState(jobId, 'statC');
					return { toolCalls: [{ name: 'get_job', args: { jobId } }, { name: 'get_job_output', args: { jobId } }] };
				},
				{ final: 'It printed a greeting and three numbers.' },
			]);

			expect(status).toBe(200);
			expect(chat.stepsLeft).toBe(0);
			const submits = sandbox.requests.slice(before).filter((request) => request.path === SUBMIT_PATH);
			expect(submits).toHaveLength(1);
			const { mapAppJobInfo } = JSON.parse(submits[0].body) as { mapAppJobInfo: Record<string, string> };
			expect(mapAppJobInfo).toMatchObject({ GAP_JOB_NAME: 'agent-hello', GAP_CMD_FILE: expect.stringMatching(/^echo "Hello from the agent"\nseq 1 3\n?$/), GAP_QUEUE: 'debug', GAP_WALL_TIME: '00:30:00' });
			expect(sandbox.hpc.jobs.get(jobId)?.name).toBe('agent-hello');
			expect(results.map((result) => result.tool)).toEqual(['submit_job', 'get_job', 'get_job_output']);
			expect(itemsOf(results[0])).toEqual([expect.objectContaining({ jobId, submitted: true, queue: 'debug' })]);
			expect(itemsOf(results[1])).toEqual([expect.objectContaining({ jobId, state: 'Completed', exitCode: 0 })]);
			expect(itemsOf(results[2])).toEqual([expect.objectContaining({ jobId, text: 'Hello from the agent\n1\n2\n3', lineCount: 4, truncated: false })]);
			expectNoSecrets(requests);
		});

		it('(e) a value the node refuses reaches the model as one error object: the field, the value, the values it takes', async () => {
			const { sandbox } = env();
			const before = sandbox.requests.length;

			const { status, results, requests } = await ask('Which containers are sleeping?', [
				{ toolCalls: [{ name: 'list_containers', args: { status: 'Sleeping' } }] },
				{ final: 'There is no such status.' },
			]);

			expect(status).toBe(200);
			// Refused before any request to SCNet; the model can correct its call from the message.
			expect(sandbox.requests.slice(before).filter((request) => request.path === TASK_LIST_PATH || request.path === TASKS_PATH)).toEqual([]);
			expect(results.map((result) => result.tool)).toEqual(['list_containers']);
			const [item] = itemsOf(results[0]);
			expect(item).toEqual({ error: { code: 'INVALID_INPUT', message: expect.stringContaining("'Status'"), description: expect.stringContaining('Nothing was sent to SCNet') } });
			expect((item.error as IDataObject).message).toEqual(expect.stringMatching(/Running, Deploying, Waiting, Terminated, Failed, Completed.*'Sleeping'/));
			expectNoSecrets(requests);
		});

		it('(f) with On Error "Continue (using error output)", n8n gives the model nothing of that error (only the main output reaches it)', async () => {
			const { status, results } = await ask('Which containers are sleeping?', [
				{ toolCalls: [{ name: 'list_containers_error_output', args: { status: 'Sleeping' } }] },
				{ final: 'The tool said nothing.' },
			]);

			expect(status).toBe(200);
			expect(results.map((result) => result.tool)).toEqual(['list_containers_error_output']);
			// The node's item holds nothing but its error, so n8n moves it to the error output, which the model never sees.
			expect(results[0].content).toBe('""');
		});

		it('made no request the script did not expect', () => {
			expect(chat.unexpected).toEqual([]);
		});
	});
}

/** The agent scenarios, then the MCP example's, in the one n8n and sandbox of realN8nScenarios (its server running). */
export function aiToolScenarios(env: () => RealN8n): void {
	agentScenarios(env);
	mcpScenarios(env);
}
