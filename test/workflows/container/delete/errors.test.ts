import type { IDataObject, NodeApiError } from 'n8n-workflow';

import { remedies } from '../../../../nodes/Scnet/actions/container/delete.operation';
import { namingCredential } from '../../../../nodes/shared/transport/auth/credentialName';
import { SCNET_ERROR_CODES, type CodeInfo } from '../../../../nodes/shared/transport/errorCodes';
import { containerId } from '../../../../sandbox/containers';
import { SCNET_CREDENTIAL_REF } from '../../../harness/credentialsHelper';
import { pastedToken, useSandbox } from '../../../harness/fixtures';
import { json } from '../../../harness/items';

const scnet = useSandbox();
const id = containerId;
const ONE_TRY = { options: { maxTries: 1 } };
// A remedy names the credential as it is saved (the harness's), not by its type.
const asSaved = (code: string, info: CodeInfo) => namingCredential({ code, ...info }, SCNET_CREDENTIAL_REF.scnetApi.name, []);

describe('Container → Delete: answers keyed by code', () => {
	// Every documented code, in Delete's words (the general wording, with Delete's own where it differs).
	const deleteWording = Object.entries(SCNET_ERROR_CODES).map(([code, info]) => [code, asSaved(code, { ...info, ...remedies[code] })] as const);

	describe.each(deleteWording)('code %s', (code, { message, description }) => {
		beforeEach(() => scnet.sandbox.failIds([id(0)], code, '服务端消息'));

		it('becomes a failure item on the main output with "Continue"', async () => {
			const { main, errorOutput, error } = await scnet.run({ operation: 'delete',
				items: [{ id: id(0) }],
				parameters: ONE_TRY,
				onError: 'continueRegularOutput',
			});

			expect(error).toBeUndefined();
			expect(errorOutput).toEqual([]);
			expect(main).toHaveLength(1);
			expect(main[0].json).toEqual({ id: id(0), deleted: false, code, message, description });
			expect(main[0].pairedItem).toEqual({ item: 0 });
			expect(scnet.sandbox.containers.has(id(0))).toBe(true);
		});

		it('goes to the error output with "Continue (using error output)"', async () => {
			const { main, errorOutput } = await scnet.run({ operation: 'delete',
				items: [{ id: id(0), job: 'nightly' }],
				parameters: ONE_TRY,
				onError: 'continueErrorOutput',
			});

			expect(main).toEqual([]);
			expect(errorOutput).toHaveLength(1);
			// n8n merges the input item under the failure, so the branch still sees the job's fields.
			expect(errorOutput[0].json).toEqual({
				job: 'nightly',
				id: id(0),
				error: { id: id(0), deleted: false, code, message, description },
				message: `${message} (container '${id(0)}', code ${code}) [item 0]`,
			});
			expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
		});

		it('stops the workflow with a NodeApiError naming the container and item', async () => {
			const { error, main } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], parameters: ONE_TRY });

			expect(main).toEqual([]);
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe(`${message} (container '${id(0)}', code ${code}) [item 0]`);
			expect(error?.description).toBe(description);
			expect((error as NodeApiError).context.itemIndex).toBe(0);
		});
	});

	it("keeps the server's message for a code the docs do not list", async () => {
		scnet.sandbox.failIds([id(0)], '888001', '实例不存在 instance missing');
		const { main } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], onError: 'continueRegularOutput' });

		expect(main[0].json).toMatchObject({ code: '888001', message: 'SCNet answered: 实例不存在 instance missing' });
	});

	it('treats HTTP 200 without code "0" as failure', async () => {
		scnet.sandbox.addFault({ respond: { body: { code: '716866', msg: '删除任务失败' } } });
		const { main } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], onError: 'continueRegularOutput' });

		expect(main[0].json).toMatchObject({ deleted: false, code: '716866' });
	});
});

