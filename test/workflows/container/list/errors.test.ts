import type { NodeApiError } from 'n8n-workflow';

import { namingCredential } from '../../../../nodes/shared/transport/auth/credentialName';
import { SCNET_ERROR_CODES } from '../../../../nodes/shared/transport/errorCodes';
import { SCNET_CREDENTIAL_REF } from '../../../harness/credentialsHelper';
import { pastedToken, useSandbox } from '../../../harness/fixtures';

const scnet = useSandbox();
const listRequests = () => scnet.sandbox.requests.filter((request) => request.route === 'list');
const badToken = () => pastedToken(scnet.sandbox.url, 'not-the-token');
const serverError = (): void => scnet.sandbox.addFault({ when: (request) => request.route === 'list', respond: { status: 500, body: '<h1>Internal Server Error</h1>' } });

// The remedy names the credential as it is saved (the harness's), not by its type.
const TOKEN = namingCredential({ code: '10008', ...SCNET_ERROR_CODES['10008'] }, SCNET_CREDENTIAL_REF.scnetApi.name, []);
const SERVER_ERROR = {
	code: 'HTTP_500',
	message: 'SCNet answered with a server error (HTTP 500)',
	description: 'The platform or a gateway in front of it is failing; run the workflow again later.',
};

describe('Container → List: failures', () => {
	describe.each([
		['a refused token (10008)', { credentials: badToken, fault: (): void => undefined, code: '10008', message: TOKEN.message, description: TOKEN.description }],
		['HTTP 500', { credentials: () => undefined, fault: serverError, ...SERVER_ERROR }],
	])('%s', (_, { credentials, fault, code, message, description }) => {
		beforeEach(() => fault());
		const ONE_TRY = { returnAll: true, options: { maxTries: 1 } };

		it('stops the workflow with a NodeApiError that says what happened and what to do', async () => {
			const { error, main } = await scnet.run({ operation: 'list', items: [{}], parameters: ONE_TRY, credentials: credentials() });

			expect(main).toEqual([]);
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe(`${message} (code ${code}) [item 0]`);
			expect(error?.description).toBe(description);
			expect((error as NodeApiError).context.itemIndex).toBe(0);
		});

		it('outputs one failure item with "Continue"', async () => {
			const { main, errorOutput, error } = await scnet.run({
				operation: 'list',
				items: [{ job: 'nightly' }, { job: 'other' }],
				parameters: ONE_TRY,
				credentials: credentials(),
				onError: 'continueRegularOutput',
			});

			expect(error).toBeUndefined();
			expect(errorOutput).toEqual([]);
			expect(main).toEqual([{ json: { code, message, description }, pairedItem: { item: 0 } }]);
		});

		it('puts the failure item on the error output with "Continue (using error output)"', async () => {
			const { main, errorOutput } = await scnet.run({
				operation: 'list',
				items: [{ job: 'nightly' }],
				parameters: ONE_TRY,
				credentials: credentials(),
				onError: 'continueErrorOutput',
			});

			expect(main).toEqual([]);
			expect(errorOutput).toHaveLength(1);
			expect(errorOutput[0].json).toEqual({
				job: 'nightly',
				error: { code, message, description },
				message: `${message} (code ${code}) [item 0]`,
			});
			expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
		});
	});

	it('retries a server error on the list (a GET is safe to repeat) and lists all', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'list', times: 2, respond: { status: 500, body: 'busy' } });
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(error).toBeUndefined();
		expect(main).toHaveLength(40);
		expect(listRequests()).toHaveLength(5);
	});

	it("gives up after 'Max Tries', saying how often it tried", async () => {
		serverError();
		const { error } = await scnet.run({ operation: 'list', items: [{}], parameters: { options: { maxTries: 2 } } });

		expect(error?.message).toBe(`${SERVER_ERROR.message} (after 2 attempts) (code HTTP_500) [item 0]`);
		expect(listRequests()).toHaveLength(2);
	});

	it('never outputs part of the list when a later page fails: Stop throws, Continue gives one failure item', async () => {
		scnet.sandbox.configureList({ pageCap: 10 });
		const onLaterPages = (request: { route?: string; url: string }) => request.route === 'list' && !request.url.includes('start=0&');
		scnet.sandbox.addFault({ when: onLaterPages, respond: { body: { code: '10001', msg: '内部错误', data: null } } });

		const stopped = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, options: { maxTries: 1 } } });
		const continued = await scnet.run({
			operation: 'list',
			items: [{}],
			parameters: { returnAll: true, options: { maxTries: 1 } },
			onError: 'continueRegularOutput',
		});

		expect(stopped.main).toEqual([]);
		expect(stopped.error?.message).toBe(`${SCNET_ERROR_CODES['10001'].message} (code 10001) [item 0]`);
		expect(continued.main.map((item) => item.json)).toEqual([
			{ code: '10001', message: SCNET_ERROR_CODES['10001'].message, description: SCNET_ERROR_CODES['10001'].description },
		]);
	});

	it('never puts the token in the error', async () => {
		scnet.sandbox.addFault({
			when: (request) => request.route === 'list',
			respond: (request) => ({ body: { code: '888001', msg: `bad token ${String(request.headers.token)}`, data: null } }),
		});
		const { error } = await scnet.run({ operation: 'list', items: [{}] });

		expect(error?.message).toContain('888001');
		expect(JSON.stringify(error)).not.toContain(scnet.sandbox.token);
		expect(error?.message).not.toContain(scnet.sandbox.token);
	});
});
