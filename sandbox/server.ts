/**
 * The SCNet sandbox: a local HTTP server that speaks the part of the SCNet API the package uses
 * (sign-in and discovery in auth.ts, the container service in routes.ts over the store in
 * store.ts), with faults that tests (or people) can switch on. Only for development and tests;
 * it never ships in the package.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';

import { envelope, SandboxAuthority, type AuthSettings } from './auth';
import { STATUSES, type SandboxContainer, type Status } from './containers';
import { EfileService, findEfileRoute, isMultipartType, type EfileSettings, type FoundEfileRoute, type SandboxEfile } from './efile/service';
import { findHpcRoute, HpcService, type FoundHpcRoute, type HpcSettings, type SandboxHpc } from './hpc/service';
import { findNotebookRoute, NotebookService, type FoundNotebookRoute, type HostKind, type NotebookSettings, type SandboxNotebooks } from './notebook/service';
import { findRoute, type FoundRoute } from './routes';
import { SAMPLE_PATH, sampleStream } from './sample';
import { ContainerStore, type LifecycleSettings, type ListSettings, type ScriptRun } from './store';

export * from './routes';
export const STATE_PATH = '/__sandbox/containers';
/** The sandbox's own control: `POST /__sandbox/containers/{id}/status` moves a container (no token). */
const CONTROL_PATH = /^\/__sandbox\/containers\/([A-Za-z0-9_-]+)\/status$/;

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
	/** The body as sent (text); empty when there was none. */
	body: string;
	/** The route it reached (`list`, `detail`, `delete`, … or `hpc.submit`, `hpc.jobs`, … or `notebook.list`, …), if any. */
	route?: string;
	/** Which address it came to: the sandbox's URL (`platform`), or its second one (`region`, see `regionHost`). */
	host: HostKind;
	/** When it arrived (epoch ms). */
	at: number;
}

export interface FaultResponse {
	status?: number;
	/** A string is sent as is; a stream (an eFile download) piped; anything else as JSON. */
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
	/** Carry the request out, then close the connection without its answer (a lost answer). */
	lose?: boolean;
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
	/** Seed the demo containers too (`demoContainers`, with the IDs the README uses), on start and on reset. */
	demo?: boolean;
	/** How long a started or created container waits before it runs (default 1 s). */
	startDelayMs?: number;
	/** Every this many ms one numbered container moves on in its life (runs, finishes, fails), for a trigger to see. */
	churnEveryMs?: number;
	/** Serve HTTPS with this key and certificate (PEM), like private deployments on odd ports. */
	tls?: { key: string; cert: string };
	/** The account, regions and token rules of the sign-in endpoints (restored on reset). */
	auth?: Partial<AuthSettings>;
	/** How the HPC (Slurm job) service behaves: delays, retention, open answers (restored on reset). */
	hpc?: Partial<HpcSettings>;
	/** How the eFile (file) service behaves where the reference leaves it open (restored on reset). */
	efile?: Partial<EfileSettings>;
	/** How many notebooks to seed (3 unless given: Running, Terminated, Failed, …). */
	notebooks?: number;
	/** How the notebook service behaves: delays, hosts, tokens, open answers (restored on reset). */
	notebook?: Partial<NotebookSettings>;
	/**
	 * Also listen on a second port, `regionUrl`, that plays another host (a region's container
	 * service, for notebook calls): the same sandbox, its requests recorded with `host: 'region'`.
	 */
	regionHost?: boolean;
}

export const DEFAULT_SANDBOX_TOKEN = 'sandbox-token-5f0c1d6e8a7b4c3d9e2f1a0b';

