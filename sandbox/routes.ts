/**
 * The container service's endpoints, one handler each, over the sandbox's store. A handler gets
 * the request (token already checked) and returns the answer; unknown paths are the server's 404.
 */
import { envelope, type Envelope } from './auth';
import type { SandboxContainer } from './containers';
import { IMAGES, RESOURCE_GROUPS, type ContainerStore } from './store';

const SERVICE = '/ai/openapi/v2/instance-service';

export const TASKS_PATH = `${SERVICE}/task`;
export const DELETE_PATH = TASKS_PATH;
export const TASK_LIST_PATH = `${SERVICE}/task/list`;
export const RESTART_PATH = `${SERVICE}/task/actions/restart`;
export const STOP_PATH = `${SERVICE}/task/actions/stop`;
export const EXECUTE_SCRIPT_PATH = `${SERVICE}/task/actions/execute-script`;
export const RESOURCE_GROUP_PATH = `${SERVICE}/resource-group`;
export const IMAGES_PATH = `${SERVICE}/images`;
export const detailPath = (id: string) => `${SERVICE}/${id}/detail`;
export const urlPath = (id: string) => `${SERVICE}/${id}/url`;

export interface RouteRequest {
	query: URLSearchParams;
	/** The JSON body, parsed; undefined when there was none or it was not JSON. */
	body: unknown;
	/** The path's `{id}`, for the routes that have one. */
	id?: string;
}

/** A handler's answer: an envelope (HTTP 200), or `undefined` for "no such endpoint" (404). */
type Handler = (request: RouteRequest, store: ContainerStore, serviceUrl: string) => Envelope | undefined;

export interface Route {
	/** A short name tests can filter recorded requests by. */
	name: string;
	method: string;
	pattern: RegExp;
	handle: Handler;
}

/** A route found for a request, with the path's `{id}` when it has one. */
export interface FoundRoute {
	route: Route;
	id?: string;
}

const ok = (data: unknown = null): Envelope => envelope('0', 'success', data);
const fail = (code: string, msg: string): Envelope => envelope(code, msg);
const ID = '([A-Za-z0-9_-]+)';
const ID_SHAPE = new RegExp(`^${ID}$`);
const exact = (path: string) => new RegExp(`^${path.replace(/[/.]/g, '\\$&')}$`);
const withId = (suffix: string) => new RegExp(`^${SERVICE.replace(/\//g, '\\/')}\\/${ID}\\/${suffix}$`);

const ROUTES: Route[] = [
	{ name: 'list', method: 'GET', pattern: exact(TASK_LIST_PATH), handle: (request, store) => list('task/list', request, store) },
	{ name: 'list', method: 'GET', pattern: exact(TASKS_PATH), handle: (request, store) => list('task', request, store) },
	{ name: 'create', method: 'POST', pattern: exact(TASKS_PATH), handle: (request, store) => create(request, store) },
	{ name: 'delete', method: 'DELETE', pattern: exact(DELETE_PATH), handle: (request, store) => remove(request, store) },
	{ name: 'detail', method: 'GET', pattern: withId('detail'), handle: (request, store, serviceUrl) => detail(request, store, serviceUrl) },
	{ name: 'url', method: 'GET', pattern: withId('url'), handle: (request, store, serviceUrl) => url(request, store, serviceUrl) },
	{ name: 'restart', method: 'POST', pattern: exact(RESTART_PATH), handle: (request, store) => restart(request, store) },
	{ name: 'stop', method: 'POST', pattern: exact(STOP_PATH), handle: (request, store) => stop(request, store) },
	{ name: 'executeScript', method: 'POST', pattern: exact(EXECUTE_SCRIPT_PATH), handle: (request, store) => executeScript(request, store) },
	{ name: 'resourceGroups', method: 'GET', pattern: exact(RESOURCE_GROUP_PATH), handle: () => ok(RESOURCE_GROUPS) },
	{ name: 'images', method: 'GET', pattern: exact(IMAGES_PATH), handle: (request) => images(request) },
];

/** The route of a method and path, with the path's ID. */
export function findRoute(method: string, path: string): FoundRoute | undefined {
	for (const route of ROUTES) {
		if (route.method !== method) continue;
		const match = route.pattern.exec(path);
		if (match) return { route, id: match[1] };
	}
	return undefined;
}

function list(form: 'task/list' | 'task', { query }: RouteRequest, store: ContainerStore): Envelope | undefined {
	const settings = store.list;
	if (!settings.paths.includes(form)) return undefined;
	const limit = Number(query.get('limit') ?? 'NaN');
	if (!Number.isInteger(limit) || limit < 1) return fail('10003', '参数不全: limit');
	const start = settings.ignoresStart ? 0 : Math.max(0, Number(query.get('start') ?? 0) || 0);
	const all = store.query({
		status: query.get('status') ?? undefined,
		taskType: query.get('taskType') ?? undefined,
		instanceServiceName: query.get('instanceServiceName') ?? undefined,
	});
	const page = all.slice(start, start + Math.min(limit, settings.pageCap)).map((container) => listEntry(container, settings.idField));
	if (settings.shape === 'array') return ok(page);
	return ok({ [settings.shape]: page, ...(settings.total ? { total: all.length } : {}) });
}

function listEntry(container: SandboxContainer, idField: 'id' | 'instanceServiceId') {
	const { id, instanceServiceName, status, taskType, createTime, startTime = null, endTime = null, timeoutLimit = 'unlimited' } = container;
	return { [idField]: id, instanceServiceName, status, taskType, createTime, startTime, endTime, timeoutLimit, remainingTime: '--' };
}

