import { getGlobalState, setGlobalState, type INodeParameters } from 'n8n-workflow';

import { chinaTime, type SandboxContainer } from '../../../../sandbox/containers';
import { pagedList } from '../../../harness/faults';
import { useSandbox } from '../../../harness/fixtures';
import { ids } from '../../../harness/items';

const scnet = useSandbox();
const listRequests = () => scnet.sandbox.requests.filter((request) => request.route === 'list');
const queries = () => listRequests().map((request) => Object.fromEntries(new URL(request.url, scnet.sandbox.url).searchParams));
const newestFirst = () =>
	[...scnet.sandbox.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));
/** When a container was created, its createTime read at a fixed offset by the JavaScript parser. */
const created = (container: SandboxContainer, offset = '+08:00') => Date.parse(`${container.createTime.replace(' ', 'T')}${offset}`);
const expected = (keep: (container: SandboxContainer) => boolean) => newestFirst().filter(keep).map((container) => container.id);

const list = (filters: INodeParameters, more: INodeParameters = {}) =>
	scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, filters, ...more } });

const FILTERS: Array<[string, INodeParameters, (container: SandboxContainer) => boolean]> = [
	['several statuses', { status: ['Terminated', 'Failed', 'Completed'] }, (c) => ['Terminated', 'Failed', 'Completed'].includes(c.status)],
	['one status', { status: ['Running'] }, (c) => c.status === 'Running'],
	['statuses as comma-separated text (an expression or an agent)', { status: '={{ "Failed, Completed" }}' }, (c) => ['Failed', 'Completed'].includes(c.status)],
	['statuses as a JSON list, in lower case (as a model may send them)', { status: '={{ \'["running", "waiting"]\' }}' }, (c) => ['Running', 'Waiting'].includes(c.status)],
	['a service type', { taskType: 'ssh' }, (c) => c.taskType === 'ssh'],
	['a part of the name', { name: 'Instances_220511003' }, (c) => c.instanceServiceName.includes('Instances_220511003')],
	['Created Before', { createdBefore: '2026-11-05T00:00:00+08:00' }, (c) => c.createTime < '2026-11-05 00:00:00'],
	['Created After', { createdAfter: '2026-11-20T00:00:00Z' }, (c) => created(c) > Date.parse('2026-11-20T00:00:00Z')],
	[
		'everything at once',
		{ status: ['Running', 'Waiting'], taskType: 'ssh', name: 'Instances_22051100', createdAfter: '2026-11-01T00:00:00+08:00', createdBefore: '2026-11-30T00:00:00+08:00' },
		(c) => ['Running', 'Waiting'].includes(c.status) && c.taskType === 'ssh' && c.instanceServiceName.includes('Instances_22051100'),
	],
];

