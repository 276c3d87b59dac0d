import { setTimeout as delay } from 'node:timers/promises';

import { V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import { containerId } from '../../../sandbox/containers';
import { DELETE_PATH } from '../../../sandbox/server';
import { accessKeyCredentials, passwordCredentials, useSandbox } from '../../harness/fixtures';

const scnet = useSandbox();
const id = containerId;
const ids = (from: number, count: number) => Array.from({ length: count }, (_, n) => ({ id: id(from + n) }));
const requestsTo = (path: string) => scnet.sandbox.requests.filter((request) => request.path === path);
const allDeleted = (items: Array<{ json: { deleted?: unknown } }>) => items.every((item) => item.json.deleted === true);

describe('token renewal', () => {
	it('renews a token that expires between two runs before sending anything with it', async () => {
		scnet.sandbox.auth.configure({ tokenLifetimeMs: 1000 });
		const first = await scnet.run({ operation: 'delete', items: ids(0, 1), credentials: accessKeyCredentials(scnet.sandbox) });
		const firstToken = first.credentials.stored.scnetApi.sessionToken;
		await delay(1100);
		const second = await scnet.run({ operation: 'delete', items: ids(1, 1), credentials: first.credentials.stored.scnetApi });

		expect(allDeleted([...first.main, ...second.main])).toBe(true);
		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(2);
		// One DELETE per run: the expired token was never sent.
		expect(requestsTo(DELETE_PATH).map((r) => r.headers.token === firstToken)).toEqual([true, false]);
	});

	it.each([
		['Access Key', accessKeyCredentials],
		['Password', passwordCredentials],
	])('%s: renews a token SCNet refuses (code 10008) and sends the request again, once', async (_, credentialsFor) => {
		const first = await scnet.run({ operation: 'delete', items: ids(0, 1), credentials: credentialsFor(scnet.sandbox) });
		scnet.sandbox.auth.expireTokens();
		const second = await scnet.run({ operation: 'delete', items: ids(1, 1), credentials: first.credentials.stored.scnetApi });

		expect(second.main.map((item) => item.json)).toEqual([{ id: id(1), deleted: true, code: '0', message: 'success' }]);
		expect(requestsTo(DELETE_PATH)).toHaveLength(3);
		expect(scnet.sandbox.requests.filter((r) => r.path.endsWith('/tokens'))).toHaveLength(2);
		expect(second.credentials.stored.scnetApi.sessionToken).not.toBe(first.credentials.stored.scnetApi.sessionToken);
	});

	it('renews in the middle of a run without losing a container', async () => {
		scnet.sandbox.expireTokensAfter(2);
		const { main } = await scnet.run({ operation: 'delete',
			items: ids(0, 10),
			credentials: accessKeyCredentials(scnet.sandbox),
			parameters: { options: { batchSize: 2 } },
		});

		expect(main).toHaveLength(10);
		expect(allDeleted(main)).toBe(true);
		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(2);
		// Five batches, one of them sent twice.
		expect(requestsTo(DELETE_PATH)).toHaveLength(6);
	});

	it('with parallel requests, signs in once per renewal', async () => {
		scnet.sandbox.expireTokensAfter(5);
		// Answers that take a moment keep several requests under way when the token expires.
		scnet.sandbox.addFault({ when: (request) => request.path === DELETE_PATH, delayMs: 20 });
		const { main } = await scnet.run({ operation: 'delete',
			items: ids(0, 40),
			credentials: accessKeyCredentials(scnet.sandbox),
			parameters: { options: { batchSize: 2, parallelRequests: 4 } },
		});

		expect(allDeleted(main)).toBe(true);
		expect(scnet.sandbox.containers.size).toBe(0);
		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(2);
		expect(scnet.sandbox.peakInFlight).toBeGreaterThan(1);
	});

	it('reports a token refused again after a fresh sign-in, without looping', async () => {
		const first = await scnet.run({ operation: 'delete', items: ids(0, 1), credentials: accessKeyCredentials(scnet.sandbox) });
		scnet.sandbox.addFault({
			when: (request) => request.path === DELETE_PATH,
			respond: { body: { code: '10009', msg: 'no permission' } },
		});
		const { main } = await scnet.run({ operation: 'delete',
			items: ids(1, 1),
			credentials: first.credentials.stored.scnetApi,
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({
			deleted: false,
			code: '10009',
			description: expect.stringMatching(/^SCNet refused a token n8n had just received by signing in with the credential\. Check that the user may use containers in region OpenAPI计算中心 \(11112\)\./),
		});
		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(2);
		expect(requestsTo(DELETE_PATH)).toHaveLength(3);
	});

	it('does not sign in again when a token it has just received is refused', async () => {
		scnet.sandbox.addFault({ when: (request) => request.path === DELETE_PATH, respond: { body: { code: '10008', msg: 'no' } } });
		const { main } = await scnet.run({ operation: 'delete',
			items: ids(0, 1),
			credentials: accessKeyCredentials(scnet.sandbox),
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({ deleted: false, code: '10008' });
		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(1);
		expect(requestsTo(DELETE_PATH)).toHaveLength(1);
	});

	it('does not renew a pasted access token: the refusal is reported', async () => {
		scnet.sandbox.addFault({ when: (request) => request.path === DELETE_PATH, respond: { body: { code: '10008', msg: 'expired' } } });
		const { main } = await scnet.run({ operation: 'delete', items: ids(0, 1), onError: 'continueRegularOutput' });

		expect(main[0].json).toMatchObject({ deleted: false, code: '10008' });
		expect(requestsTo(DELETE_PATH)).toHaveLength(1);
	});
});

describe('token renewal for the other services', () => {
	it('sends a request renewed after a refusal to its own service, not to the container service', async () => {
		// The file service at another origin of the same sandbox: where each request went shows in its Host header.
		const fileService = scnet.sandbox.url.replace('127.0.0.1', 'localhost');
		const credentials = accessKeyCredentials(scnet.sandbox, { efileUrl: fileService });
		const first = await scnet.run({ resource: 'file', operation: 'createFolder', items: [{}], credentials, parameters: { path: `/public/home/${scnet.sandbox.auth.settings.account.clusterUser}/a` } });
		expect(first.main[0].json).toMatchObject({ created: true });
		scnet.sandbox.auth.expireTokens();
		const second = await scnet.run({ resource: 'file', operation: 'createFolder', items: [{}], credentials: first.credentials.stored.scnetApi, parameters: { path: `/public/home/${scnet.sandbox.auth.settings.account.clusterUser}/b` } });
		expect(second.main[0]?.json).toMatchObject({ created: true });
		const mkdirs = scnet.sandbox.requests.filter((request) => request.route === 'efile.mkdir');
		expect(mkdirs).toHaveLength(3);
		expect(mkdirs.map((request) => request.headers.host)).toEqual(mkdirs.map(() => new URL(fileService).host));
	});
});
