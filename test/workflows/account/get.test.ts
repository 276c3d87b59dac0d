import { description, option } from '../../../nodes/Scnet/actions/account/get.operation';
import { USER_PATH, V2_SIGN_IN_PATH, V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import { accessKeyCredentials, passwordCredentials, pastedToken, useSandbox } from '../../harness/fixtures';

const scnet = useSandbox();
const userCalls = () => scnet.sandbox.requests.filter((request) => request.path === USER_PATH);
const clusterOf = (token: unknown) => JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString()).clusterId as string;
const getAccount = (credentials: ReturnType<typeof pastedToken>, onError?: 'continueRegularOutput') =>
	scnet.run({ operation: 'get', parameters: { resource: 'account' }, items: [{}], credentials, onError });

describe('Account → Get', () => {
	it('outputs status and balance (as a number, and the text SCNet sent), asking with the platform token', async () => {
		const { main, error } = await getAccount(accessKeyCredentials(scnet.sandbox));

		expect(error).toBeUndefined();
		expect(main).toEqual([
			{
				json: expect.objectContaining({
					userName: 'sandbox-user',
					accountStatus: 'Normal',
					accountBalance: 1234.56,
					accountBalanceText: '1234.56',
					computerCenter: 'OpenAPI计算中心',
				}),
				pairedItem: { item: 0 },
			},
		]);
		const [call] = userCalls();
		expect(userCalls()).toHaveLength(1);
		expect(clusterOf(call.headers.token)).toBe('0');
		// No token of any kind in the output.
		for (const request of scnet.sandbox.requests) {
			if (typeof request.headers.token === 'string') expect(JSON.stringify(main)).not.toContain(request.headers.token);
		}
	});

	it("falls back to the region's token when the platform token is refused there, without signing in again", async () => {
		scnet.sandbox.auth.configure({ userTokens: 'region' });
		const { main } = await getAccount(accessKeyCredentials(scnet.sandbox));

		expect(main[0].json.accountBalance).toBe(1234.56);
		expect(userCalls().map((call) => clusterOf(call.headers.token))).toEqual(['0', '11112']);
		expect(scnet.sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH)).toHaveLength(1);
	});

	it.each(['platform', 'region'] as const)(
		'signs in once and gets the account when both stored tokens went stale (SCNet wanting the %s token)',
		async (wanted) => {
			const first = await getAccount(accessKeyCredentials(scnet.sandbox));
			scnet.sandbox.auth.expireTokens();
			scnet.sandbox.auth.configure({ userTokens: wanted });
			const before = scnet.sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH).length;

			const { main, error } = await getAccount(first.credentials.stored.scnetApi);

			expect(error).toBeUndefined();
			expect(main[0].json.accountBalance).toBe(1234.56);
			expect(scnet.sandbox.requests.filter((request) => request.path === V3_SIGN_IN_PATH).length - before).toBe(1);
		},
	);

	it('works with a password sign-in', async () => {
		const { main } = await getAccount(passwordCredentials(scnet.sandbox));

		expect(main[0].json.accountStatus).toBe('Normal');
		expect(scnet.sandbox.requests.filter((request) => request.path === V2_SIGN_IN_PATH)).toHaveLength(1);
	});

	it("uses a pasted token as it is, on the credential's region discovery URL", async () => {
		const { main } = await getAccount({ ...pastedToken('http://127.0.0.1:9', scnet.sandbox.token), centerUrl: scnet.sandbox.url });

		expect(main[0].json.userName).toBe('sandbox-user');
		expect(userCalls().map((call) => call.headers.token)).toEqual([scnet.sandbox.token]);
	});

	it.each([
		['1,234.56', 1234.56],
		['0.00', 0],
		['-12.5', -12.5],
		['unknown', null],
	])('reads the balance %j as %j', async (text, amount) => {
		scnet.sandbox.auth.configure({ accountBalance: text });
		const { main } = await getAccount(accessKeyCredentials(scnet.sandbox));

		expect(main[0].json).toMatchObject({ accountBalance: amount, accountBalanceText: text });
	});

	it('reports a refusal with its code ("Continue"), or stops the workflow', async () => {
		scnet.sandbox.addFault({ when: (request) => request.path === USER_PATH, respond: { body: { code: '10007', msg: 'frozen' } } });

		const continued = await getAccount(accessKeyCredentials(scnet.sandbox), 'continueRegularOutput');
		expect(continued.main[0].json).toMatchObject({ code: '10007', message: 'The SCNet account is frozen' });

		const stopped = await getAccount(accessKeyCredentials(scnet.sandbox));
		expect(stopped.error?.message).toBe('The SCNet account is frozen (code 10007) [item 0]');
	});

	it("explains the balance in the operation's description, with no notice in the way", () => {
		expect(description.filter((field) => field.type === 'notice')).toEqual([]);
		expect(option.description).toMatch(/a number in accountBalance .*accountBalanceText/);
	});
});
