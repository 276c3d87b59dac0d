/**
 * The sandbox's notebook side, over HTTP as the node uses it: every route, a notebook's life over
 * time, the answers the reference leaves open (each setting), and which host and token each family
 * of paths answers — so the node's fallback can be proven against it.
 */
import { DEFAULT_ACCOUNT, DEFAULT_REGION, V2_SIGN_IN_PATH } from '../../sandbox/auth';
import { NOTEBOOK_PATHS } from '../../sandbox/notebook/routes';
import { notebookId, SANDBOX_IMAGE, UNSYNCED_IMAGE_MARK } from '../../sandbox/notebook/store';
import { startSandbox, type Sandbox } from '../../sandbox/server';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ containers: 0, regionHost: true });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

interface Answer {
	status: number;
	code?: string;
	msg?: string;
	// Each route's data has its own shape; the tests read it field by field.
	data?: any;
	text: string;
}

async function call(method: string, path: string, { query, json, token, base }: { query?: Record<string, string>; json?: unknown; token?: string; base?: string } = {}): Promise<Answer> {
	const url = new URL(path, base ?? sandbox.url);
	for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
	const headers: Record<string, string> = { token: token ?? sandbox.token };
	if (json !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(url, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
	const text = await response.text();
	let parsed: { code?: string; msg?: string; data?: unknown } = {};
	try {
		parsed = JSON.parse(text);
	} catch {
		// An HTML page: no envelope.
	}
	return { status: response.status, code: parsed.code, msg: parsed.msg, data: parsed.data, text };
}

/** The sandbox account's tokens, as the password sign-in issues them: the platform's (cluster 0) and the region's. */
async function tokens(): Promise<{ platform: string; region: string }> {
	const { user, password, orgId } = DEFAULT_ACCOUNT;
	const response = await fetch(new URL(V2_SIGN_IN_PATH, sandbox.url), { method: 'POST', headers: { user, password, orgid: orgId } });
	const { data } = (await response.json()) as { data: Array<{ clusterId: string; token: string }> };
	return { platform: data.find((entry) => entry.clusterId === '0')?.token ?? '', region: data.find((entry) => entry.clusterId !== '0')?.token ?? '' };
}

const createBody = (extra: Record<string, unknown> = {}) => ({
	clusterId: DEFAULT_REGION.id,
	imagePath: SANDBOX_IMAGE,
	imageName: 'jupyterlab-pytorch:2.1.0-ubuntu20.04-dtk24.04.1-py3.10',
	acceleratorType: 'DCU',
	acceleratorNumber: '1',
	resourceGroupCode: 'ks100ksa048d1a0',
	...extra,
});
const statusOf = (id: string) => sandbox.notebook.notebooks.get(id)?.notebookStatus;

describe('sandbox notebooks: list and detail', () => {
	it('seeds three notebooks and lists them newest first as { total, records } with the documented names, passwords included', async () => {
		const { code, data } = await call('GET', NOTEBOOK_PATHS.list);

		expect(code).toBe('0');
		expect(data.total).toBe(3);
		expect(data.records.map((entry: any) => [entry.id, entry.notebookStatus])).toEqual([
			[notebookId(2), 'Failed'],
			[notebookId(1), 'Terminated'],
			[notebookId(0), 'Running'],
		]);
		expect(data.records[0]).toEqual(expect.objectContaining({ notebookName: expect.any(String), sshPassword: expect.any(String) }));
		expect(data.records[0].plan).toBeUndefined();
	});

	it('pages by number (from 1) with size, caps pages, and filters by part of the name and by status', async () => {
		for (let n = 0; n < 7; n++) sandbox.notebook.add({ notebookName: `probe-${n}`, notebookStatus: n % 2 === 0 ? 'Running' : 'Terminated' });
		sandbox.notebook.configure({ pageCap: 4 });

		const second = await call('GET', NOTEBOOK_PATHS.list, { query: { page: '2', size: '10' } });
		expect(second.data.records).toHaveLength(4);
		expect(second.data).toMatchObject({ total: 10, size: 4, current: 2 });
		const named = await call('GET', NOTEBOOK_PATHS.list, { query: { notebookName: 'probe-', notebookStatus: 'Running', size: '50' } });
		expect(named.data.total).toBe(4);
		expect((await call('GET', NOTEBOOK_PATHS.list, { query: { page: '0' } })).code).toBe('10004');
	});

	it.each([
		['list', { listShape: 'list' as const }, (data: any) => data.list],
		['array', { listShape: 'array' as const }, (data: any) => data],
	])('answers the %s shape, and the other field names', async (_, shape, entries) => {
		sandbox.notebook.configure({ ...shape, keys: 'alternative' });
		const { data } = await call('GET', NOTEBOOK_PATHS.list);

		expect(entries(data)[0]).toEqual(expect.objectContaining({ notebookId: notebookId(2), name: expect.any(String), status: 'Failed' }));
		expect(entries(data)[0].id).toBeUndefined();
	});

	it('gives the detail with its sshPassword, and answers an unknown notebook as the setting says', async () => {
		const { data } = await call('GET', NOTEBOOK_PATHS.detail, { query: { notebookId: notebookId(0) } });
		expect(data).toEqual(expect.objectContaining({ id: notebookId(0), notebookStatus: 'Running', sshPassword: sandbox.notebook.notebooks.get(notebookId(0))?.sshPassword }));

		expect((await call('GET', NOTEBOOK_PATHS.detail, { query: { notebookId: 'nope' } })).code).toBe('10004');
		sandbox.notebook.configure({ missingNotebook: 'null' });
		expect(await call('GET', NOTEBOOK_PATHS.detail, { query: { notebookId: 'nope' } })).toMatchObject({ code: '0', data: null });
		sandbox.notebook.configure({ missingNotebook: 'http404' });
		expect((await call('GET', NOTEBOOK_PATHS.detail, { query: { notebookId: 'nope' } })).status).toBe(404);
	});

	it('gives the Jupyter URL with its token, active only while it runs', async () => {
		const running = await call('GET', NOTEBOOK_PATHS.url, { query: { notebookId: notebookId(0) } });
		const stopped = await call('GET', NOTEBOOK_PATHS.url, { query: { notebookId: notebookId(1) } });

		expect(running.data).toEqual({ status: 'active', url: expect.stringMatching(new RegExp(`\\?token=sothisai_${notebookId(0)}$`)) });
		expect(stopped.data.status).toBe('inactive');
	});
});

describe("sandbox notebooks: a notebook's life", () => {
	it('creates a notebook that is Creating, then Running after the delay, and answers its ID as a live client saw it', async () => {
		sandbox.notebook.configure({ createDelayMs: 100 });
		const { code, data } = await call('POST', NOTEBOOK_PATHS.create, { json: createBody({ mountHome: false, mountInfo: [{ sourcePath: 'data', targetPath: '/mnt/data', permission: 'ro' }] }) });

		expect(code).toBe('0');
		expect(data).toEqual({ notebookId: expect.any(String), taskId: expect.any(String), orderId: expect.any(String) });
		expect(sandbox.notebook.notebooks.get(data.notebookId)).toMatchObject({ notebookStatus: 'Creating', mountHome: false, clusterId: DEFAULT_REGION.id });
		await new Promise((resolve) => setTimeout(resolve, 150));
		expect(statusOf(data.notebookId)).toBe('Running');
	});

	it('fails a notebook whose image is not synced to the region, and refuses a create that misses a field', async () => {
		sandbox.notebook.configure({ createDelayMs: 0 });
		const { data } = await call('POST', NOTEBOOK_PATHS.create, { json: createBody({ imagePath: `image.ac.com:5000/${UNSYNCED_IMAGE_MARK}/x:1` }) });
		expect(statusOf(data.notebookId)).toBe('Failed');

		const { imageName: _imageName, ...without } = createBody();
		expect((await call('POST', NOTEBOOK_PATHS.create, { json: without })).code).toBe('10003');
		expect((await call('POST', NOTEBOOK_PATHS.create, { json: createBody({ clusterId: '99999' }) })).code).toBe('10004');
		expect((await call('POST', NOTEBOOK_PATHS.create, { json: createBody({ acceleratorNumber: 'one' }) })).code).toBe('10004');
	});

	it('starts a stopped notebook (Restarting, then Running), stops it (Shutting, then Terminated), and answers 817140 to a stop of a stopped one', async () => {
		sandbox.notebook.configure({ startDelayMs: 50, stopDelayMs: 50 });
		const id = notebookId(1);
		expect((await call('POST', NOTEBOOK_PATHS.start, { json: { notebookId: id } })).code).toBe('0');
		expect(statusOf(id)).toBe('Restarting');
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect(statusOf(id)).toBe('Running');

		expect((await call('POST', NOTEBOOK_PATHS.stop, { json: { notebookId: id, saveEnv: false } })).code).toBe('0');
		expect(sandbox.notebook.notebooks.get(id)).toMatchObject({ notebookStatus: 'Shutting', savedEnv: false });
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect(statusOf(id)).toBe('Terminated');
		expect(await call('POST', NOTEBOOK_PATHS.stop, { json: { notebookId: id, saveEnv: true } })).toMatchObject({ code: '817140', msg: '当前Notebook已经停止！' });
	});

	it("refuses a stop whose saveEnv is not a boolean: 'false' as text is not false", async () => {
		expect((await call('POST', NOTEBOOK_PATHS.stop, { json: { notebookId: notebookId(0), saveEnv: 'false' } })).code).toBe('10004');
		expect((await call('POST', NOTEBOOK_PATHS.stop, { json: { notebookId: notebookId(0) } })).code).toBe('10003');
		expect(statusOf(notebookId(0))).toBe('Running');
	});

	it('releases a notebook by { id }; a running one only when the setting allows it', async () => {
		sandbox.notebook.configure({ releaseRunning: false });
		expect((await call('POST', NOTEBOOK_PATHS.release, { json: { id: notebookId(0) } })).code).toBe('10001');
		expect((await call('POST', NOTEBOOK_PATHS.release, { json: { id: notebookId(1) } })).code).toBe('0');
		expect(sandbox.notebook.notebooks.has(notebookId(1))).toBe(false);
		expect((await call('POST', NOTEBOOK_PATHS.release, { json: { notebookId: notebookId(2) } })).code).toBe('10003');
	});

	it('forgets what happened on reset: the seeded notebooks come back as they were', async () => {
		await call('POST', NOTEBOOK_PATHS.release, { json: { id: notebookId(0) } });
		sandbox.notebook.configure({ pageCap: 1 });
		sandbox.reset();

		expect(statusOf(notebookId(0))).toBe('Running');
		expect(sandbox.notebook.settings.pageCap).toBe(100);
	});
});

describe('sandbox notebooks: hosts and tokens', () => {
	it('answers every family on both hosts with either token by default, and records which host a request came to', async () => {
		const { platform, region } = await tokens();
		for (const token of [platform, region, sandbox.token]) {
			expect((await call('GET', NOTEBOOK_PATHS.list, { token, base: sandbox.regionUrl })).code).toBe('0');
			expect((await call('POST', NOTEBOOK_PATHS.start, { token, json: { notebookId: notebookId(0) } })).code).toBe('0');
		}
		expect(sandbox.requests.filter((request) => request.route?.startsWith('notebook.')).map((request) => [request.route, request.host])).toEqual(
			[1, 2, 3].flatMap(() => [
				['notebook.list', 'region'],
				['notebook.start', 'platform'],
			]),
		);
	});

	it('answers a bare 404 on a host that does not serve the family, and 10008 to a token it does not take', async () => {
		const { platform, region } = await tokens();
		sandbox.notebook.configure({ hosts: { ac: ['platform'], ai: ['platform'] }, tokens: { ac: ['platform'], ai: ['region'] } });

		const elsewhere = await call('GET', NOTEBOOK_PATHS.list, { token: region, base: sandbox.regionUrl });
		expect([elsewhere.status, elsewhere.code, elsewhere.text]).toEqual([404, undefined, expect.stringContaining('404 Not Found')]);
		expect((await call('GET', NOTEBOOK_PATHS.list, { token: platform })).code).toBe('10008');
		expect((await call('GET', NOTEBOOK_PATHS.list, { token: region })).code).toBe('0');
		expect((await call('POST', NOTEBOOK_PATHS.start, { token: region, json: { notebookId: notebookId(1) } })).code).toBe('10008');
		expect((await call('POST', NOTEBOOK_PATHS.start, { token: platform, json: { notebookId: notebookId(1) } })).code).toBe('0');
		expect((await call('GET', NOTEBOOK_PATHS.list, { token: 'not-a-token' })).code).toBe('10008');
	});
});
