/**
 * The notebook endpoints (reference §4): create and start under `/ac/openapi/v2/notebook`, the
 * rest under `/ai/openapi/v2/notebook`, one handler each. Which host and token each family
 * answers is a setting (the platform's is UNKNOWN); the service checks both before a handler
 * runs. Recorded requests carry the route's name (`notebook.list`, …).
 */
import { envelope } from '../auth';
import type { NotebookFamily, NotebookSettings } from './settings';
import type { NotebookStore, SandboxNotebook } from './store';

export const AC_NOTEBOOK_PREFIX = '/ac/openapi/v2/notebook';
export const AI_NOTEBOOK_PREFIX = '/ai/openapi/v2/notebook';
export const NOTEBOOK_PATHS = {
	create: `${AC_NOTEBOOK_PREFIX}/actions/create`,
	start: `${AC_NOTEBOOK_PREFIX}/actions/start`,
	stop: `${AI_NOTEBOOK_PREFIX}/actions/stop`,
	release: `${AI_NOTEBOOK_PREFIX}/actions/release`,
	list: `${AI_NOTEBOOK_PREFIX}/list`,
	detail: `${AI_NOTEBOOK_PREFIX}/detail`,
	url: `${AI_NOTEBOOK_PREFIX}/url`,
} as const;

/** SCNet's words for a stop of a stopped notebook, as its console answers it (T). */
export const ALREADY_STOPPED = { code: '817140', msg: '当前Notebook已经停止！' };

export interface NotebookRequest {
	query: URLSearchParams;
	/** The body as sent (text). */
	body: string;
}

export interface NotebookContext {
	store: NotebookStore;
	/** The regions of the account, by ID (create's `clusterId` must be one). */
	regions(): string[];
}

export interface NotebookAnswer {
	status?: number;
	body: unknown;
}

type Handler = (request: NotebookRequest, context: NotebookContext) => NotebookAnswer;

const ok = (data: unknown = null): NotebookAnswer => ({ body: envelope('0', 'success', data) });
const fail = (code: string, msg: string): NotebookAnswer => ({ body: envelope(code, msg) });
const missing = (name: string) => fail('10003', `参数不全: ${name}`);
const invalid = (name: string) => fail('10004', `参数无效: ${name}`);