describe('Container → Delete: failure isolation', () => {
	it('splits a failed request until only the real culprits fail, and deletes all the others', async () => {
		const items = Array.from({ length: 10 }, (_, n) => ({ id: `${id(2 * n)},${id(2 * n + 1)}` }));
		scnet.sandbox.failIds([id(5)], '716866');
		items[7] = { id: `${id(14)},missing-container` };

		const { main, errorOutput } = await scnet.run({ operation: 'delete', items, onError: 'continueErrorOutput' });

		expect(errorOutput.map((item) => [(item.json.error as IDataObject).id, item.pairedItem])).toEqual([
			[id(5), { item: 2 }],
			['missing-container', { item: 7 }],
		]);
		expect(json(errorOutput).map((j) => (j.error as IDataObject).code)).toEqual(['716866', '716866']);
		expect(main).toHaveLength(18);
		expect(main.every((item) => item.json.deleted === true)).toBe(true);
		expect(scnet.sandbox.containers.has(id(5))).toBe(true);
		expect(scnet.sandbox.containers.has(id(4))).toBe(false);
		// One request for all 20 IDs, then halves: far fewer than one request per ID.
		expect(scnet.sandbox.requests.length).toBeLessThan(20);
	});

	it.each(['716020', '10004', '10001'])('isolates IDs on code %s too', async (code) => {
		scnet.sandbox.failIds([id(3)], code);
		const { main } = await scnet.run({ operation: 'delete',
			items: [0, 1, 2, 3, 4].map((n) => ({ id: id(n) })),
			onError: 'continueRegularOutput',
		});

		expect(json(main).map((j) => [j.id, j.deleted])).toEqual([
			[id(0), true],
			[id(1), true],
			[id(2), true],
			[id(3), false],
			[id(4), true],
		]);
	});

	it('fails a whole request, without splitting, on a code that concerns the request', async () => {
		scnet.sandbox.failIds([id(1)], '10003');
		const { main } = await scnet.run({ operation: 'delete', items: [{ id: `${id(0)},${id(1)}` }], onError: 'continueRegularOutput' });

		expect(json(main).map((j) => [j.id, j.code])).toEqual([
			[id(0), '10003'],
			[id(1), '10003'],
		]);
		expect(scnet.sandbox.requests).toHaveLength(1);
	});

	it('sends nothing more after an account-wide refusal, and reports every ID', async () => {
		const items = [0, 1, 2, 3, 4, 5].map((n) => ({ id: id(n) }));
		const { main } = await scnet.run({ operation: 'delete',
			items,
			parameters: { options: { batchSize: 2 } },
			credentials: pastedToken(scnet.sandbox.url, 'expired-token'),
			onError: 'continueRegularOutput',
		});

		expect(scnet.sandbox.requests).toHaveLength(1);
		expect(json(main).map((j) => j.code)).toEqual(Array(6).fill('10008'));
		expect(main[0].json.description).toBe(asSaved('10008', SCNET_ERROR_CODES['10008']).description);
		expect(main[2].json.description).toMatch(/^Not sent, because an earlier request in this run failed with code 10008/);
		expect(scnet.sandbox.containers.size).toBe(40);
	});

	it('stops at the first failure with "Stop", naming its item, and sends nothing after it', async () => {
		scnet.sandbox.failIds([id(1)], '716866');
		const { error } = await scnet.run({ operation: 'delete',
			items: [0, 1, 2].map((n) => ({ id: id(n) })),
			parameters: { options: { batchSize: 1 } },
		});

		expect(error?.message).toBe(`SCNet could not delete the container (container '${id(1)}', code 716866) [item 1]`);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect(scnet.sandbox.requests.map((r) => r.ids)).toEqual([[id(0)], [id(1)]]);
		expect(scnet.sandbox.containers.has(id(2))).toBe(true);
	});
});

describe('Container → Delete: HTTP-level answers', () => {
	const runOne = (credentials?: ReturnType<typeof pastedToken>) =>
		scnet.run({ operation: 'delete', items: [{ id: id(0) }], credentials, parameters: ONE_TRY, onError: 'continueRegularOutput' });

	it.each([401, 403])('reports HTTP %i as a credential problem', async (status) => {
		scnet.sandbox.addFault({ respond: { status, body: '<html><body>Unauthorized</body></html>' } });
		const { main } = await runOne();

		expect(main[0].json).toMatchObject({
			code: `HTTP_${status}`,
			message: `SCNet refused the credential (HTTP ${status})`,
			description: expect.stringMatching(/renew the token/i),
		});
	});

	it('reports HTTP 404 as a wrong base URL', async () => {
		const { main } = await runOne(pastedToken(`${scnet.sandbox.url}/gateway`, scnet.sandbox.token));

		expect(main[0].json).toMatchObject({ code: 'HTTP_404', description: expect.stringMatching(/'Container Service URL'/) });
	});

	it.each([
		['a gateway HTML page', { body: '<!DOCTYPE html><title>Login</title>' }, 'SCNet answered with an HTML page instead of JSON (HTTP 200)'],
		['malformed JSON', { body: '{"code": "0", "msg":', contentType: 'application/json' }, 'SCNet answered with malformed JSON (HTTP 200)'],
	])('turns %s into a clear failure', async (_, respond, message) => {
		scnet.sandbox.addFault({ respond });
		const { main } = await runOne();

		expect(main[0].json).toMatchObject({ code: 'INVALID_RESPONSE', message, deleted: false });
	});
});
