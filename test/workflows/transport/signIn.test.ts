import { accessKeySignature } from '../../../nodes/shared/transport/auth/signature';
import { CENTER_PATH, DEFAULT_ACCOUNT, TOKEN_STATE_PATH, V2_SIGN_IN_PATH, V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import { containerId } from '../../../sandbox/containers';
import { DELETE_PATH } from '../../../sandbox/server';
import { accessKeyCredentials, passwordCredentials, useSandbox } from '../../harness/fixtures';

const scnet = useSandbox();
const id = containerId;
const ids = (from: number, count: number) => Array.from({ length: count }, (_, n) => ({ id: id(from + n) }));
const requestsTo = (path: string) => scnet.sandbox.requests.filter((request) => request.path === path);
const claimsOf = (token: unknown) => JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString());

describe('Access Key sign-in', () => {
	it('signs in once with a valid signature, discovers the region and deletes with its token', async () => {
		const { main, credentials } = await scnet.run({ operation: 'delete',
			items: ids(0, 6),
			credentials: accessKeyCredentials(scnet.sandbox),
			parameters: { options: { batchSize: 2 } },
		});

		expect(main.map((item) => item.json.deleted)).toEqual(Array(6).fill(true));
		const [signIn] = requestsTo(V3_SIGN_IN_PATH);
		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(1);
		const { user, accessKey, secretKey } = scnet.sandbox.auth.settings.account;
		const { timestamp, signature } = signIn.headers;
		expect(signIn.headers).toMatchObject({ user, accesskey: accessKey });
		expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
		expect(signature).toBe(accessKeySignature(user, accessKey, String(timestamp), secretKey));
		// The region's token, never the platform token (cluster 0), opens discovery and the containers.
		const [center] = requestsTo(CENTER_PATH);
		expect(claimsOf(center.headers.token).clusterId).toBe('11112');
		const deletes = requestsTo(DELETE_PATH);
		expect(deletes).toHaveLength(3);
		for (const request of deletes) expect(request.headers.token).toBe(center.headers.token);
		expect(credentials.stored.scnetApi.sessionToken).toBe(center.headers.token);
		expect(JSON.parse(String(credentials.stored.scnetApi.session))).toMatchObject({
			urls: { ai: scnet.sandbox.url, hpc: scnet.sandbox.url, efile: scnet.sandbox.url },
			region: { id: '11112', name: 'OpenAPI计算中心' },
			clusterUser: DEFAULT_ACCOUNT.clusterUser,
		});
	});

	it('is the mode of a credential saved without one (the default a new credential opens on)', async () => {
		const { authentication: _, ...unnamed } = accessKeyCredentials(scnet.sandbox);
		const { main } = await scnet.run({ operation: 'delete', items: ids(0, 1), credentials: unnamed });

		expect(main[0].json.deleted).toBe(true);
		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(1);
	});

	it('reuses the stored token in the next run', async () => {
		const first = await scnet.run({ operation: 'delete', items: ids(0, 1), credentials: accessKeyCredentials(scnet.sandbox) });
		const second = await scnet.run({ operation: 'delete', items: ids(1, 1), credentials: first.credentials.stored.scnetApi });

		expect(second.main[0].json.deleted).toBe(true);
		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(1);
	});

	it.each([
		['the region name', 'OpenAPI计算中心'],
		['the cluster ID', '11113'],
	])('uses the region named by %s', async (_, region) => {
		scnet.sandbox.auth.configure({
			regions: [
				{ id: '11112', name: 'OpenAPI计算中心', aiUrl: { enable: 'true' } },
				{ id: '11113', name: '华东一区', aiUrl: { enable: true } },
			],
		});
		const { main } = await scnet.run({ operation: 'delete', items: ids(0, 1), credentials: accessKeyCredentials(scnet.sandbox, { region }) });

		expect(main[0].json.deleted).toBe(true);
		const wanted = region === '11113' ? '11113' : '11112';
		expect(claimsOf(requestsTo(DELETE_PATH)[0].headers.token).clusterId).toBe(wanted);
	});

	it('without a region, takes the first one that has a token and an enabled container service', async () => {
		scnet.sandbox.auth.configure({
			regions: [
				{ id: '11111', name: 'disabled', disabled: true },
				{ id: '11112', name: 'no containers', aiUrl: { enable: 'false' } },
				{ id: '11113', name: 'containers', aiUrl: { enable: 'TRUE' } },
			],
		});
		const { main } = await scnet.run({ operation: 'delete', items: ids(0, 1), credentials: accessKeyCredentials(scnet.sandbox) });

		expect(main[0].json.deleted).toBe(true);
		expect(claimsOf(requestsTo(DELETE_PATH)[0].headers.token).clusterId).toBe('11113');
	});

	it.each(['object', 'array'] as const)('reads region discovery answered as an %s', async (centerShape) => {
		scnet.sandbox.auth.configure({
			centerShape,
			regions: [
				// Listed first in the array form, with a URL that must not be taken for the region asked about.
				{ id: '11111', name: 'elsewhere', disabled: true, aiUrl: { enable: true, url: 'http://127.0.0.1:9/ai' } },
				{ id: '11112', name: 'OpenAPI计算中心', aiUrl: { enable: 'true', url: `${scnet.sandbox.url}/ai/` } },
			],
		});
		const { main } = await scnet.run({ operation: 'delete', items: ids(0, 1), credentials: accessKeyCredentials(scnet.sandbox) });

		expect(main[0].json).toMatchObject({ deleted: true });
		expect(requestsTo(DELETE_PATH)[0].path).toBe(DELETE_PATH);
	});

	it("skips region discovery when 'Container Service URL' is filled in", async () => {
		const { main } = await scnet.run({ operation: 'delete',
			items: ids(0, 1),
			credentials: accessKeyCredentials(scnet.sandbox, { centerUrl: 'http://127.0.0.1:9', baseUrl: `${scnet.sandbox.url}/ai` }),
		});

		expect(main[0].json.deleted).toBe(true);
		expect(requestsTo(CENTER_PATH)).toHaveLength(0);
	});

	it('signs in again when the credential is edited to another region', async () => {
		scnet.sandbox.auth.configure({
			regions: [
				{ id: '11112', name: 'first', aiUrl: { enable: 'true' } },
				{ id: '11113', name: 'second', aiUrl: { enable: 'true' } },
			],
		});
		const first = await scnet.run({ operation: 'delete', items: ids(0, 1), credentials: accessKeyCredentials(scnet.sandbox) });
		await scnet.run({ operation: 'delete', items: ids(1, 1), credentials: { ...first.credentials.stored.scnetApi, region: 'second' } });

		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(2);
		expect(requestsTo(DELETE_PATH).map((r) => claimsOf(r.headers.token).clusterId)).toEqual(['11112', '11113']);
	});
});

