/**
 * examples/scnet-over-mcp.json over MCP, in real n8n 2.x: the example published, an MCP client
 * of the official TypeScript SDK (Streamable HTTP) connects to its MCP Server Trigger with the
 * bearer token, lists the SCNet tools and calls them; a client without the token is refused.
 *
 * How the MCP Server Trigger runs a tool: in the webhook call itself (outside the execution
 * engine), through n8n-core's tool wrapper, which runs the node and sends back `JSON.stringify`
 * of the json of every item of its main output as one text content; a node that throws becomes
 * `isError: true` with the text `NodeOperationError: <message>\n\nDetails: <description>`.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { IDataObject } from 'n8n-workflow';
import { setTimeout as delay } from 'node:timers/promises';

import { MCP_BEARER_TOKEN } from '../../scripts/n8n/examples';
import { USER_PATH } from '../../sandbox/auth';
import { FILE_CONTENT_PATH, SUBMIT_PATH } from '../../sandbox/hpc/routes';
import { RESTART_PATH, TASK_LIST_PATH, TASKS_PATH, type Sandbox } from '../../sandbox/server';
import type { RealN8n } from './setup';

/** examples/scnet-over-mcp.json: its ID and its MCP Server Trigger's path. */
export const MCP_EXAMPLE = { id: 'scnetMcpServer01', path: 'scnet' };

/** What the account could be asked for or signed in with: none of it may reach the model. */
export function secretsOf(sandbox: Sandbox, more: string[] = []): string[] {
	const { accessKey, secretKey, password } = sandbox.auth.settings.account;
	const sent = sandbox.requests.flatMap((request) => [request.headers.token, request.headers.signature, request.headers.authorization]);
	return [...new Set([accessKey, secretKey, password, sandbox.token, ...more, ...sent.filter((value): value is string => typeof value === 'string' && value.length >= 8)])];
}

const TOOLS = ['get_account_balance', 'get_container_url', 'get_job', 'get_job_output', 'list_containers', 'start_container', 'stop_containers', 'submit_job'];

type ToolAnswer = { content?: Array<{ type: string; text?: string }>; isError?: boolean };
type Schema = { type?: string; properties?: Record<string, { type?: string; description?: string }>; required?: string[] };

