/**
 * A scripted stand-in for an OpenAI-compatible chat model, for n8n's AI Agent in the e2e tests:
 * `POST /v1/chat/completions` answers with the next step of a script the test sets (call these
 * tools with these arguments, or give this final answer), and `GET /v1/models` lists the one
 * model. Every request body is recorded, so a test can assert what the model was sent: above all
 * the tool messages, which hold what the SCNet tools returned to it.
 *
 * n8n's OpenAI Chat Model node (`lmChatOpenAi`) takes the base URL from its credential's Base URL
 * (`url`, e.g. `http://127.0.0.1:PORT/v1`). It asks without streaming unless the trigger streams;
 * an SSE answer for `stream: true` is given all the same.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One tool call the model makes: the tool's name (the node's name, as n8n lists it) and its arguments. */
export interface ToolCall {
	name: string;
	args: Record<string, unknown>;
}

/** What the model answers to one request: tool calls (several at once run in one round), or its final text. */
export type Reply = { toolCalls: ToolCall[] } | { final: string };

/** A step of the script: a fixed reply, or one made from the request (e.g. from what a tool returned). */
export type Step = Reply | ((request: ChatRequest) => Reply);

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool';
	content?: unknown;
	tool_call_id?: string;
	tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
}

/** A tool as the model is offered it (OpenAI's function tool). */
export interface OfferedTool {
	type: string;
	function: { name: string; description?: string; parameters?: { properties?: Record<string, unknown>; required?: string[] } };
}

/** The body of a chat completions request, as n8n sent it. */
export interface ChatRequest {
	model: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
	[key: string]: unknown;
}

/** A tool message the model was sent: the result of one tool call, with the call it answers. */
export interface ToolResult {
	tool: string;
	args: Record<string, unknown>;
	/** The message's text: what n8n made of the tool's output (JSON text of its items, or an error). */
	content: string;
}

export const MODEL = 'scripted-scnet-model';

export class ScriptedChatServer {
	/** Every chat completions request body, in order (the raw text stays in `rawBodies`). */
	readonly requests: ChatRequest[] = [];
	readonly rawBodies: string[] = [];
	/** The `authorization` header of each request (n8n sends the credential's API key there). */
	readonly authorizations: Array<string | undefined> = [];
	/** Requests the script had no step for, or that were not chat completions: a test expects none. */
	readonly unexpected: string[] = [];
	private steps: Step[] = [];
	private calls = 0;

	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {}

	static async start(): Promise<ScriptedChatServer> {
		let chat: ScriptedChatServer | undefined;
		const server = createServer((req, res) => void chat?.handle(req, res));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		chat = new ScriptedChatServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
		return chat;
	}

	/** The base URL n8n's OpenAI credential takes (its "Base URL"). */
	get baseUrl(): string {
		return `${this.url}/v1`;
	}

	/** Replaces the script: each chat request takes the next step. The recorded requests stay. */
	script(steps: Step[]): void {
		this.steps = [...steps];
	}

	/** How many steps are left: 0 once the model has given its final answer. */
	get stepsLeft(): number {
		return this.steps.length;
	}

	close(): Promise<void> {
		return new Promise((resolve) => this.server.close(() => resolve()));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const text = Buffer.concat(chunks).toString('utf8');
		const path = (req.url ?? '').split('?')[0];
		if (req.method === 'GET' && path === '/v1/models') {
			return json(res, 200, { object: 'list', data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'scnet-e2e' }] });
		}
		if (req.method !== 'POST' || path !== '/v1/chat/completions') {
			this.unexpected.push(`${req.method} ${req.url}`);
			return json(res, 404, { error: { message: `no such endpoint: ${req.method} ${path}`, type: 'invalid_request_error' } });
		}
		let body: ChatRequest;
		try {
			body = JSON.parse(text) as ChatRequest;
		} catch {
			this.unexpected.push(`unreadable body: ${text.slice(0, 200)}`);
			return json(res, 400, { error: { message: 'the body is not JSON', type: 'invalid_request_error' } });
		}
		this.requests.push(body);
		this.rawBodies.push(text);
		this.authorizations.push(req.headers.authorization);
		const step = this.steps.shift();
		if (!step) {
			this.unexpected.push(`a chat request after the script's end (${body.messages.length} messages)`);
			// A 400 is not retried by the OpenAI client: the agent fails at once, and so does the test.
			return json(res, 400, { error: { message: 'The scripted model has no step left for this request', type: 'invalid_request_error' } });
		}
		let reply: Reply;
		try {
			reply = typeof step === 'function' ? step(body) : step;
		} catch (error) {
			this.unexpected.push(`a step failed: ${(error as Error).message}`);
			return json(res, 400, { error: { message: `The scripted step failed: ${(error as Error).message}`, type: 'invalid_request_error' } });
		}
		const message = this.message(reply);
		const finish = 'final' in reply ? 'stop' : 'tool_calls';
		const id = `chatcmpl-${++this.calls}`;
		if (body.stream === true) return stream(res, id, message, finish);
		json(res, 200, {
			id,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: MODEL,
			choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
			usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
		});
	}

	private message(reply: Reply): ChatMessage {
		if ('final' in reply) return { role: 'assistant', content: reply.final };
		return {
			role: 'assistant',
			content: null,
			tool_calls: reply.toolCalls.map((call, index) => ({
				id: `call_${this.calls + 1}_${index}`,
				type: 'function',
				function: { name: call.name, arguments: JSON.stringify(call.args) },
			})),
		};
	}

	/** The tool messages of the last request (which carries the whole conversation so far), with the calls they answer. */
	toolResults(request: ChatRequest | undefined = this.requests[this.requests.length - 1]): ToolResult[] {
		return request ? toolResultsOf(request) : [];
	}
}

/** The tool messages of one request, each with the name and arguments of the call it answers. */
export function toolResultsOf(request: ChatRequest): ToolResult[] {
	const calls = new Map<string, ToolCall>();
	for (const message of request.messages) {
		for (const call of message.tool_calls ?? []) calls.set(call.id, { name: call.function.name, args: JSON.parse(call.function.arguments) as Record<string, unknown> });
	}
	return request.messages
		.filter((message) => message.role === 'tool')
		.map((message) => {
			const call = calls.get(message.tool_call_id ?? '');
			return { tool: call?.name ?? '?', args: call?.args ?? {}, content: textOf(message.content) };
		});
}

/** A message's content as text: a string, or the text parts of a list. */
function textOf(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : String((part as { text?: unknown }).text ?? ''))).join('');
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

function json(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

/** The same answer as server-sent events: the role, the content or each tool call, the finish reason, `[DONE]`. */
function stream(res: ServerResponse, id: string, message: ChatMessage, finish: string): void {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
	const created = Math.floor(Date.now() / 1000);
	const chunk = (delta: object, finishReason: string | null = null, extra: object = {}) =>
		res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: MODEL, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }], ...extra })}\n\n`);
	chunk({ role: 'assistant', content: '' });
	if (typeof message.content === 'string') chunk({ content: message.content });
	(message.tool_calls ?? []).forEach((call, index) => chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: call.function }] }));
	chunk({}, finish);
	res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: MODEL, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })}\n\n`);
	res.end('data: [DONE]\n\n');
}
