import { DEFAULT_REGION, V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import { SANDBOX_IMAGE } from '../../../sandbox/notebook/store';
import type { RecordedRequest } from '../../../sandbox/server';
import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';
import { byId, calls, FAILED, json, notebookToken, RUNNING, runNotebook, signedInElsewhere, STOPPED } from './fixtures';

/*
 * Which host and token the notebook calls want is undocumented (reference §4.2). The node tries
 * the documented host and the region's token first, moves on only after an answer that certainly
 * means "not this host" (a bare 404) or "not this token" (10008/10009), and keeps what worked for
 * the rest of the execution. Here the region's container service is the sandbox's second address.
 */
const scnet = useSandbox({ containers: 0, regionHost: true });

/** Which token a request carried: the platform's (cluster 0) or a region's, read from the JWT. */
const tokenOf = (request: RecordedRequest) => {
	const payload = String(request.headers.token ?? '').split('.')[1] ?? '';
	return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8') || '{}').clusterId === '0' ? 'platform' : 'region';
};
const routeOf = (request: RecordedRequest) => `${request.host}/${tokenOf(request)}`;
const signIns = () => scnet.sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH);
const CREATE = { image: SANDBOX_IMAGE, acceleratorType: 'DCU', acceleratorNumber: 1, resourceGroup: 'ks100ksa048d1a0' };

describe('Notebook calls: host and token', () => {
	it("sends /ai calls to the region's container service with the region's token when it serves them", async () => {
		const { main } = await runNotebook(scnet, 'get', { notebookId: byId(RUNNING) }, { credentials: signedInElsewhere(scnet.sandbox) });

		expect(main[0].json).toMatchObject({ id: RUNNING, status: 'Running' });
		expect(calls(scnet.sandbox, 'detail').map(routeOf)).toEqual(['region/region']);
	});

	it('moves /ai calls to the platform host after a bare 404, and keeps that host for the rest of the execution', async () => {
		scnet.sandbox.notebook.configure({ hosts: { ac: ['platform'], ai: ['platform'] } });
		const credentials = signedInElsewhere(scnet.sandbox);
		const { main } = await runNotebook(scnet, 'get', { notebookId: '={{ $json.id }}' }, { items: [{ id: RUNNING }, { id: STOPPED }, { id: FAILED }], credentials });

		expect(json(main).map((notebook) => notebook.status)).toEqual(['Running', 'Terminated', 'Failed']);
		expect(calls(scnet.sandbox, 'detail').map(routeOf)).toEqual(['region/region', 'platform/region', 'platform/region', 'platform/region']);

		// A new execution starts afresh: the documented host first.
		await runNotebook(scnet, 'get', { notebookId: byId(RUNNING) }, { credentials });
		expect(calls(scnet.sandbox, 'detail').map(routeOf).slice(4)).toEqual(['region/region', 'platform/region']);
	});

	it('reads every page of a listing from the host that answered the first', async () => {
		for (let n = 0; n < 12; n++) scnet.sandbox.notebook.add();
		scnet.sandbox.notebook.configure({ hosts: { ac: ['platform'], ai: ['platform'] }, pageCap: 5 });
		const { main } = await runNotebook(scnet, 'list', { returnAll: true }, { credentials: signedInElsewhere(scnet.sandbox) });

		expect(main).toHaveLength(15);
		const hosts = calls(scnet.sandbox, 'list').map((request) => request.host);
		expect(hosts[0]).toBe('region');
		expect(hosts.slice(1).every((host) => host === 'platform')).toBe(true);
	});

	it("sends /ac calls with the platform token when the region's is refused (as a live MCP server found), and keeps it", async () => {
		scnet.sandbox.notebook.configure({ hosts: { ac: ['platform'], ai: ['platform', 'region'] }, tokens: { ac: ['platform'], ai: ['region'] } });
		const { main } = await runNotebook(scnet, 'create', CREATE, { items: [{}, {}], credentials: signedInElsewhere(scnet.sandbox) });

		expect(json(main).map((created) => created.created)).toEqual([true, true]);
		// The region's token, refused; refused again once n8n signed in anew; then the platform token, for both items.
		expect(calls(scnet.sandbox, 'create').map(routeOf)).toEqual(['platform/region', 'platform/region', 'platform/platform', 'platform/platform']);
		expect(signIns()).toHaveLength(2);
		expect([...scnet.sandbox.notebook.notebooks.values()].filter((notebook) => notebook.notebookStatus === 'Creating')).toHaveLength(2);
	});

	it('tries the platform token on the next host when neither token is taken on the first', async () => {
		scnet.sandbox.notebook.configure({ tokens: { ac: ['region'], ai: ['platform'] }, hosts: { ac: ['platform'], ai: ['platform'] } });
		const { main } = await runNotebook(scnet, 'start', { notebookId: byId(STOPPED) }, { credentials: signedInElsewhere(scnet.sandbox) });

		expect(main[0].json).toMatchObject({ started: true, status: 'Restarting' });
		// Start itself took the region's token on the platform host; its status read (an /ai call) went: region host 404, platform host with each token.
		expect(calls(scnet.sandbox, 'start').map(routeOf)).toEqual(['platform/region']);
		expect(calls(scnet.sandbox, 'detail').map(routeOf)).toEqual(['region/region', 'platform/region', 'platform/region', 'platform/platform']);
	});

	it('takes the platform host for a region without a container service', async () => {
		scnet.sandbox.auth.configure({ regions: [{ ...DEFAULT_REGION, aiUrl: null }] });
		const { main } = await runNotebook(scnet, 'list', { returnAll: true }, { credentials: accessKeyCredentials(scnet.sandbox) });

		expect(main).toHaveLength(3);
		expect(calls(scnet.sandbox, 'list').map(routeOf)).toEqual(['platform/region']);
	});

	it('with a pasted token, tries no other token, and no second host at the same address', async () => {
		scnet.sandbox.notebook.configure({ tokens: { ac: ['platform'], ai: ['platform'] } });
		const { main } = await runNotebook(scnet, 'list', { returnAll: true }, { credentials: notebookToken(scnet.sandbox), onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ code: '10008' })]);
		expect(calls(scnet.sandbox, 'list')).toHaveLength(1);
	});

	it('says where it looked when no host has the notebook API', async () => {
		scnet.sandbox.notebook.configure({ hosts: { ac: [], ai: [] } });
		const { error } = await runNotebook(scnet, 'get', { notebookId: byId(RUNNING) }, { credentials: signedInElsewhere(scnet.sandbox) });

		expect(error?.message).toBe(`SCNet's notebook API was found neither on the region's container service nor on the platform host (HTTP 404) (notebook '${RUNNING}', code HTTP_404) [item 0]`);
		expect(calls(scnet.sandbox, 'detail').map(routeOf)).toEqual(['region/region', 'platform/region']);
	});

	it('reports a refused token rather than a missing host when the other host refused it', async () => {
		scnet.sandbox.notebook.configure({ hosts: { ac: ['platform'], ai: ['platform'] }, tokens: { ac: [], ai: [] } });
		const { main } = await runNotebook(scnet, 'get', { notebookId: byId(RUNNING) }, { credentials: signedInElsewhere(scnet.sandbox), onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ id: RUNNING, code: '10008' })]);
	});
});