function detail({ id }: RouteRequest, store: ContainerStore, serviceUrl: string): Envelope {
	const container = store.get(id as string);
	if (!container) return fail('716020', '数据库查询异常');
	return ok({
		id: container.id,
		headerNotebookId: container.id,
		instanceServiceName: container.instanceServiceName,
		currentIndex: 1,
		gpuNumber: container.gpuNumber ?? 1,
		cpuNumber: container.cpuNumber ?? 3,
		ramSize: container.ramSize ?? 15360,
		acceleratorType: container.acceleratorType ?? 'gpu',
		resourceGroup: container.resourceGroup ?? RESOURCE_GROUPS[0],
		resourceSpec: '3 核心; 1 加速器; 15.0G 内存',
		taskNumber: String(container.taskNumber ?? 1),
		timeoutLimit: container.timeoutLimit ?? 'unlimited',
		userName: 'sandbox-user',
		version: container.version ?? IMAGES[0].version,
		imagePath: container.imagePath ?? IMAGES[0].imagePath,
		status: container.status,
		taskType: container.taskType,
		description: container.description ?? '',
		createTime: container.createTime,
		startTime: container.startTime ?? null,
		endTime: container.endTime ?? null,
		duration: '--',
		remainingTime: '--',
		mountInfoList: [],
		containerPortInfoList: [{ accessUrl: accessUrl(serviceUrl, container.id), containerPort: 8888, protocolType: 'HTTP' }],
		useStartScript: false,
	});
}

function accessUrl(serviceUrl: string, id: string): string {
	return `${serviceUrl}/jupyter-forward/${id}/?token=sothisai_${id}`;
}

function url({ id }: RouteRequest, store: ContainerStore, serviceUrl: string): Envelope {
	return store.get(id as string) ? ok(accessUrl(serviceUrl, id as string)) : fail('716020', '数据库查询异常');
}

function restart({ query }: RouteRequest, store: ContainerStore): Envelope {
	const id = query.get('instanceServiceId');
	if (!id) return fail('10003', '参数不全');
	if (!store.get(id)) return fail('716020', '数据库查询异常');
	store.start(id);
	return ok(id);
}

/**
 * The unique IDs of a batch call (`?ids=a&ids=b`), or its refusal: an ID poisoned by `failIds`
 * fails the batch before any other check, then an empty batch.
 */
function batchIds(query: URLSearchParams, store: ContainerStore): { ids: string[] } | { refusal: Envelope } {
	const ids = [...new Set(query.getAll('ids'))];
	const poison = store.poisonOf(ids);
	if (poison) return { refusal: fail(poison.code, poison.msg) };
	if (ids.length === 0) return { refusal: fail('10003', '参数不全') };
	return { ids };
}

function stop({ query }: RouteRequest, store: ContainerStore): Envelope {
	const batch = batchIds(query, store);
	if ('refusal' in batch) return batch.refusal;
	const { ids } = batch;
	// Like delete: a batch with an unknown ID stops nothing.
	if (!ids.every((id) => store.get(id))) return fail('10004', '参数无效');
	for (const id of ids) store.stop(id);
	return ok();
}

function remove({ query }: RouteRequest, store: ContainerStore): Envelope {
	const batch = batchIds(query, store);
	if ('refusal' in batch) return batch.refusal;
	const { ids } = batch;
	if (!ids.every((id) => ID_SHAPE.test(id))) return fail('10004', '参数无效');
	// Like the platform (as far as anyone knows), a batch with an unknown ID deletes nothing.
	if (!ids.every((id) => store.containers.has(id))) return fail('716866', '删除任务失败');
	store.remove(ids);
	return ok();
}

function executeScript({ body }: RouteRequest, store: ContainerStore): Envelope {
	const { id, startScriptContent, startScriptActionScope } = (body ?? {}) as Record<string, unknown>;
	if (typeof id !== 'string' || typeof startScriptContent !== 'string' || typeof startScriptActionScope !== 'string') {
		return fail('10003', '参数不全');
	}
	const container = store.get(id);
	if (!container) return fail('716020', '数据库查询异常');
	if (container.status !== 'Running') return fail('716864', '脚本执行异常');
	store.scriptRuns.push({ id, startScriptContent, startScriptActionScope });
	return ok();
}

const CREATE_REQUIRED = [
	'acceleratorType',
	'cpuNumber',
	'gpuNumber',
	'imagePath',
	'instanceServiceName',
	'ramSize',
	'resourceGroup',
	'startScriptActionScope',
	'taskNumber',
	'taskType',
	'timeoutLimit',
	'useStartScript',
	'version',
];

function create({ body }: RouteRequest, store: ContainerStore): Envelope {
	const fields = (body ?? {}) as Record<string, unknown>;
	const missing = CREATE_REQUIRED.filter((field) => fields[field] === undefined || fields[field] === null || fields[field] === '');
	if (missing.length > 0) return fail('10003', `参数不全: ${missing.join(', ')}`);
	if (fields.useStartScript === true && !fields.startScriptContent) return fail('10003', '参数不全: startScriptContent');
	if (!RESOURCE_GROUPS.includes(String(fields.resourceGroup))) return fail('716865', '创建任务失败');
	return ok(store.create(fields).id);
}

function images({ query }: RouteRequest): Envelope {
	const type = query.get('acceleratorType');
	return ok(IMAGES.filter((image) => !type || image.acceleratorType === type));
}
