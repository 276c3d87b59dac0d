import { setTimeout as delay } from 'node:timers/promises';

import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { V2_SIGN_IN_PATH, V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import { containerId } from '../../../sandbox/containers';
import { detailPath, type RecordedRequest } from '../../../sandbox/server';
import { captureConsole } from '../../harness/console';
import { accessKeyCredentials, passwordCredentials, pastedToken, useSandbox } from '../../harness/fixtures';
import { pairs } from '../../harness/items';
import type { OnError } from '../../harness/runWorkflow';

/*
 * Token renewal and the masking of secrets in the transport, driven through a read
 * (Container → Get).
 */

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoic2FuZGJveCJ9.cmVhZC1jYWxsLXRva2VuLXNpZ25hdHVyZQ';
const scnet = useSandbox({ token: TOKEN });
const id = containerId;
const details = () => scnet.sandbox.requests.filter((request) => request.route === 'detail');
const signIns = () => scnet.sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH || request.path === V2_SIGN_IN_PATH);
const items = (count: number) => Array.from({ length: count }, (_, n) => ({ id: id(n) }));
const get = (credentials: ICredentialDataDecryptedObject, list: IDataObject[] = items(1), onError?: OnError) =>
	scnet.run({ operation: 'get', items: list, parameters: { containerId: '={{ $json.id }}' }, credentials, onError });

describe('transport, through a read: token renewal', () => {
	it.each([
		['Access Key', accessKeyCredentials],
		['Password', passwordCredentials],
	])('%s: renews a token that expires in the middle of a run, once, and loses no item', async (_, credentialsFor) => {
		scnet.sandbox.expireTokensAfter(3);
		const { main, error } = await get(credentialsFor(scnet.sandbox), items(6));

		expect(error).toBeUndefined();
		expect(pairs(main)).toEqual([0, 1, 2, 3, 4, 5].map((n) => [id(n), n]));
		expect(main.every((item) => typeof item.json.status === 'string')).toBe(true);
		// One sign-in to begin with, one renewal.
		expect(signIns()).toHaveLength(2);
		// The fourth read was refused (10008) and sent again with the new token; no other was repeated.
		expect(details().map((request) => request.path)).toEqual([0, 1, 2, 3, 3, 4, 5].map((n) => detailPath(id(n))));
		const tokens = details().map((request) => request.headers.token);
		expect(new Set(tokens.slice(0, 4)).size).toBe(1);
		expect(new Set(tokens.slice(4)).size).toBe(1);
		expect(tokens[4]).not.toBe(tokens[3]);
	});

	it('renews a stored token that expired between two runs before reading with it', async () => {
		scnet.sandbox.auth.configure({ tokenLifetimeMs: 1000 });
		const first = await get(accessKeyCredentials(scnet.sandbox));
		const expired = first.credentials.stored.scnetApi.sessionToken;
		await delay(1100);
		const second = await get(first.credentials.stored.scnetApi, [{ id: id(1) }]);

		expect(second.main[0].json).toMatchObject({ id: id(1) });
		expect(signIns()).toHaveLength(2);
		expect(details().map((request) => request.headers.token === expired)).toEqual([true, false]);
	});

	it('reports a token refused right after signing in, without signing in again', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'detail', respond: { body: { code: '10008', msg: 'no' } } });
		const { main } = await get(accessKeyCredentials(scnet.sandbox), items(1), 'continueRegularOutput');

		expect(main[0].json).toMatchObject({ id: id(0), code: '10008', description: expect.stringMatching(/^SCNet refused a token n8n had just received/) });
		expect(signIns()).toHaveLength(1);
		expect(details()).toHaveLength(1);
	});

	it('does not renew a pasted token: the refusal is reported for every item', async () => {
		const { main } = await get(pastedToken(scnet.sandbox.url, `${TOKEN}-old`), items(2), 'continueRegularOutput');

		expect(main.map((item) => item.json.code)).toEqual(['10008', '10008']);
		expect(signIns()).toHaveLength(0);
	});
});

describe('transport, through a read: secrets are masked', () => {
	const logged = captureConsole();
	/** A server that repeats the token it got in its message. */
	const echo = (code: string, status = 200) => (request: RecordedRequest) => ({ status, body: { code, msg: `bad token ${String(request.headers.token)}`, data: null } });

	it.each<[string, string, number]>([
		['an unknown code', '888001', 200],
		['a documented code', '10001', 200],
		['an HTTP error with an envelope', '888002', 500],
	])('shows [secret] where the server echoes a pasted token, with %s', async (_, code, status) => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'detail', respond: echo(code, status) });
		const result = await get(pastedToken(scnet.sandbox.url, TOKEN), items(1), 'continueRegularOutput');

		// SCNet's own message is shown for codes the docs do not list; a documented code gets ours.
		if (code !== '10001') expect(result.main[0].json.message).toMatch(/^SCNet answered: bad token \[secret\]/);
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
		expect(logged.text()).not.toContain(TOKEN);
	});

	it.each<[string, OnError | undefined]>([
		['"Continue"', 'continueRegularOutput'],
		['the error output', 'continueErrorOutput'],
		['"Stop"', undefined],
	])('shows [secret] where the server echoes a session token, with %s', async (_, onError) => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'detail', respond: echo('888001') });
		const stored = accessKeyCredentials(scnet.sandbox);
		const result = await get(stored, items(1), onError);

		const sessionToken = String(details()[0].headers.token);
		expect(sessionToken.length).toBeGreaterThan(20);
		const reported = result.error?.message ?? JSON.stringify(result.main[0]?.json ?? result.errorOutput[0]?.json);
		expect(reported).toContain('SCNet answered: bad token [secret]');
		const visible = JSON.stringify([result.run, result.main, result.errorOutput, result.error ?? null]) + logged.text();
		for (const secret of [sessionToken, String(stored.secretKey)]) expect(visible).not.toContain(secret);
	});
});
