import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { USER_PATH } from '../../../sandbox/auth';
import { SCNET_CREDENTIAL_REF } from '../../harness/credentialsHelper';
import { accessKeyCredentials, passwordCredentials, pastedToken, useSandbox } from '../../harness/fixtures';
import { lookupsOn } from '../../harness/lookups';

const scnet = useSandbox();
const SAVED_AS = `'${SCNET_CREDENTIAL_REF.scnetApi.name}' credential`;

/** SCNet's three ways of refusing a token: code 10008 or 10009 in an HTTP 200 answer, or HTTP 401. */
const REFUSALS = [
	['code 10008', { body: { code: '10008', msg: 'token invalid' } }],
	['code 10009', { body: { code: '10009', msg: 'no permission' } }],
	['HTTP 401', { status: 401, body: '<html>Unauthorized</html>' }],
] as const;

const MODES: Array<[string, () => ICredentialDataDecryptedObject]> = [
	['Access Token', () => pastedToken(scnet.sandbox.url, scnet.sandbox.token)],
	['Access Key', () => accessKeyCredentials(scnet.sandbox)],
	['Password', () => passwordCredentials(scnet.sandbox)],
];

/** What a run of Container → Get Many says when the container service refuses every token. */
async function containerRefusal(credentials: ICredentialDataDecryptedObject, respond: (typeof REFUSALS)[number][1]) {
	scnet.sandbox.addFault({ when: (request) => request.path.startsWith('/ai/'), respond: respond as never });
	const { main } = await scnet.run({ operation: 'list', parameters: { resource: 'container' }, items: [{}], credentials, onError: 'continueRegularOutput' });
	return main[0].json as { code: string; description: string };
}

describe('a refused token, at run time', () => {
	describe.each(REFUSALS)('(%s)', (_what, respond) => {
		it('tells a pasted token to be renewed, in the credential as the user saved it, and nothing of signing in', async () => {
			const { description } = await containerRefusal(pastedToken(scnet.sandbox.url, scnet.sandbox.token), respond);

			expect(description).toContain(`into 'Token' in the ${SAVED_AS}`);
			expect(description).not.toContain("'SCNet API'");
			expect(description).not.toMatch(/sign(s|ed|ing)? in|access key|password/i);
		});

		it.each(MODES.slice(1))('tells a credential that signs in (%s) to check the rights, nothing of pasting a token', async (_mode, credentials) => {
			const { description } = await containerRefusal(credentials(), respond);

			expect(description).toMatch(/^SCNet refused a token n8n had just received by signing in .* Check that the user may use containers in region /);
			expect(description).not.toMatch(/paste|renew|'Token'/i);
		});
	});

	it('gives Account → Get the remedy of its mode too', async () => {
		const refuse = () => scnet.sandbox.addFault({ when: (request) => request.path === USER_PATH, respond: { body: { code: '10008', msg: 'token invalid' } } });
		const getAccount = async (credentials: ICredentialDataDecryptedObject) => {
			refuse();
			const { main } = await scnet.run({ operation: 'get', parameters: { resource: 'account' }, items: [{}], credentials, onError: 'continueRegularOutput' });
			return String(main[0].json.description);
		};

		const pasted = await getAccount({ ...pastedToken('http://127.0.0.1:9', scnet.sandbox.token), centerUrl: scnet.sandbox.url });
		expect(pasted).toContain(`into 'Token' in the ${SAVED_AS}`);

		const signedIn = await getAccount(accessKeyCredentials(scnet.sandbox));
		expect(signedIn).toMatch(/signing in .* may use the SCNet platform in region /);
		expect(signedIn).not.toMatch(/paste|renew/i);
	});

	it('names the saved credential in an editor lookup too', async () => {
		const lookups = lookupsOn(scnet);
		const failing = lookups.listSearch('searchImages', { parameters: { operation: 'create' }, credentials: pastedToken(scnet.sandbox.url, 'wrong') });

		await expect(failing).rejects.toMatchObject({ description: expect.stringContaining(`in the ${SAVED_AS}`) });
	});
});

describe('other hints that name the credential', () => {
	it('names the saved credential when a field of a sign-in is empty', async () => {
		const { main } = await scnet.run({
			operation: 'list',
			parameters: { resource: 'container' },
			items: [{}],
			credentials: accessKeyCredentials(scnet.sandbox, { secretKey: '' }),
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({ code: 'CREDENTIAL_INCOMPLETE', description: `Fill in 'Secret Key' in the ${SAVED_AS}.` });
	});
});
