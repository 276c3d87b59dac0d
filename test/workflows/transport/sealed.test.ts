import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

import { V2_SIGN_IN_PATH, V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import { containerId } from '../../../sandbox/containers';
import { DELETE_PATH, startSandbox, type Sandbox } from '../../../sandbox/server';
import { accessKeyCredentials, passwordCredentials, pastedToken, useSandbox } from '../../harness/fixtures';
import { captureConsole } from '../../harness/console';
import { selfSignedCertificate } from '../../harness/selfSignedCertificate';

/*
 * No secret, whatever its length, in any output, message, description or error — also when a
 * server echoes it back in its code. A TLS fault of any kind is a clear failure with its code.
 */
const scnet = useSandbox();
const id = containerId;
const onPath = (path: string) => (request: { path: string }) => request.path === path;

describe('secrets stay sealed', () => {
	const logged = captureConsole();

	it('when SCNet echoes the token back as its code and message', async () => {
		const token = scnet.sandbox.token;
		scnet.sandbox.addFault({ when: onPath(DELETE_PATH), respond: { body: { code: token, msg: `bad token ${token}`, data: { token } } } });
		const result = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], onError: 'continueRegularOutput' });

		expect(result.main[0].json).toMatchObject({ id: id(0), deleted: false, code: '[secret]' });
		expect(JSON.stringify([result.run, result.main])).not.toContain(token);
		expect(logged.text()).not.toContain(token);
	});

	it('when SCNet echoes the token back in an answer that succeeds', async () => {
		const token = scnet.sandbox.token;
		scnet.sandbox.addFault({ when: onPath(`/ai/openapi/v2/instance-service/${id(0)}/detail`), respond: { body: { code: '0', msg: 'ok', data: { id: id(0), echoed: `token=${token}` } } } });
		const { main } = await scnet.run({ operation: 'get', items: [{}], parameters: { containerId: id(0) } });

		expect(main[0].json.echoed).toBe('token=[secret]');
	});

	it('when the sign-in echoes a password of 7 characters', async () => {
		const password = 'pw-1234';
		scnet.sandbox.addFault({ when: onPath(V2_SIGN_IN_PATH), respond: { body: { code: password, msg: `wrong password ${password}`, data: null } } });
		const result = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], credentials: passwordCredentials(scnet.sandbox, { password }), onError: 'continueRegularOutput' });

		expect(result.main[0].json.deleted).toBe(false);
		expect(JSON.stringify([result.run, result.main, result.error ?? null])).not.toContain(password);
	});

	it('signs in again when the Secret Key is changed, before using the old token', async () => {
		const stored = accessKeyCredentials(scnet.sandbox);
		const first = await scnet.run({ operation: 'get', items: [{}], parameters: { containerId: id(0) }, credentials: stored });
		const signIns = () => scnet.sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH).length;
		const before = signIns();
		const session = first.credentials.stored.scnetApi;
		const rotated = await scnet.run({ operation: 'get', items: [{}], parameters: { containerId: id(0) }, credentials: { ...session, secretKey: 'a-new-secret-key-0000' } });

		expect(before).toBeGreaterThan(0);
		expect(signIns()).toBe(before + 1);
		expect(rotated.error?.message).toMatch(/refused/);
	});
});

describe('a discovered service URL never downgrades https to http', () => {
	let tls: Sandbox;
	beforeAll(async () => {
		tls = await startSandbox({ tls: selfSignedCertificate(), auth: { regions: [{ id: '11112', name: 'OpenAPI计算中心', aiUrl: { enable: 'true', url: 'http://127.0.0.1:9/ai' } }] } });
	});
	afterAll(async () => tls.close());

	it('refuses to send the token there, naming the field that would allow it', async () => {
		const { main } = await scnet.run({
			operation: 'get',
			items: [{}],
			parameters: { containerId: id(0) },
			credentials: accessKeyCredentials(tls, { allowUnauthorizedCerts: true }),
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({ code: 'INSECURE_SERVICE_URL' });
		expect(String(main[0].json.description)).toContain("'Container Service URL'");
		expect(tls.requests.some((request) => request.path.startsWith('/ai/'))).toBe(false);
	});
});

describe('every TLS fault is a clear failure with its code', () => {
	let server: Server;
	let url: string;
	beforeAll(async () => {
		// A server that wants a client certificate n8n does not have: TLS 1.3 says so with an alert.
		server = createServer({ ...selfSignedCertificate(), requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.3' }, (_, res) => res.end('{}'));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));

	it('gives each ID of a Delete its failure under Continue, with the code and no OpenSSL text', async () => {
		const { main } = await scnet.run({
			operation: 'delete',
			items: [{ id: id(0) }, { id: id(1) }],
			credentials: { ...pastedToken(url, 'token-for-tls'), allowUnauthorizedCerts: true },
			onError: 'continueRegularOutput',
		});

		expect(main.map((item) => [item.json.id, item.json.deleted])).toEqual([
			[id(0), false],
			[id(1), false],
		]);
		expect(main[0].json.code).toBe('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED');
		expect(main[0].json.message).toBe('The TLS handshake with the SCNet server failed (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED)');
	});
});
