import { useSandbox } from '../../../harness/fixtures';
import { fromAI, locator } from '../../../harness/fromAI';

/* Version 3 of Container → Get Many: the 'Service Type' filter is a picker an AI agent can fill. */
const scnet = useSandbox();
const listQueries = () => scnet.sandbox.requests.filter((request) => request.route === 'list').map((request) => new URL(request.url, scnet.sandbox.url).searchParams.get('taskType'));
const list = (taskType: unknown, items = [{}], typeVersion = 3) => scnet.run({ typeVersion, operation: 'list', items, parameters: { returnAll: true, filters: { taskType } as never } });

describe('Container → Get Many: the Service Type filter', () => {
	it('version 3 reads a picked value, and what $fromAI hands over in any case', async () => {
		const picked = await list(locator('ssh', 'list'));
		const agent = await list(locator(fromAI('Service_Type')), [{ Service_Type: 'SSH' }]);

		expect(picked.main.length).toBeGreaterThan(0);
		expect(picked.main.every((item) => item.json.taskType === 'ssh')).toBe(true);
		expect(agent.main.length).toBe(picked.main.length);
		expect(new Set(listQueries())).toEqual(new Set(['ssh']));
	});

	it('version 3 refuses a service type SCNet does not name instead of listing nothing, and asks SCNet nothing', async () => {
		const { error } = await list(locator('notebook'));

		expect(error?.message).toBe("'Service Type' must be one of codeserver, jupyter, rstudio, ssh, not 'notebook'");
		expect(listQueries()).toEqual([]);
	});

	it('version 3 lists every service for an empty picker', async () => {
		const { main } = await list(locator(''));

		expect(main.length).toBe(scnet.sandbox.containers.size);
		expect(new Set(listQueries())).toEqual(new Set([null]));
	});

	it('version 1 keeps its dropdown value', async () => {
		const { main } = await list('jupyter', [{}], 1);

		expect(main.every((item) => item.json.taskType === 'jupyter')).toBe(true);
		expect(new Set(listQueries())).toEqual(new Set(['jupyter']));
	});
});
