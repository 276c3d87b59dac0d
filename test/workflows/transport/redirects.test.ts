import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CENTER_PATH, V2_SIGN_IN_PATH, V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import { containerId } from '../../../sandbox/containers';
import { DELETE_PATH, RESOURCE_GROUP_PATH, startSandbox, type RecordedRequest, type Sandbox } from '../../../sandbox/server';
import { testCredential } from '../../harness/credentialTest';
import { accessKeyCredentials, passwordCredentials, pastedToken, useSandbox } from '../../harness/fixtures';
import { selfSignedCertificate } from '../../harness/selfSignedCertificate';

/*
 * Every kind of request the package makes, answered with a redirect: within the same origin it
 * is followed; to another origin (another port, or https instead of http) it is not, and the
 * other server receives nothing at all, so no token, signature or password can reach it.
 */

const scnet = useSandbox();
const id = containerId;

let elsewhere: Sandbox;
let elsewhereTls: Sandbox;
beforeAll(async () => {
	[elsewhere, elsewhereTls] = await Promise.all([startSandbox(), startSandbox({ tls: selfSignedCertificate() })]);
});
beforeEach(() => {
	elsewhere.reset();
	elsewhereTls.reset();
});
afterAll(async () => Promise.all([elsewhere.close(), elsewhereTls.close()]));

type Target = 'same origin' | 'same origin, relative' | 'another port' | 'https';

/** Where a redirect points; the path and query of the other origin must never be shown. */
const locationFor = (target: Target, request: RecordedRequest): string =>
	({
		'same origin': `${scnet.sandbox.url}${request.url}`,
		'same origin, relative': request.url,
		'another port': `${elsewhere.url}/collect?from=scnet&next=${encodeURIComponent(request.url)}`,
		https: `${elsewhereTls.url}${request.url}`,
	})[target];

const originOf = (target: Target) => (target === 'https' ? elsewhereTls.url : elsewhere.url);
const followed = (target: Target) => target.startsWith('same origin');

/** The next request to `path` (every one, for another origin) is answered with a redirect. */
const redirect = (path: string, status: number, target: Target) =>
	scnet.sandbox.addFault({
		when: (request) => request.path === path,
		times: followed(target) ? 1 : undefined,
		respond: (request) => ({ status, body: '', headers: { location: locationFor(target, request) } }),
	});

const requestsTo = (path: string) => scnet.sandbox.requests.filter((request) => request.path === path);

const CASES: Array<[string, string, (sandbox: Sandbox) => ICredentialDataDecryptedObject, string, string]> = [
	['a container call (Access Token)', DELETE_PATH, (sandbox) => pastedToken(sandbox.url, sandbox.token), 'SCNet', 'Container Service URL'],
	['a container call (Access Key)', DELETE_PATH, (sandbox) => accessKeyCredentials(sandbox), 'SCNet', 'Container Service URL'],
	['the Access Key sign-in', V3_SIGN_IN_PATH, (sandbox) => accessKeyCredentials(sandbox), 'The SCNet sign-in service at', 'Sign-in URL'],
	['the password sign-in', V2_SIGN_IN_PATH, (sandbox) => passwordCredentials(sandbox), 'The SCNet sign-in service at', 'Sign-in URL'],
	['region discovery', CENTER_PATH, (sandbox) => accessKeyCredentials(sandbox), 'The SCNet region discovery service at', 'Region Discovery URL'],
];
const STATUSES = [301, 302, 307, 308];