export interface Sandbox {
	readonly url: string;
	/** A fixed token the container endpoints accept, for the 'Access Token' mode; sign-in issues others. */
	readonly token: string;
	/** The sign-in side: `auth.configure(...)` changes accounts, regions and lifetimes; `auth.expireTokens()`. */
	readonly auth: SandboxAuthority;
	/** The HPC side: `hpc.jobs`, `hpc.configure(...)`, `hpc.setState(jobId, 'statC')`. */
	readonly hpc: SandboxHpc;
	/** The file side: `efile.files()`, `efile.put(path, bytes)`, `efile.configure(...)`; files live in a temporary folder. */
	readonly efile: SandboxEfile;
	/** The notebook side: `notebook.notebooks`, `notebook.add(...)`, `notebook.setStatus(id, 'Terminated')`, `notebook.configure(...)`. */
	readonly notebook: SandboxNotebooks;
	/** The second address, with `regionHost` (another host for the node, the same sandbox). */
	readonly regionUrl?: string;
	/** After this many more container or HPC requests, every token issued so far expires. */
	expireTokensAfter(requests: number): void;
	readonly containers: Map<string, SandboxContainer>;
	/** Scripts SCNet was asked to run, in order. */
	readonly scriptRuns: ScriptRun[];
	/** How many times each container was deleted since the last reset. */
	readonly deletions: Map<string, number>;
	/** Changes how the list endpoints answer (shape, page cap, paths, …) until the next reset. */
	configureList(patch: Partial<ListSettings>): void;
	/** Changes how containers start (delay, failures) until the next reset. */
	configureLifecycle(patch: Partial<LifecycleSettings>): void;
	/** Moves a container to a status at once (also `POST /__sandbox/containers/{id}/status` with `{ "status" }`). */
	setStatus(id: string, status: Status): void;
	readonly requests: RecordedRequest[];
	/** The most requests that were being answered at the same time since the last reset. */
	readonly peakInFlight: number;
	addFault(fault: Fault): void;
	/** Every delete (or stop) that includes one of `ids` fails as a whole with `code`, changing nothing. */
	failIds(ids: readonly string[], code: string, msg?: string): void;
	/** Forget recorded requests, faults and settings; reseed the store. */
	reset(): void;
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const token = options.token ?? DEFAULT_SANDBOX_TOKEN;
	const store = new ContainerStore(options.containers ?? 40, options.demo === true, {
		startDelayMs: options.startDelayMs ?? 1000,
		failOnStart: [],
	});
	const requests: RecordedRequest[] = [];
	let faults: Array<Fault & { used: number }> = [];
	let inFlight = 0;
	let peakInFlight = 0;
	let url = '';
	const authority = new SandboxAuthority(() => url, token, options.auth);
	// Jobs belong to the cluster user region discovery names, which is the account's user here.
	const hpc = new HpcService(() => authority.settings.account.clusterUser, options.hpc);
	const efile = new EfileService(() => authority.settings.account.clusterUser, options.efile, () => hpc.outputFiles());
	const notebooks = new NotebookService(() => authority.settings.regions.map((region) => region.id), options.notebooks ?? 3, options.notebook);
	let expiryCountdown: number | undefined;

