/**
 * The SCNet sandbox: a local HTTP server that speaks the part of the SCNet container API the node
 * uses, with an in-memory store of containers and faults that tests (or people) can switch on.
 * Only for development and tests; it never ships in the package.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

import { SandboxAuthority, type AuthSettings } from './auth';
import { DEMO_CONTAINERS, seedContainers, type SandboxContainer } from './containers';

export const DELETE_PATH = '/ai/openapi/v2/instance-service/task';
export const RESOURCE_GROUP_PATH = '/ai/openapi/v2/instance-service/resource-group';
export const STATE_PATH = '/__sandbox/containers';

/** Every request the sandbox received, as it arrived. */
export interface RecordedRequest {
	method: string;
	/** Path and query string, exactly as sent. */
	url: string;
	path: string;
	/** The repeated `ids` query parameter, in order. */
	ids: string[];
	/** Query parameter names, to catch `ids[]` or `ids[0]` forms. */
	queryKeys: string[];
	headers: IncomingMessage['headers'];
}

export interface FaultResponse {
	status?: number;
	/** A string is sent as is; anything else as JSON. */
	body?: unknown;
	contentType?: string;
	headers?: Record<string, string>;
}

/** A configurable misbehaviour. The first matching fault with uses left decides the answer. */
export interface Fault {
	/** Which requests it applies to; all of them when absent. */
	when?: (request: RecordedRequest) => boolean;
	/** How many requests it affects; unlimited when absent. */
	times?: number;
	/** Wait this long before answering (or dropping). */
	delayMs?: number;
	/** Close the connection without an answer. */
	drop?: boolean;
	/** Answer this instead of the normal answer; with only `delayMs`, the normal answer comes late. */
	respond?: FaultResponse | ((request: RecordedRequest) => FaultResponse);
}

export interface SandboxOptions {
	host?: string;
	/** 0 picks a free port. */
	port?: number;
	token?: string;
	/** Latency added to every answer. */
	latencyMs?: number;
	/** How many containers to seed. */
	containers?: number;
	/** Seed the demo containers too (`DEMO_CONTAINERS`, with the IDs the README uses), on start and on reset. */
	demo?: boolean;
	/** Serve HTTPS with this key and certificate (PEM), like private deployments on odd ports. */
	tls?: { key: string; cert: string };
	/** The account, regions and token rules of the sign-in endpoints (restored on reset). */
	auth?: Partial<AuthSettings>;
}

export const DEFAULT_SANDBOX_TOKEN = 'sandbox-token-5f0c1d6e8a7b4c3d9e2f1a0b';

export interface Sandbox {
	readonly url: string;
	/** A fixed token the container endpoints accept, for the 'Access Token' mode; sign-in issues others. */
	readonly token: string;
	/** The sign-in side: `auth.configure(...)` changes accounts, regions and lifetimes; `auth.expireTokens()`. */
	readonly auth: SandboxAuthority;
	/** After this many more container requests, every token issued so far expires. */
	expireTokensAfter(requests: number): void;
	readonly containers: Map<string, SandboxContainer>;
	readonly requests: RecordedRequest[];
	/** The most requests that were being answered at the same time since the last reset. */
	readonly peakInFlight: number;
	addFault(fault: Fault): void;
	/** Every DELETE that includes one of `ids` fails as a whole with `code`, deleting nothing. */
	failIds(ids: readonly string[], code: string, msg?: string): void;
	/** Forget recorded requests and faults; reseed the store. */
	reset(): void;
	close(): Promise<void>;
}