describe.each(CASES)('a redirect of %s', (_, path, credentials, who, field) => {
	it.each(STATUSES.flatMap((status) => (['same origin', 'same origin, relative'] as Target[]).map((target) => [status, target] as const)))(
		'HTTP %i to the %s is followed, with the same method and headers',
		async (status, target) => {
			redirect(path, status, target);
			const { main } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }, { id: id(1) }], credentials: credentials(scnet.sandbox), onError: 'continueRegularOutput' });

			expect(main.map((item) => [item.json.id, item.json.deleted])).toEqual([
				[id(0), true],
				[id(1), true],
			]);
			const [first, second] = requestsTo(path);
			expect(requestsTo(path)).toHaveLength(2);
			expect(second.method).toBe(first.method);
			for (const header of ['token', 'signature', 'password']) expect(second.headers[header]).toBe(first.headers[header]);
		},
	);

	it.each(STATUSES.flatMap((status) => (['another port', 'https'] as Target[]).map((target) => [status, target] as const)))(
		'HTTP %i to %s is not followed: nothing reaches the other server, every container fails with REDIRECTED',
		async (status, target) => {
			redirect(path, status, target);
			const { main } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }, { id: id(1) }], credentials: credentials(scnet.sandbox), onError: 'continueRegularOutput' });

			expect(elsewhere.requests).toEqual([]);
			expect(elsewhereTls.requests).toEqual([]);
			expect(scnet.sandbox.containers.has(id(0))).toBe(true);
			expect(scnet.sandbox.containers.has(id(1))).toBe(true);
			// The account scope stops the run at the first redirect: one request, not one per container.
			expect(requestsTo(path)).toHaveLength(1);
			expect(main).toHaveLength(2);
			for (const item of main) {
				expect(item.json).toMatchObject({ deleted: false, code: 'REDIRECTED' });
				const message = String(item.json.message);
				expect(message.startsWith(`${who}`)).toBe(true);
				expect(message).toContain(`redirected the request to another address (${originOf(target)})`);
				expect(message).not.toMatch(/collect|from=|openapi|tokens|center/);
				expect(item.json.description).toContain(`'${field}'`);
			}
		},
	);
});

describe('the credential test and redirects', () => {
	it.each(STATUSES.flatMap((status) => (['same origin', 'another port', 'https'] as Target[]).map((target) => [status, target] as const)))(
		'reports HTTP %i of the container service (to the %s) and sends the token nowhere else',
		async (status, target) => {
			redirect(RESOURCE_GROUP_PATH, status, target);
			const result = await testCredential(scnet.credentials());

			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/^The container service answered with a redirect/) });
			expect(elsewhere.requests).toEqual([]);
			expect(elsewhereTls.requests).toEqual([]);
		},
	);

	it.each([
		[V3_SIGN_IN_PATH, 'sign-in service'],
		[CENTER_PATH, 'region discovery service'],
	])('names the other origin when %s redirects there, and sends it nothing', async (path, what) => {
		redirect(path, 302, 'another port');
		const result = await testCredential(accessKeyCredentials(scnet.sandbox));

		expect(result).toEqual({
			status: 'Error',
			message: `The SCNet ${what} at ${scnet.sandbox.url} redirected the request to another address (${elsewhere.url}); n8n does not follow it, so that no credential is sent there`,
		});
		expect(elsewhere.requests).toEqual([]);
	});

	it('passes when the sign-in is redirected within its origin', async () => {
		redirect(V3_SIGN_IN_PATH, 307, 'same origin');
		const result = await testCredential(accessKeyCredentials(scnet.sandbox));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(requestsTo(V3_SIGN_IN_PATH)).toHaveLength(2);
	});
});

describe('a redirect loop within the origin', () => {
	it('ends after 5 redirects with REDIRECTED', async () => {
		scnet.sandbox.addFault({
			when: (request) => request.path === DELETE_PATH,
			respond: (request) => ({ status: 302, body: '', headers: { location: request.url } }),
		});
		const { main } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], onError: 'continueRegularOutput' });

		expect(main[0].json).toMatchObject({
			code: 'REDIRECTED',
			message: `SCNet redirected the request more than 5 times within ${scnet.sandbox.url}`,
		});
		expect(requestsTo(DELETE_PATH)).toHaveLength(6);
	});
});
