import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CENTER_PATH, V2_SIGN_IN_PATH, V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import { containerId } from '../../../sandbox/containers';
import { DELETE_PATH, type RecordedRequest } from '../../../sandbox/server';
import { accessKeyCredentials, passwordCredentials, useSandbox } from '../../harness/fixtures';
import type { OnError } from '../../harness/runWorkflow';
import { captureConsole } from '../../harness/console';

const scnet = useSandbox();
const id = containerId;

/** A misbehaving server that repeats every request header it got (signature, password, token) in its message. */
const echoHeaders = (code: string) => (request: RecordedRequest) => ({
	body: { code, msg: `you sent ${JSON.stringify(request.headers)}`, data: null },
});
const onPath = (...paths: string[]) => (request: RecordedRequest) => paths.includes(request.path);

describe('sign-in secrets stay secret', () => {
	const logged = captureConsole();

	/** Every secret that existed during the run: the keys, the signatures sent and the tokens issued. */
	const secretsOf = (credentials: ICredentialDataDecryptedObject) => {
		const sent = scnet.sandbox.requests.flatMap((r) => [r.headers.signature, r.headers.password, r.headers.token]);
		return [credentials.secretKey, credentials.password, ...sent].filter(
			(value): value is string => typeof value === 'string' && value.length > 8,
		);
	};

	it.each<[string, () => ICredentialDataDecryptedObject, () => void, OnError | undefined]>([
		['a successful run', () => accessKeyCredentials(scnet.sandbox), () => {}, undefined],
		['a sign-in refusal that echoes the signature', () => accessKeyCredentials(scnet.sandbox), () => scnet.sandbox.addFault({ when: onPath(V3_SIGN_IN_PATH), respond: echoHeaders('10009') }), 'continueRegularOutput'],
		['a sign-in refusal that echoes the password (stopping)', () => passwordCredentials(scnet.sandbox), () => scnet.sandbox.addFault({ when: onPath(V2_SIGN_IN_PATH), respond: echoHeaders('10009') }), undefined],
		['a discovery refusal that echoes the token', () => accessKeyCredentials(scnet.sandbox), () => scnet.sandbox.addFault({ when: onPath(CENTER_PATH), respond: echoHeaders('10008') }), 'continueErrorOutput'],
		['container refusals that echo the token', () => accessKeyCredentials(scnet.sandbox), () => scnet.sandbox.addFault({ when: onPath(DELETE_PATH), respond: echoHeaders('10008') }), 'continueRegularOutput'],
	])('in %s', async (_, credentials, arrange, onError) => {
		arrange();
		const stored = credentials();
		const result = await scnet.run({ operation: 'delete', items: [{ id: id(0) }, { id: id(1) }], credentials: stored, onError });

		const secrets = secretsOf(stored);
		expect(secrets.length).toBeGreaterThan(1);
		const visible = JSON.stringify([result.run, result.main, result.errorOutput, result.error ?? null]);
		for (const secret of secrets) {
			expect(visible).not.toContain(secret);
			expect(logged.text()).not.toContain(secret);
			for (const request of scnet.sandbox.requests) expect(request.url).not.toContain(secret);
		}
		expect(JSON.stringify(scnet.sandbox.requests)).not.toContain(String(stored.secretKey ?? 'no secret key in this mode'));
	});
});
