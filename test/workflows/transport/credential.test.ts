import { startSandbox, type FaultResponse, type Sandbox } from '../../../sandbox/server';
import { containerId } from '../../../sandbox/containers';
import { SCNET_ERROR_CODES } from '../../../nodes/shared/transport/errorCodes';
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

	describe('passes only on code "0", and says what came back otherwise', () => {
		const answering = async (respond: FaultResponse) => {
			scnet.sandbox.addFault({ when: (request) => request.path.endsWith('/resource-group'), respond });
			return testCredential(scnet.credentials());
		};
		const NO_CODE = /^The container service did not answer as SCNet does \(no result code\).*'Container Service URL'/;

		it('passes on code "0" with data', async () => {
			const result = await answering({ body: { code: '0', msg: 'success', data: [{ id: 'rg-1', name: 'default' }] } });

			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		});

		it.each<[string, FaultResponse]>([
			['an HTML page with HTTP 200', { body: '<!DOCTYPE html><html><body>Welcome to nginx!</body></html>' }],
			['an HTML page sent as JSON', { body: '<html><body>Gateway</body></html>', contentType: 'application/json' }],
			['JSON without a code', { body: { msg: 'ok', data: [] } }],
			['an empty body', { body: '', contentType: 'text/plain' }],
			['a null code', { body: { code: null, msg: 'ok' } }],
		])('fails on %s, naming the missing result code', async (_what, respond) => {
			expect(await answering(respond)).toEqual({ status: 'Error', message: expect.stringMatching(NO_CODE) });
		});

		it.each<[string, unknown]>([
			['10001 as text', '10001'],
			['10001 as a number', 10001],
		])('fails on the documented code %s, with its meaning', async (_what, code) => {
			const result = await answering({ body: { code, msg: '内部错误' } });

			expect(result).toEqual({ status: 'Error', message: 'SCNet answered 10001: SCNet reported an internal error' });
		});

		const OWN_WORDS: Record<string, RegExp> = {
			'10007': /^The SCNet account is frozen: .* \(SCNet answered 10007\)$/,
			'10008': /^SCNet refused the token\. .* \(SCNet answered 10008\)$/,
			'10009': /^The token has no permission to access the container API: .* \(SCNet answered 10009\)$/,
		};
		it.each(Object.keys(SCNET_ERROR_CODES).flatMap((code) => [[code], [Number(code)]]))(
			'fails on every documented code, as text or as a number: %j',
			async (code) => {
				const result = await answering({ body: { code, msg: '...' } });

				const text = String(code);
				expect(result).toEqual({
					status: 'Error',
					message: OWN_WORDS[text]
						? expect.stringMatching(OWN_WORDS[text])
						: `SCNet answered ${text}: ${SCNET_ERROR_CODES[text].message}`,
				});
			},
		);

		it.each([
			['999999', 'a code of 6 characters'],
			['7', 'the code "7"'],
			['x', 'the code "x"'],
			['', 'an empty code'],
			[' 0', 'a code of 2 characters'],
			['0000', 'a code of 4 characters'],
			['E'.repeat(64), 'a code of 64 characters'],
		])('fails on the unknown text code %j, saying it is not "0"', async (code, what) => {
			const result = await answering({ body: { code, msg: 'something else' } });

			expect(result).toEqual({
				status: 'Error',
				message: `SCNet answered an error code, not "0": ${what}, not in the SCNet documentation. Check the account and the region in the SCNet console, or ask SCNet support what the code means.`,
			});
		});

		// Known limits of rules that can only test equality (see credentials/credentialTestRules.ts).
		it.each<[string, unknown]>([
			['a number that is not a documented code', 999999],
			['a text code longer than 64 characters', 'E'.repeat(65)],
		])('cannot catch %s: it passes the test', async (_what, code) => {
			expect((await answering({ body: { code, msg: '...' } })).status).toBe('OK');
		});
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