const ID_SHAPE = /^[A-Za-z0-9_-]+$/;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const token = options.token ?? DEFAULT_SANDBOX_TOKEN;
	const seedCount = options.containers ?? 40;
	const containers = new Map<string, SandboxContainer>();
	const requests: RecordedRequest[] = [];
	let faults: Array<Fault & { used: number }> = [];
	let poisoned = new Map<string, { code: string; msg: string }>();
	let inFlight = 0;
	let peakInFlight = 0;
	let url = '';
	const authority = new SandboxAuthority(() => url, options.auth);
	let expiryCountdown: number | undefined;

	const reseed = () => {
		containers.clear();
		for (const container of seedContainers(seedCount)) containers.set(container.id, container);
		if (options.demo) for (const container of DEMO_CONTAINERS) containers.set(container.id, { ...container });
	};
	reseed();

	const send = (res: ServerResponse, { status = 200, body, contentType, headers = {} }: FaultResponse) => {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		res.writeHead(status, {
			'content-type': contentType ?? (typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json'),
			...headers,
		});
		res.end(text);
	};
	const envelope = (code: string, msg: string, data: unknown = null): FaultResponse => ({
		body: { code, msg, data },
	});

	const answer = (request: RecordedRequest): FaultResponse => {
		if (request.method === 'GET' && request.path === STATE_PATH) {
			return { body: [...containers.values()] };
		}
		const auth = authority.answer(request.method, request.path, request.headers);
		if (auth) return { body: auth };
		const route = `${request.method} ${request.path}`;
		if (route !== `GET ${RESOURCE_GROUP_PATH}` && route !== `DELETE ${DELETE_PATH}`) {
			return { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>' };
		}
		if (expiryCountdown !== undefined && --expiryCountdown < 0) {
			authority.expireTokens();
			expiryCountdown = undefined;
		}
		// SCNet refuses a bad or expired token with HTTP 200 and code 10008.
		if (request.headers.token !== token && !authority.regionOf(request.headers.token)) return envelope('10008', '权限不足');
		if (route === `GET ${RESOURCE_GROUP_PATH}`) {
			return envelope('0', 'success', ['TeslaM40', 'DCU-K100']);
		}
		const ids = [...new Set(request.ids)];
		if (ids.length === 0) return envelope('10003', '参数不全');
		if (!ids.every((id) => ID_SHAPE.test(id))) return envelope('10004', '参数无效');
		const poison = ids.map((id) => poisoned.get(id)).find(Boolean);
		if (poison) return envelope(poison.code, poison.msg);
		// Like the platform (as far as anyone knows), a batch with an unknown ID deletes nothing.
		if (!ids.every((id) => containers.has(id))) return envelope('716866', '删除任务失败');
		for (const id of ids) containers.delete(id);
		return envelope('0', 'success');
	};

	const listener: RequestListener = (req, res) => {
		const url = req.url ?? '/';
		const parsed = new URL(url, 'http://sandbox');
		const request: RecordedRequest = {
			method: req.method ?? 'GET',
			url,
			path: parsed.pathname,
			ids: parsed.searchParams.getAll('ids'),
			queryKeys: [...new Set(parsed.searchParams.keys())],
			headers: req.headers,
		};
		if (request.path !== STATE_PATH) requests.push(request);
		inFlight++;
		peakInFlight = Math.max(peakInFlight, inFlight);
		res.on('close', () => inFlight--);
		req.resume();
		req.on('end', () => {
			void (async () => {
				if (options.latencyMs) await delay(options.latencyMs);
				const fault = faults.find((f) => (f.times === undefined || f.used < f.times) && (!f.when || f.when(request)));
				if (fault) fault.used++;
				if (fault?.delayMs) await delay(fault.delayMs);
				if (fault?.drop) {
					req.socket.destroy();
					return;
				}
				if (res.destroyed) return;
				const respond = typeof fault?.respond === 'function' ? fault.respond(request) : fault?.respond;
				send(res, respond ?? answer(request));
			})();
		});
	};
	const server: Server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	const { address, port } = server.address() as AddressInfo;
	url = `${options.tls ? 'https' : 'http'}://${address}:${port}`;

	return {
		url,
		token,
		auth: authority,
		expireTokensAfter: (count) => {
			expiryCountdown = count;
		},
		containers,
		requests,
		get peakInFlight() {
			return peakInFlight;
		},
		addFault: (fault) => faults.push({ ...fault, used: 0 }),
		failIds: (ids, code, msg = 'failed') => {
			for (const id of ids) poisoned.set(id, { code, msg });
		},
		reset: () => {
			requests.length = 0;
			peakInFlight = inFlight;
			faults = [];
			poisoned = new Map();
			reseed();
			authority.reset();
			expiryCountdown = undefined;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
