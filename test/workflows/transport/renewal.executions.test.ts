import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { setTimeout as delay } from 'node:timers/promises';

import { V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import { containerId } from '../../../sandbox/containers';
import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';

/*
 * Concurrent executions of one n8n process, each with its own copy of the same stored credential
 * (as n8n gives them), find its token due or refused at the same moment: one signs in, the others
 * take its token. Without sharing, each would sign in (n8n has no lock across executions).
 */

const scnet = useSandbox({ containers: 60 });
const id = containerId;
const signIns = () => scnet.sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH).length;
const EXECUTIONS = 8;

async function signedIn() {
	const first = await scnet.run({ operation: 'get', parameters: { containerId: id(59) }, items: [{}], credentials: accessKeyCredentials(scnet.sandbox) });
	expect(first.main[0].json.id).toBe(id(59));
	return first.credentials.stored.scnetApi;
}

/** `EXECUTIONS` deletes at once, each of its own containers, with its own copy of the stored credential. */
const concurrently = (stored: ICredentialDataDecryptedObject) =>
	Promise.all(
		Array.from({ length: EXECUTIONS }, (_, n) =>
			scnet.run({ operation: 'delete', items: [{ id: id(2 * n) }, { id: id(2 * n + 1) }], credentials: { ...stored } }),
		),
	);

describe('token renewal across concurrent executions', () => {
	it('signs in once when SCNet refuses the token of every execution', async () => {
		const stored = await signedIn();
		scnet.sandbox.auth.expireTokens();
		// Slow answers keep the executions' requests under way together.
		scnet.sandbox.addFault({ when: (request) => request.route === 'delete', delayMs: 30 });
		const before = signIns();

		const runs = await concurrently(stored);

		expect(runs.flatMap((run) => run.main.map((item) => item.json.deleted))).toEqual(Array(2 * EXECUTIONS).fill(true));
		expect(signIns() - before).toBe(1);
	});

	it('signs in once when the token is due in every execution', async () => {
		scnet.sandbox.auth.configure({ tokenLifetimeMs: 1000 });
		const stored = await signedIn();
		// Renewal is due at four fifths of the lifetime.
		await delay(900);
		const before = signIns();

		const runs = await concurrently(stored);

		expect(runs.flatMap((run) => run.main.map((item) => item.json.deleted))).toEqual(Array(2 * EXECUTIONS).fill(true));
		expect(signIns() - before).toBe(1);
	});
});