function jsonOf(request: NotebookRequest): Record<string, unknown> | undefined {
	try {
		const parsed = JSON.parse(request.body) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** A notebook as SCNet describes it: every field (its sshPassword too), under the names the settings choose. */
export function notebookEntry(notebook: SandboxNotebook, { keys }: NotebookSettings): Record<string, unknown> {
	const { id, notebookName, notebookStatus } = notebook;
	// The sandbox's own bookkeeping (its planned move, what the last stop asked for) is not SCNet's.
	const rest = Object.fromEntries(Object.entries(notebook).filter(([key]) => !['id', 'notebookName', 'notebookStatus', 'plan', 'savedEnv'].includes(key)));
	return keys === 'documented' ? { id, notebookName, notebookStatus, ...rest } : { notebookId: id, name: notebookName, status: notebookStatus, ...rest };
}

/** What an unknown notebook gets, as the settings have it (UNKNOWN on the platform). */
function unknownNotebook({ missingNotebook }: NotebookSettings, path: string): NotebookAnswer {
	if (missingNotebook === 'null') return ok(null);
	if (missingNotebook === 'http404') return { status: 404, body: { timestamp: new Date().toISOString(), status: 404, error: 'Not Found', path } };
	return fail('10004', 'Notebook不存在');
}

/** The notebook a request names (`field` in the JSON body, or `notebookId` in the query), or the answer that refuses it. */
function named(request: NotebookRequest, { store }: NotebookContext, field: string, path: string): SandboxNotebook | NotebookAnswer {
	const body = jsonOf(request);
	const id = body ? body[field] : request.query.get(field);
	if (typeof id !== 'string' || id === '') return missing(field);
	return store.get(id) ?? unknownNotebook(store.settings, path);
}

const isAnswer = (value: SandboxNotebook | NotebookAnswer): value is NotebookAnswer => 'body' in value;

const TEXT_FIELDS = ['clusterId', 'imagePath', 'imageName', 'acceleratorType', 'acceleratorNumber'] as const;

const create: Handler = (request, { store, regions }) => {
	const body = jsonOf(request);
	if (!body) return missing('body');
	for (const field of TEXT_FIELDS) if (typeof body[field] !== 'string' || (body[field] as string).trim() === '') return missing(field);
	if (!regions().includes(body.clusterId as string)) return invalid('clusterId');
	if (!/^\d+$/.test(body.acceleratorNumber as string)) return invalid('acceleratorNumber');
	if (body.mountHome !== undefined && typeof body.mountHome !== 'boolean') return invalid('mountHome');
	if (body.mountInfo !== undefined && !(Array.isArray(body.mountInfo) && body.mountInfo.every((mount) => mount && typeof mount === 'object'))) return invalid('mountInfo');
	const text = (field: string) => (typeof body[field] === 'string' ? (body[field] as string) : undefined);
	const notebook = store.create({
		clusterId: body.clusterId as string,
		imagePath: body.imagePath as string,
		imageName: body.imageName as string,
		imageSize: text('imageSize'),
		acceleratorType: body.acceleratorType as string,
		acceleratorNumber: body.acceleratorNumber as string,
		resourceGroupCode: text('resourceGroupCode'),
		mountHome: body.mountHome === undefined ? true : (body.mountHome as boolean),
		startCommand: text('startCommand'),
		mountInfo: body.mountInfo as unknown[] | undefined,
	});
	const { createAnswer } = store.settings;
	if (createAnswer === 'text') return ok(notebook.id);
	if (createAnswer === 'none') return ok(null);
	return ok({ notebookId: notebook.id, taskId: notebook.taskId, orderId: `order-${notebook.taskId}` });
};

/** Power on: from Terminated or Failed; a running (or starting) one is left as it is; one being created or stopped is refused (a guess). */
const start: Handler = (request, context) => {
	const notebook = named(request, context, 'notebookId', NOTEBOOK_PATHS.start);
	if (isAnswer(notebook)) return notebook;
	const { notebookStatus } = notebook;
	if (notebookStatus === 'Creating' || notebookStatus === 'Shutting') return fail('10001', `当前状态不允许开机: ${notebookStatus}`);
	if (notebookStatus === 'Terminated' || notebookStatus === 'Failed') context.store.start(notebook);
	return ok(true);
};

/** Power off; `saveEnv` must be a boolean. A stopped (or failed) one answers 817140, as SCNet's console does. */
const stop: Handler = (request, context) => {
	const notebook = named(request, context, 'notebookId', NOTEBOOK_PATHS.stop);
	if (isAnswer(notebook)) return notebook;
	const saveEnv = jsonOf(request)?.saveEnv;
	if (typeof saveEnv !== 'boolean') return saveEnv === undefined ? missing('saveEnv') : invalid('saveEnv');
	if (notebook.notebookStatus === 'Terminated' || notebook.notebookStatus === 'Failed') return fail(ALREADY_STOPPED.code, ALREADY_STOPPED.msg);
	if (notebook.notebookStatus !== 'Shutting') context.store.stop(notebook, saveEnv);
	return ok(true);
};

/** Deletes it, `{ id }` (not `notebookId`); one that is not stopped only if the settings allow it. */
const release: Handler = (request, context) => {
	const notebook = named(request, context, 'id', NOTEBOOK_PATHS.release);
	if (isAnswer(notebook)) return notebook;
	const stopped = notebook.notebookStatus === 'Terminated' || notebook.notebookStatus === 'Failed';
	if (!stopped && !context.store.settings.releaseRunning) return fail('10001', '请先关机后再释放');
	context.store.notebooks.delete(notebook.id);
	return ok(true);
};

const intParam = (query: URLSearchParams, name: string, fallback: number): number => {
	const value = query.get(name);
	if (value === null || value.trim() === '') return fallback;
	return /^\d+$/.test(value.trim()) ? Number(value) : NaN;
};

/** `page` from 1 and `size` (default 20, capped), `notebookName` (part of the name, a guess) and `notebookStatus`. */
const list: Handler = ({ query }, { store }) => {
	const page = intParam(query, 'page', 1);
	const size = intParam(query, 'size', 20);
	if (!(page >= 1)) return invalid('page');
	if (!(size >= 1)) return invalid('size');
	const name = query.get('notebookName') ?? '';
	const status = query.get('notebookStatus');
	const notebooks = store.all().filter((notebook) => notebook.notebookName.includes(name) && (!status || notebook.notebookStatus === status));
	const { pageCap, listShape, listTotal } = store.settings;
	const shown = Math.min(size, pageCap);
	const records = notebooks.slice((page - 1) * shown, page * shown).map((notebook) => notebookEntry(notebook, store.settings));
	if (listShape === 'array') return ok(records);
	const total = listTotal ? { total: notebooks.length } : {};
	return ok(listShape === 'list' ? { ...total, list: records } : { ...total, records, size: shown, current: page, pages: Math.ceil(notebooks.length / shown) });
};

const detail: Handler = (request, context) => {
	const notebook = named(request, context, 'notebookId', NOTEBOOK_PATHS.detail);
	return isAnswer(notebook) ? notebook : ok(notebookEntry(notebook, context.store.settings));
};

/** The Jupyter address, with its token in the query (`?token=sothisai_<id>`, as live clients saw); `inactive` unless it runs. */
const url: Handler = (request, context) => {
	const notebook = named(request, context, 'notebookId', NOTEBOOK_PATHS.url);
	if (isAnswer(notebook)) return notebook;
	const address = `https://n-${notebook.id}.ksai.scnet.example:58043/jupyter-forward/${notebook.id}/lab?token=sothisai_${notebook.id}`;
	return ok({ status: notebook.notebookStatus === 'Running' ? 'active' : 'inactive', url: address });
};

interface NotebookRoute {
	name: string;
	method: string;
	path: string;
	family: NotebookFamily;
	handle: Handler;
}

const ROUTES: NotebookRoute[] = [
	{ name: 'notebook.create', method: 'POST', path: NOTEBOOK_PATHS.create, family: 'ac', handle: create },
	{ name: 'notebook.start', method: 'POST', path: NOTEBOOK_PATHS.start, family: 'ac', handle: start },
	{ name: 'notebook.stop', method: 'POST', path: NOTEBOOK_PATHS.stop, family: 'ai', handle: stop },
	{ name: 'notebook.release', method: 'POST', path: NOTEBOOK_PATHS.release, family: 'ai', handle: release },
	{ name: 'notebook.list', method: 'GET', path: NOTEBOOK_PATHS.list, family: 'ai', handle: list },
	{ name: 'notebook.detail', method: 'GET', path: NOTEBOOK_PATHS.detail, family: 'ai', handle: detail },
	{ name: 'notebook.url', method: 'GET', path: NOTEBOOK_PATHS.url, family: 'ai', handle: url },
];

export type FoundNotebookRoute = Pick<NotebookRoute, 'name' | 'family' | 'handle'>;

export function findNotebookRoute(method: string, path: string): FoundNotebookRoute | undefined {
	return ROUTES.find((route) => route.method === method && route.path === path);
}