	const send = (res: ServerResponse, { status = 200, body, contentType, headers = {} }: FaultResponse) => {
		if (body instanceof Readable) {
			if (res.destroyed) return void body.destroy();
			res.writeHead(status, { 'content-type': contentType ?? 'application/octet-stream', ...headers });
			body.on('error', () => res.destroy()).pipe(res);
			res.on('close', () => body.destroy());
			return;
		}
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		res.writeHead(status, {
			'content-type': contentType ?? (typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json'),
			...headers,
		});
		res.end(text);
	};
	/** The normal answer, from the request's route (found once, on arrival) and its query. */
	const answer = (
		request: RecordedRequest,
		found: FoundRoute | undefined,
		query: URLSearchParams,
		hpcRoute?: FoundHpcRoute,
		efileRoute?: { route: FoundEfileRoute; stream?: IncomingMessage },
		notebookRoute?: FoundNotebookRoute,
	): FaultResponse | Promise<FaultResponse> => {
		if (request.method === 'GET' && request.path === STATE_PATH) {
			store.settle();
			return { body: [...store.containers.values()] };
		}
		if (request.method === 'GET' && request.path === SAMPLE_PATH) {
			const size = Number(query.get('bytes') ?? '1024');
			if (!Number.isInteger(size) || size < 0 || size > 8 * 1024 ** 3) return { status: 400, body: { error: 'bytes must be a whole number up to 8 GiB' } };
			const name = (query.get('name') ?? 'sample.bin').replace(/[^\w.-]/g, '_');
			return { body: sampleStream(size), contentType: 'application/octet-stream', headers: { 'content-disposition': `attachment; filename="${name}"`, 'content-length': String(size) } };
		}
		const control = CONTROL_PATH.exec(request.path);
		if (request.method === 'POST' && control) {
			const status = (parseJson(request.body) as { status?: unknown } | undefined)?.status;
			if (typeof status !== 'string' || !STATUSES.includes(status as Status)) return { status: 400, body: { error: `status must be one of ${STATUSES.join(', ')}` } };
			const container = store.setStatus(control[1], status as Status);
			return container ? { body: container } : { status: 404, body: { error: 'no such container' } };
		}
		const auth = authority.answer(request.method, request.path, request.headers);
		if (auth) return { body: auth };
		const notFound: FaultResponse = { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>' };
		if (!found && !hpcRoute && !efileRoute && !notebookRoute) return notFound;
		if (expiryCountdown !== undefined && --expiryCountdown < 0) {
			authority.expireTokens();
			expiryCountdown = undefined;
		}
		// The notebook service checks host and token itself: which ones SCNet wants there is a setting.
		if (notebookRoute) return notebooks.answer(notebookRoute, request.host, authority.tokenKind(request.headers.token), { query, body: request.body });
		// SCNet refuses a bad or expired token with HTTP 200 and code 10008.
		if (request.headers.token !== token && !authority.regionOf(request.headers.token)) return { body: envelope('10008', '权限不足') };
		if (efileRoute) return efile.answer(efileRoute.route, { method: request.method, path: request.path, query, body: request.body, headers: request.headers, stream: efileRoute.stream });
		if (hpcRoute) return hpc.answer(hpcRoute, { method: request.method, path: request.path, query, body: request.body, headers: request.headers });
		if (!found) return notFound;
		const result = found.route.handle({ query, body: parseJson(request.body), id: found.id }, store, url);
		return result ? { body: result } : notFound;
	};

	const listener = (host: HostKind): RequestListener => (req, res) => {
		const url = req.url ?? '/';
		const method = req.method ?? 'GET';
		const { pathname, searchParams } = new URL(url, 'http://sandbox');
		const found = findRoute(method, pathname);
		const hpcRoute = found ? undefined : findHpcRoute(method, pathname);
		const efileRoute = found || hpcRoute ? undefined : findEfileRoute(method, pathname);
		const notebookRoute = found || hpcRoute || efileRoute ? undefined : findNotebookRoute(method, pathname);
		// An eFile multipart body (an upload, maybe a gigabyte) stays a stream the service reads, and is not recorded.
		const stream = efileRoute && isMultipartType(req.headers) ? req : undefined;
		const efileCall = efileRoute ? { route: efileRoute, stream } : undefined;
		const request: RecordedRequest = {
			method,
			url,
			path: pathname,
			ids: searchParams.getAll('ids'),
			queryKeys: [...new Set(searchParams.keys())],
			headers: req.headers,
			body: '',
			route: found?.route.name ?? hpcRoute?.name ?? efileRoute?.name ?? notebookRoute?.name,
			host,
			at: Date.now(),
		};
		if (!request.path.startsWith(STATE_PATH) && request.path !== SAMPLE_PATH) requests.push(request);
		inFlight++;
		peakInFlight = Math.max(peakInFlight, inFlight);
		res.on('close', () => inFlight--);
		const chunks: Buffer[] = [];
		const reply = () => {
			void (async () => {
				if (options.latencyMs) await delay(options.latencyMs);
				const fault = faults.find((f) => (f.times === undefined || f.used < f.times) && (!f.when || f.when(request)));
				if (fault) fault.used++;
				if (fault?.delayMs) await delay(fault.delayMs);
				if (fault?.drop || fault?.lose) {
					if (fault.lose) {
						const lost = (await answer(request, found, searchParams, hpcRoute, efileCall, notebookRoute)).body;
						if (lost instanceof Readable) lost.destroy();
					}
					req.socket.destroy();
					return;
				}
				if (res.destroyed) return;
				const respond = typeof fault?.respond === 'function' ? fault.respond(request) : fault?.respond;
				send(res, respond ?? (await answer(request, found, searchParams, hpcRoute, efileCall, notebookRoute)));
			})();
		};
		if (stream) return reply();
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			request.body = Buffer.concat(chunks).toString('utf8');
			reply();
		});
	};
	const serve = (host: HostKind): Server => (options.tls ? createTlsServer(options.tls, listener(host)) : createServer(listener(host)));
	const server = serve('platform');
	const regionServer = options.regionHost ? serve('region') : undefined;

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
	if (regionServer) await new Promise<void>((resolve) => regionServer.listen(0, options.host ?? '127.0.0.1', resolve));
	const churn = options.churnEveryMs ? setInterval(() => churnOne(store), options.churnEveryMs) : undefined;
	const { address, port } = server.address() as AddressInfo;
	url = `${options.tls ? 'https' : 'http'}://${address}:${port}`;
	const regionUrl = regionServer ? `${options.tls ? 'https' : 'http'}://${address}:${(regionServer.address() as AddressInfo).port}` : undefined;

