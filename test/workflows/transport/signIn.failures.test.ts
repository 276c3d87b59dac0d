import type { ICredentialDataDecryptedObject, NodeApiError } from 'n8n-workflow';

import { DELETE_PATH } from '../../../sandbox/server';
import { containerId } from '../../../sandbox/containers';
import { testCredential } from '../../harness/credentialTest';
import { accessKeyCredentials, passwordCredentials, useSandbox } from '../../harness/fixtures';

const scnet = useSandbox();
const id = containerId;

type Case = [
	string,
	() => ICredentialDataDecryptedObject,
	{ code: string; message: RegExp },
	(() => void)?,
];

const cases: Case[] = [
	['a wrong access key', () => accessKeyCredentials(scnet.sandbox, { accessKey: 'f'.repeat(32) }), { code: '10009', message: /^The SCNet sign-in service refused the request: access key not found \(code 10009\)$/ }],
	['a wrong secret key', () => accessKeyCredentials(scnet.sandbox, { secretKey: 'not-the-secret-key' }), { code: '10009', message: /^The SCNet sign-in service refused the request: signature verification failed \(code 10009\)$/ }],
	[
		'a timestamp the server finds stale',
		() => accessKeyCredentials(scnet.sandbox),
		{ code: '10009', message: /refused the request: timestamp out of range \(code 10009\)$/ },
		() => scnet.sandbox.auth.configure({ clockOffsetSeconds: 600 }),
	],
	['a wrong password', () => passwordCredentials(scnet.sandbox, { password: 'wrong-password' }), { code: '10009', message: /refused the request: wrong user name, password or orgId \(code 10009\)$/ }],
	['a missing secret key', () => accessKeyCredentials(scnet.sandbox, { secretKey: '' }), { code: 'CREDENTIAL_INCOMPLETE', message: /^The SCNet API credential has no 'Secret Key'$/ }],
	['an unknown region', () => accessKeyCredentials(scnet.sandbox, { region: 'nowhere' }), { code: 'REGION_NOT_FOUND', message: /^The SCNet account has no region 'nowhere' \(its regions: OpenAPI计算中心 \(11112\)\)$/ }],
	[
		'a region whose token is null',
		() => accessKeyCredentials(scnet.sandbox),
		{ code: 'ACCOUNT_DISABLED', message: /^The SCNet account is disabled or in arrears in every region \(OpenAPI计算中心 \(11112\)\)$/ },
		() => scnet.sandbox.auth.configure({ regions: [{ id: '11112', name: 'OpenAPI计算中心', disabled: true }] }),
	],
	[
		'no enabled container service',
		() => accessKeyCredentials(scnet.sandbox),
		{ code: 'NO_CONTAINER_SERVICE', message: /^SCNet lists no enabled container service for region OpenAPI计算中心 \(11112\)$/ },
		() => scnet.sandbox.auth.configure({ regions: [{ id: '11112', name: 'OpenAPI计算中心', aiUrl: { enable: 'false' } }] }),
	],
	[
		'no container service at all',
		() => accessKeyCredentials(scnet.sandbox),
		{ code: 'NO_CONTAINER_SERVICE', message: /^SCNet lists no enabled container service/ },
		() => scnet.sandbox.auth.configure({ regions: [{ id: '11112', name: 'OpenAPI计算中心', aiUrl: null }] }),
	],
	['an unreachable sign-in host', () => accessKeyCredentials(scnet.sandbox, { authUrl: 'http://127.0.0.1:9' }), { code: 'ECONNREFUSED', message: /^SCNet refused the connection \(SCNet sign-in service at http:\/\/127\.0\.0\.1:9\)$/ }],
	[
		'a sign-in refused with a bare HTTP 401',
		() => accessKeyCredentials(scnet.sandbox),
		{ code: 'HTTP_401', message: /^The SCNet sign-in service refused the request \(HTTP 401\)$/ },
		() => scnet.sandbox.addFault({ when: (r) => r.path === '/api/user/v3/tokens', respond: { status: 401, body: 'Unauthorized' } }),
	],
	['a sign-in URL that is not SCNet', () => accessKeyCredentials(scnet.sandbox, { authUrl: `${scnet.sandbox.url}/portal` }), { code: 'HTTP_404', message: /^The SCNet sign-in service at http:\/\/127\.0\.0\.1:\d+ answered with an HTML page instead of JSON \(HTTP 404\)$/ }],
];

describe('sign-in failures', () => {
	describe.each(cases)('%s', (_, credentials, expected, arrange) => {
		beforeEach(() => arrange?.());

		it('fails every container with a plain message and deletes nothing', async () => {
			const { main, error } = await scnet.run({ operation: 'delete',
				items: [{ id: id(0) }, { id: id(1) }],
				credentials: credentials(),
				onError: 'continueRegularOutput',
				parameters: { options: { maxTries: 1 } },
			});

			expect(error).toBeUndefined();
			expect(main.map((item) => item.json)).toEqual(
				[0, 1].map((n) => ({
					id: id(n),
					deleted: false,
					code: expected.code,
					message: expect.stringMatching(expected.message),
					description: expect.any(String),
				})),
			);
			expect(scnet.sandbox.requests.filter((r) => r.path === DELETE_PATH)).toEqual([]);
		});

		it('fails the credential test with the same message', async () => {
			const result = await testCredential(credentials());

			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(expected.message) });
		});
	});

	it('stops the workflow with the message when "On Error" is "Stop Workflow"', async () => {
		const { error } = await scnet.run({ operation: 'delete',
			items: [{ id: id(0) }],
			credentials: accessKeyCredentials(scnet.sandbox, { region: 'nowhere' }),
		});

		expect(error?.message).toMatch(/^The SCNet account has no region 'nowhere' \(its regions: OpenAPI计算中心 \(11112\)\) \(container '\w+', code REGION_NOT_FOUND\)/);
		expect((error as NodeApiError).description).toMatch(/^Set 'Region' to the name or ID of one of the account's regions/);
	});
});

it('tries a refused sign-in only once per run, even with parallel requests', async () => {
	const { main } = await scnet.run({ operation: 'delete',
		items: Array.from({ length: 20 }, (_, n) => ({ id: id(n) })),
		credentials: passwordCredentials(scnet.sandbox, { password: 'wrong-password' }),
		onError: 'continueRegularOutput',
		parameters: { options: { batchSize: 2, parallelRequests: 4 } },
	});

	expect(main).toHaveLength(20);
	expect(main.every((item) => item.json.code === '10009')).toBe(true);
	expect(scnet.sandbox.requests.filter((r) => r.path.endsWith('/tokens'))).toHaveLength(1);
});

describe('the credential test when signing in', () => {
	it.each([
		['Access Key', accessKeyCredentials],
		['Password', passwordCredentials],
	])('%s: signs in, discovers the region and calls the container service', async (_, credentials) => {
		const result = await testCredential(credentials(scnet.sandbox));

		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(scnet.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			expect.stringMatching(/^POST \/(api\/user\/v3|ac\/openapi\/v2)\/tokens$/),
			'GET /ac/openapi/v2/center',
			'GET /ai/openapi/v2/instance-service/resource-group',
		]);
	});
});
