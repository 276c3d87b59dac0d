import { RESOURCE_GROUP_PATH } from '../../../sandbox/server';
import { RESOURCE_GROUPS } from '../../../sandbox/store';
import { passwordCredentials, useSandbox } from '../../harness/fixtures';
import { lookupsOn } from '../../harness/lookups';

const scnet = useSandbox();
const lookups = lookupsOn(scnet);
const groups = (options = {}) => lookups.loadOptions('getResourceGroups', { parameters: { operation: 'create' }, path: 'parameters.resourceGroup', ...options });
const groupsAnswer = (data: unknown) =>
	scnet.sandbox.addFault({ when: (request) => request.path === RESOURCE_GROUP_PATH, respond: { body: { code: '0', msg: 'success', data } } });

describe('Resource group options (loadOptions getResourceGroups)', () => {
	it("offers the account's resource groups from …/resource-group", async () => {
		const { result } = await groups();

		expect(result).toEqual(RESOURCE_GROUPS.map((name) => ({ name, value: name })));
		expect(scnet.sandbox.requests.map((request) => [request.method, request.url])).toEqual([['GET', RESOURCE_GROUP_PATH]]);
	});

	it('reads objects that name the group, once each', async () => {
		groupsAnswer([{ name: 'TeslaM40', id: 7 }, { name: 'DCU-K100' }, { name: 'TeslaM40' }]);

		expect((await groups()).result).toEqual([
			{ name: 'TeslaM40', value: 'TeslaM40' },
			{ name: 'DCU-K100', value: 'DCU-K100' },
		]);
	});

	it('reads a list inside an object, with the name under other fields; entries without one are left out', async () => {
		groupsAnswer({ total: 4, records: [{ resourceGroup: 'A100' }, { groupName: 'K100' }, { description: 'no name' }, 'MLU370'] });

		expect((await groups()).result.map((option) => option.value)).toEqual(['A100', 'K100', 'MLU370']);
	});

	it('offers nothing, without failing, for an answer without groups', async () => {
		groupsAnswer(null);

		expect((await groups()).result).toEqual([]);
	});

	it('signs in with a Password credential', async () => {
		const { result } = await groups({ credentials: passwordCredentials(scnet.sandbox) });

		expect(result.map((option) => option.value)).toEqual(RESOURCE_GROUPS);
	});

	it("throws an error naming SCNet's code when the lookup fails", async () => {
		scnet.sandbox.addFault({ when: (request) => request.path === RESOURCE_GROUP_PATH, respond: { body: { code: '10009', msg: '无权限', data: null } } });

		await expect(groups()).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'The SCNet token has no permission to access the container API (code 10009)',
		});
	});

	it('throws a clear error when the endpoint is missing', async () => {
		scnet.sandbox.addFault({ when: (request) => request.path === RESOURCE_GROUP_PATH, respond: { status: 404, body: '<h1>404</h1>' } });

		await expect(groups()).rejects.toMatchObject({ message: 'The SCNet container API was not found at this address (HTTP 404) (code HTTP_404)' });
	});
});
