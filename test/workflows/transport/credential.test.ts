import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { containerId } from '../../../sandbox/containers';
import { testCredential } from '../../harness/credentialTest';
import { accessKeyCredentials, pastedToken, useSandbox } from '../../harness/fixtures';
import { runWorkflow } from '../../harness/runWorkflow';
import { selfSignedCertificate } from '../../harness/selfSignedCertificate';

const scnet = useSandbox();

describe("the 'SCNet API' credential test", () => {
	it('succeeds on a valid token, sending it only in the token header', async () => {
		const result = await testCredential(scnet.credentials());

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const [request] = scnet.sandbox.requests;
		expect(request).toMatchObject({ method: 'GET', path: '/ai/openapi/v2/instance-service/resource-group' });
		expect(request.headers.token).toBe(scnet.sandbox.token);
		expect(request.url).not.toContain(scnet.sandbox.token);
	});

	it.each(['/', '/ai', '/ai/'])('tolerates a base URL ending in %j', async (suffix) => {
		const result = await testCredential(pastedToken(`${scnet.sandbox.url}${suffix}`, scnet.sandbox.token));

		expect(result.status).toBe('OK');
		expect(scnet.sandbox.requests[0].path).toBe('/ai/openapi/v2/instance-service/resource-group');
	});

	it('fails plainly on a bad token answered with HTTP 200 and code 10008', async () => {
		const result = await testCredential(pastedToken(scnet.sandbox.url, 'not-the-token'));

		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^SCNet refused the token/) });
	});

	it.each([
		['10007', /account is frozen/],
		['10009', /no permission to access the container API/],
	])('fails plainly on code %s', async (code, message) => {
		scnet.sandbox.addFault({ respond: { body: { code, msg: '...' } } });
		const result = await testCredential(scnet.credentials());

		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(message) });
	});

	it.each([401, 403])('fails plainly on HTTP %i', async (status) => {
		scnet.sandbox.addFault({ respond: { status, body: { code: '10008', msg: 'expired' } } });
		const result = await testCredential(scnet.credentials());

		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^SCNet refused the token/) });
	});

	it('fails plainly on a wrong base URL', async () => {
		const result = await testCredential(pastedToken(`${scnet.sandbox.url}/wrong`, scnet.sandbox.token));

		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^No SCNet container API at the container service URL/) });
	});
});

describe("'Ignore SSL Issues (Insecure)'", () => {
	let tlsSandbox: Sandbox;
	beforeAll(async () => {
		tlsSandbox = await startSandbox({ tls: selfSignedCertificate() });
	});
	afterAll(async () => tlsSandbox.close());
	beforeEach(() => tlsSandbox.reset());

	const credentials = (allowUnauthorizedCerts?: boolean) => ({
		...pastedToken(tlsSandbox.url, tlsSandbox.token),
		...(allowUnauthorizedCerts === undefined ? {} : { allowUnauthorizedCerts }),
	});

	it('is off by default: a self-signed certificate is refused, with a hint', async () => {
		const { main } = await runWorkflow({ operation: 'delete',
			credentials: credentials(),
			items: [{ id: containerId(0) }],
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({
			code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
			deleted: false,
			description: expect.stringMatching(/Ignore SSL Issues/),
		});
		expect(tlsSandbox.containers.has(containerId(0))).toBe(true);
		expect((await testCredential(credentials())).status).toBe('Error');
	});

	it('lets node requests and the credential test through when on', async () => {
		const { main } = await runWorkflow({ operation: 'delete', credentials: credentials(true), items: [{ id: containerId(0) }] });

		expect(main[0].json).toMatchObject({ id: containerId(0), deleted: true });
		expect(await testCredential(credentials(true))).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('applies to signing in and region discovery too', async () => {
		const keys = (allowUnauthorizedCerts: boolean) => accessKeyCredentials(tlsSandbox, { allowUnauthorizedCerts });
		const refused = await runWorkflow({ operation: 'delete', credentials: keys(false), items: [{ id: containerId(0) }], onError: 'continueRegularOutput' });

		expect(refused.main[0].json).toMatchObject({
			code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
			message: expect.stringMatching(/\(SCNet sign-in service at https:/),
			description: expect.stringMatching(/Ignore SSL Issues/),
		});
		const { main } = await runWorkflow({ operation: 'delete', credentials: keys(true), items: [{ id: containerId(0) }] });
		expect(main[0].json).toMatchObject({ id: containerId(0), deleted: true });
		expect(tlsSandbox.requests.map((r) => r.path)).toEqual([
			'/api/user/v3/tokens',
			'/ac/openapi/v2/center',
			'/ai/openapi/v2/instance-service/task',
		]);
		expect(await testCredential(keys(true))).toEqual({ status: 'OK', message: 'Connection successful!' });
	});
});