export function mcpScenarios(env: () => RealN8n): void {
	describe('SCNet tools over MCP (the MCP example, with the official MCP SDK)', () => {
		let client: Client | undefined;
		/** The authorised client's MCP session, which a call without the token tries to use. */
		let sessionId: string | undefined;
		/** Every text the MCP client received from a tool. */
		const received: string[] = [];
		const endpoint = () => new URL(`${env().n8n.baseUrl}/mcp/${MCP_EXAMPLE.path}`);

		const connect = async (headers: Record<string, string>): Promise<Client> => {
			const connecting = new Client({ name: 'scnet-e2e', version: '1.0.0' });
			await connecting.connect(new StreamableHTTPClientTransport(endpoint(), { requestInit: { headers } }));
			return connecting;
		};

		/** Calls a tool; returns the items it answered (the JSON text n8n sends), failing on an error result. */
		const call = async (name: string, args: Record<string, unknown> = {}): Promise<IDataObject[]> => {
			const answer = (await (client as Client).callTool({ name, arguments: args })) as ToolAnswer;
			const text = (answer.content ?? []).map((part) => part.text ?? '').join('');
			received.push(text);
			if (answer.isError) throw new Error(`${name} answered an error: ${text}`);
			return JSON.parse(text) as IDataObject[];
		};

		beforeAll(async () => {
			const { n8n, sandbox } = env();
			sandbox.reset();
			await n8n.api('POST', `/workflows/${MCP_EXAMPLE.id}/activate`);
			// Registration is asynchronous: n8n answers 404 until the trigger's path is live.
			for (let tries = 0; tries < 30; tries++) {
				const probe = await fetch(endpoint(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
				if (probe.status !== 404) break;
				await delay(1000);
			}
			const transport = new StreamableHTTPClientTransport(endpoint(), { requestInit: { headers: { Authorization: `Bearer ${MCP_BEARER_TOKEN}` } } });
			client = new Client({ name: 'scnet-e2e', version: '1.0.0' });
			await client.connect(transport);
			sessionId = transport.sessionId;
		}, 2 * 60 * 1000);

		afterAll(async () => {
			await client?.close().catch(() => undefined);
			await env().n8n.api('POST', `/workflows/${MCP_EXAMPLE.id}/deactivate`).catch(() => undefined);
		});

		it('lists the SCNet tools: names, descriptions and input schemas from $fromAI', async () => {
			const { tools } = await (client as Client).listTools();
			const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));

			expect(Object.keys(byName).sort()).toEqual(TOOLS);
			expect(byName.list_containers.description).toMatch(/^List the user's SCNet containers/);
			expect(byName.get_container_url.description).toContain('carries an access token');
			const schema = (name: string) => byName[name].inputSchema as Schema;
			expect(schema('list_containers')).toMatchObject({ type: 'object', properties: { status: { type: 'string' } }, required: ['status'] });
			expect(schema('list_containers').properties?.status.description).toContain('comma-separated');
			expect(schema('start_container')).toMatchObject({ properties: { containerId: { type: 'string' } }, required: ['containerId'] });
			expect(schema('stop_containers')).toMatchObject({ properties: { containerIds: { type: 'string' } }, required: ['containerIds'] });
			expect(Object.keys(schema('submit_job').properties ?? {}).sort()).toEqual(['jobName', 'script']);
			expect([...(schema('submit_job').required ?? [])].sort()).toEqual(['jobName', 'script']);
			expect(schema('get_job_output')).toMatchObject({ properties: { jobId: { type: 'string' } }, required: ['jobId'] });
			expect(schema('get_account_balance').properties ?? {}).toEqual({});
		});

		it('lists containers with a status filter given as a string', async () => {
			const { sandbox } = env();
			const before = sandbox.requests.length;

			const items = await call('list_containers', { status: 'Running' });

			const running = [...sandbox.containers.values()].filter((container) => container.status === 'Running').map((container) => container.id);
			expect(running.length).toBeGreaterThan(1);
			expect(items.map((item) => item.id).sort()).toEqual(running.sort());
			expect(items.every((item) => item.status === 'Running')).toBe(true);
			const lists = sandbox.requests.slice(before).filter((request) => request.path === TASK_LIST_PATH || (request.path === TASKS_PATH && request.method === 'GET'));
			expect(lists.length).toBeGreaterThan(0);
		});

		it('starts a container (SCNet gets one restart), and an unknown one comes back as a result with its error, not a failed call', async () => {
			const { sandbox } = env();
			const target = [...sandbox.containers.values()].find((container) => container.status === 'Terminated')?.id as string;
			const before = sandbox.requests.length;

			expect(await call('start_container', { containerId: target })).toEqual([expect.objectContaining({ id: target, started: true, code: '0' })]);
			const restarts = sandbox.requests.slice(before).filter((request) => request.path === RESTART_PATH);
			expect(restarts.map((request) => new URL(request.url, 'http://x').searchParams.get('instanceServiceId'))).toEqual([target]);

			const unknown = 'e'.repeat(32);
			expect(await call('start_container', { containerId: unknown })).toEqual([
				expect.objectContaining({ id: unknown, started: false, error: expect.objectContaining({ code: '716020', message: expect.any(String) }) }),
			]);
		});

		it("gets the account's balance", async () => {
			const { sandbox } = env();
			const before = sandbox.requests.length;

			const [account] = await call('get_account_balance');

			expect(account.accountBalance).toBe(Number(sandbox.auth.settings.accountBalance));
			expect(sandbox.requests.slice(before).some((request) => request.path === USER_PATH)).toBe(true);
		});

		it('submits a job and reads its output', async () => {
			const { sandbox } = env();
			const before = sandbox.requests.length;

			const [submitted] = await call('submit_job', { jobName: 'mcp-hello', script: 'echo "Hello over MCP"\nseq 1 2' });
			const jobId = String(submitted.jobId);
			expect(submitted).toMatchObject({ submitted: true, queue: 'debug' });
			sandbox.hpc.setState(jobId, 'statC');
			const [output] = await call('get_job_output', { jobId });

			expect(output).toMatchObject({ jobId, text: 'Hello over MCP\n1\n2', lineCount: 3, truncated: false });
			const seen = sandbox.requests.slice(before);
			expect(seen.filter((request) => request.path === SUBMIT_PATH)).toHaveLength(1);
			expect(seen.some((request) => request.path === FILE_CONTENT_PATH)).toBe(true);
			expect(sandbox.hpc.jobs.get(jobId)).toMatchObject({ name: 'mcp-hello', queue: 'debug' });
		});

		it('sent the client no secret of the account, nor the bearer token', () => {
			expect(received.length).toBeGreaterThanOrEqual(6);
			const all = received.join('\n');
			for (const secret of secretsOf(env().sandbox, [MCP_BEARER_TOKEN])) expect(all).not.toContain(secret);
		});

		it('refuses a client without the bearer token, or with a wrong one, and runs no tool', async () => {
			const { sandbox } = env();
			const before = sandbox.requests.length;

			await expect(connect({})).rejects.toMatchObject({ code: 403 });
			await expect(connect({ Authorization: `Bearer ${MCP_BEARER_TOKEN}-wrong` })).rejects.toMatchObject({ code: 403 });
			// A tool call in the authorised client's session, without the token: refused before the tool runs.
			const target = [...sandbox.containers.values()].find((container) => container.status === 'Terminated')?.id as string;
			expect(sessionId).toEqual(expect.any(String));
			const call = await fetch(endpoint(), {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-session-id': sessionId as string, 'mcp-protocol-version': '2025-06-18' },
				body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/call', params: { name: 'start_container', arguments: { containerId: target } } }),
			});
			expect(call.status).toBe(403);
			// Run, it would have sent SCNet a restart (a published trigger of another test may poll meanwhile).
			expect(sandbox.requests.slice(before).filter((request) => request.path === RESTART_PATH)).toEqual([]);
			expect(sandbox.containers.get(target)?.status).toBe('Terminated');
		});
	});
}