describe('Container → List: filters', () => {
	describe.each([
		['a server that applies them', false],
		['a server that ignores them', true],
	])('on %s', (_, ignoresFilters) => {
		beforeEach(() => scnet.sandbox.configureList({ ignoresFilters, pageCap: 7 }));

		it.each(FILTERS)('keeps only the containers that match %s', async (__, filters, keep) => {
			const { main, error } = await list(filters);

			expect(error).toBeUndefined();
			expect(ids(main)).toEqual(expected(keep));
			expect(main.length).toBeGreaterThan(0);
			expect(main.length).toBeLessThan(40);
		});

		it('applies the limit to the containers that match', async () => {
			const { main } = await list({ status: ['Running'] }, { returnAll: false, limit: 3 });

			expect(ids(main)).toEqual(expected((c) => c.status === 'Running').slice(0, 3));
		});
	});

	it('sends a single status, the service type and the name to SCNet, but not several statuses or the dates', async () => {
		await list({ status: ['Running'], taskType: 'ssh', name: ' Instances ', createdBefore: '2026-11-05T00:00:00+08:00' });
		const firstRun = queries().length;
		await list({ status: ['Running', 'Failed'] });

		const [single, several] = [queries()[0], queries()[firstRun]];
		expect(single).toEqual({ start: '0', limit: '100', sort: 'desc', status: 'Running', taskType: 'ssh', instanceServiceName: 'Instances' });
		expect(several).toEqual({ start: '0', limit: '100', sort: 'desc' });
	});

	it('treats an empty status list and an empty name as no filter', async () => {
		const { main } = await list({ status: [], name: '  ' });

		expect(main).toHaveLength(40);
		expect(queries()[0]).toEqual({ start: '0', limit: '100', sort: 'desc' });
	});

	it('keeps a container created exactly at a bound out of both date filters (they are strict)', async () => {
		const [boundary] = newestFirst().filter((c) => c.createTime === '2026-11-05 04:30:00');
		const at = '2026-11-05T04:30:00+08:00';

		expect(ids((await list({ createdBefore: at })).main)).not.toContain(boundary.id);
		expect(ids((await list({ createdAfter: at })).main)).not.toContain(boundary.id);
		expect(ids((await list({ createdAfter: '2026-11-05T04:29:59+08:00' })).main)).toContain(boundary.id);
	});

	it("compares dates with createTime read in the 'SCNet Time Zone' option's zone", async () => {
		scnet.sandbox.configureList({ ignoresFilters: true });
		const before = '2026-11-05T00:00:00Z';
		const china = await list({ createdBefore: before });
		const utc = await list({ createdBefore: before }, { options: { timezone: '+00:00' } });

		expect(ids(china.main)).toEqual(expected((c) => created(c) < Date.parse(before)));
		expect(ids(utc.main)).toEqual(expected((c) => created(c, 'Z') < Date.parse(before)));
		// Eight hours apart: the containers created between 00:00 and 08:00 on the 5th (China time) differ.
		expect(china.main.length).toBeGreaterThan(utc.main.length);
	});

	describe("a date without a zone is read in the workflow's time zone", () => {
		const initial = getGlobalState().defaultTimezone;
		afterEach(() => setGlobalState({ defaultTimezone: initial }));

		it.each([
			['Asia/Shanghai', '+08:00'],
			['UTC', 'Z'],
			['America/New_York', '-05:00'],
		])('(%s)', async (zone, offset) => {
			setGlobalState({ defaultTimezone: zone });
			const { main } = await list({ createdBefore: '2026-11-05T06:00:00' });

			expect(ids(main)).toEqual(expected((c) => created(c) < Date.parse(`2026-11-05T06:00:00${offset}`)));
		});
	});

	it('takes a date from an expression, as a Luxon date-time', async () => {
		const { main, error } = await list({ createdBefore: '={{ DateTime.fromISO("2026-11-05T00:00:00", { zone: "Asia/Shanghai" }) }}' });

		expect(error).toBeUndefined();
		expect(ids(main)).toEqual(expected((c) => c.createTime < '2026-11-05 00:00:00'));
	});

	it('takes "more than 24 hours ago" written as {{ $now.minus(24, "hours") }}', async () => {
		const [newest] = newestFirst();
		scnet.sandbox.containers.set('fresh', { ...newest, id: 'fresh', createTime: chinaTime(Date.now() - 3600_000) });
		scnet.sandbox.containers.set('stale', { ...newest, id: 'stale', createTime: chinaTime(Date.now() - 25 * 3600_000) });
		const { main } = await list({ createdBefore: '={{ $now.minus(24, "hours") }}' });

		expect(ids(main)).toContain('stale');
		expect(ids(main)).not.toContain('fresh');
	});

	it('takes a JavaScript Date from an expression', async () => {
		const { main } = await list({ createdAfter: '={{ new Date("2026-11-20T00:00:00Z") }}' });

		expect(ids(main)).toEqual(expected((c) => created(c) > Date.parse('2026-11-20T00:00:00Z')));
	});

	it('leaves out containers without a readable createTime when a date filter is set', async () => {
		scnet.sandbox.addFault({
			when: (request) => request.route === 'list',
			respond: pagedList([{ id: 'a' }, { id: 'b', createTime: '--' }, { id: 'c', createTime: '2026-01-01 00:00:00' }], { total: false }),
		});
		const { main } = await list({ createdBefore: '2026-11-05T00:00:00Z' }, { returnAll: false, limit: 10 });

		expect(ids(main)).toEqual(['c']);
	});

	it.each([
		['createdBefore', 'Created Before', 'yesterday'],
		['createdAfter', 'Created After', '2026-02-30T00:00:00'],
	])("refuses a '%s' that is not a date, before asking SCNet", async (key, label, value) => {
		const { error, main } = await list({ [key]: value });

		expect(main).toEqual([]);
		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toBe(`The filter '${label}' is not a date and time: '${value}'`);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});

describe('Container → Get Many (List): filters it cannot read', () => {
	it.each([
		['a status it does not know', { filters: { status: '={{ "Finished" }}' } }, /^'Status' must be none or some of Running, .*, not 'Finished'$/],
		['Return All as a word', { returnAll: '={{ "all" }}' }, /^'Return All' must be true or false, not 'all'$/],
		['a Limit in words', { returnAll: false, limit: '={{ "ten" }}' }, /^'Limit' must be a whole number from 1 to \d+, not 'ten'$/],
	])('refuses %s, naming it, before listing', async (_, parameters, message) => {
		const { error } = await scnet.run({ operation: 'list', items: [{}], parameters: parameters as INodeParameters });

		expect(error?.message).toMatch(message);
		expect(listRequests()).toEqual([]);
	});
});