describe('Notebook calls: a fallback never sends a create, start or release again', () => {
	it.each([
		['a time-out', { delayMs: 1500 }, { timeout: 300 }, 'TIMEOUT'],
		['a lost answer', { lose: true }, {}, 'ECONNRESET'],
		['HTTP 502', { respond: { status: 502, body: '<html>bad gateway</html>' } }, {}, 'HTTP_502'],
	])('Release: after %s on the first host, nothing goes to the other host', async (_, fault, options, code) => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.release', ...fault });
		const { main } = await runNotebook(scnet, 'release', { notebookId: byId(STOPPED), options: { maxTries: 3, ...options } }, { credentials: signedInElsewhere(scnet.sandbox), onError: 'continueRegularOutput' });

		expect(calls(scnet.sandbox, 'release').map(routeOf)).toEqual(['region/region']);
		expect(json(main)).toEqual([expect.objectContaining({ released: false, code })]);
	});

	it('Create: after a time-out with the region token, the platform token is not tried', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.create', delayMs: 1500 });
		const { main } = await runNotebook(scnet, 'create', { ...CREATE, options: { timeout: 300 } }, { credentials: signedInElsewhere(scnet.sandbox), onError: 'continueRegularOutput' });

		expect(calls(scnet.sandbox, 'create').map(routeOf)).toEqual(['platform/region']);
		expect(main[0].json).toMatchObject({ created: false, code: 'TIMEOUT' });
	});

	it('Start: after a server error on the documented host, nothing else is tried', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.start', respond: { status: 500, body: { code: '10001', msg: 'internal' } } });
		const { main } = await runNotebook(scnet, 'start', { notebookId: byId(STOPPED) }, { credentials: signedInElsewhere(scnet.sandbox), onError: 'continueRegularOutput' });

		expect(calls(scnet.sandbox, 'start')).toHaveLength(1);
		expect(main[0].json).toMatchObject({ started: false, code: '10001' });
	});
});