	return {
		url,
		token,
		auth: authority,
		hpc,
		efile,
		notebook: notebooks,
		regionUrl,
		expireTokensAfter: (count) => {
			expiryCountdown = count;
		},
		containers: store.containers,
		scriptRuns: store.scriptRuns,
		deletions: store.deletions,
		configureList: (patch) => {
			store.list = { ...store.list, ...patch };
		},
		configureLifecycle: (patch) => {
			store.lifecycle = { ...store.lifecycle, ...patch };
		},
		setStatus: (id, status) => void store.setStatus(id, status),
		requests,
		get peakInFlight() {
			return peakInFlight;
		},
		addFault: (fault) => faults.push({ ...fault, used: 0 }),
		failIds: (ids, code, msg = 'failed') => store.poison(ids, code, msg),
		reset: () => {
			requests.length = 0;
			peakInFlight = inFlight;
			faults = [];
			store.reset();
			authority.reset();
			hpc.reset();
			efile.reset();
			notebooks.reset();
			expiryCountdown = undefined;
		},
		close: () =>
			new Promise<void>((resolve) => {
				if (churn) clearInterval(churn);
				if (regionServer) {
					regionServer.closeAllConnections();
					regionServer.close();
				}
				server.closeAllConnections();
				server.close(() => {
					efile.close();
					resolve();
				});
			}),
	};
}

function parseJson(text: string): unknown {
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** What a container becomes next, as its life goes on: it runs, then finishes or fails, and is started again. */
const NEXT: Record<Status, Status[]> = {
	Waiting: ['Running'],
	Deploying: ['Running'],
	Running: ['Completed', 'Failed', 'Running'],
	Completed: ['Running'],
	Failed: ['Running'],
	Terminated: ['Running'],
};

/** Moves one numbered container (never a demo one, which the examples use) one step on. */
function churnOne(store: ContainerStore): void {
	const numbered = [...store.containers.values()].filter((container) => container.instanceServiceName.startsWith('Instances_'));
	const container = numbered[Math.floor(Math.random() * numbered.length)];
	if (!container) return;
	const next = NEXT[container.status];
	store.setStatus(container.id, next[Math.floor(Math.random() * next.length)]);
}