describe('Password sign-in', () => {
	it('signs in with user, password and organization ID, and deletes', async () => {
		const { main } = await scnet.run({ operation: 'delete', items: ids(0, 2), credentials: passwordCredentials(scnet.sandbox) });

		expect(main.map((item) => item.json.deleted)).toEqual([true, true]);
		const { user, password, orgId } = scnet.sandbox.auth.settings.account;
		expect(requestsTo(V2_SIGN_IN_PATH).map((r) => r.headers)).toEqual([expect.objectContaining({ user, password, orgid: orgId })]);
		expect(claimsOf(requestsTo(DELETE_PATH)[0].headers.token).clusterId).toBe('11112');
	});
});

describe('Access Token', () => {
	it('never signs in', async () => {
		const { main } = await scnet.run({ operation: 'delete', items: ids(0, 1) });

		expect(main[0].json.deleted).toBe(true);
		expect(scnet.sandbox.requests.map((r) => r.path)).toEqual([DELETE_PATH]);
	});
});

describe('the sandbox', () => {
	const signIn = async () => {
		const { user, password, orgId } = scnet.sandbox.auth.settings.account;
		const response = await fetch(`${scnet.sandbox.url}${V2_SIGN_IN_PATH}`, { method: 'POST', headers: { user, password, orgId } });
		const { data } = (await response.json()) as { data: Array<{ clusterId: string; token: string }> };
		return data.find((region) => region.clusterId === '11112')?.token ?? '';
	};
	const state = async (token: string) =>
		(await fetch(`${scnet.sandbox.url}${TOKEN_STATE_PATH}`, { headers: { token } }).then((r) => r.json())) as { code: string; data: unknown };

	it('validates tokens until they expire', async () => {
		const token = await signIn();

		expect(await state(token)).toMatchObject({ code: '0', data: 'token is valid' });
		expect(await state(`${token}x`)).toMatchObject({ code: '10008' });
		scnet.sandbox.auth.expireTokens();
		expect(await state(token)).toMatchObject({ code: '10008' });
	});

	it("writes the token's lifetime into its expireTime claim", async () => {
		scnet.sandbox.auth.configure({ tokenLifetimeMs: 60_000 });
		const before = Date.now();
		const { expireTime } = claimsOf(await signIn());

		expect(Number(expireTime) - before).toBeGreaterThanOrEqual(60_000);
		expect(Number(expireTime) - before).toBeLessThan(65_000);
	});
});
