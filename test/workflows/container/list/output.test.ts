import type { SandboxContainer } from '../../../../sandbox/containers';
import { TASK_LIST_PATH } from '../../../../sandbox/server';
import { pagedList } from '../../../harness/faults';
import { useSandbox } from '../../../harness/fixtures';
import { json } from '../../../harness/items';

const scnet = useSandbox();
const listRequests = () => scnet.sandbox.requests.filter((request) => request.route === 'list');
/** The sandbox's containers in the order its list answers: newest first. */
const newestFirst = () =>
	[...scnet.sandbox.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));
/** A zone-less wall-clock time read at a fixed offset, by the JavaScript parser rather than the node's reader. */
const at = (createTime: string, offset: string) => new Date(`${createTime.replace(' ', 'T')}${offset}`).toISOString();
/** What the sandbox's list says of a container, as SCNet's list fields. */
const listed = ({ id, instanceServiceName, status, taskType, createTime, startTime = null, endTime = null }: SandboxContainer) => ({
	id,
	instanceServiceName,
	status,
	taskType,
	createTime,
	startTime,
	endTime,
	timeoutLimit: 'unlimited',
	remainingTime: '--',
});

describe('Container → List: output', () => {
	it("outputs one item per container, newest first: SCNet's fields, id, and createdAt read as China time", async () => {
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual(newestFirst().map((container) => ({ ...listed(container), createdAt: at(container.createTime, '+08:00') })));
		expect(main).toHaveLength(40);
	});

	it('pairs every item with the first input item and lists once, whatever the number of input items', async () => {
		const { main } = await scnet.run({ operation: 'list', items: [{ job: 'a' }, { job: 'b' }, { job: 'c' }], parameters: { limit: 5 } });

		expect(main).toHaveLength(5);
		expect(main.map((item) => item.pairedItem)).toEqual(Array(5).fill({ item: 0 }));
		expect(listRequests()).toHaveLength(1);
		// The containers are the items: nothing of the input item is merged in.
		expect(main.every((item) => item.json.job === undefined)).toBe(true);
	});

	it('sets id from instanceServiceId when SCNet calls it that', async () => {
		scnet.sandbox.configureList({ idField: 'instanceServiceId' });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toHaveLength(40);
		for (const [index, container] of newestFirst().entries()) {
			expect(main[index].json).toMatchObject({ id: container.id, instanceServiceId: container.id, instanceServiceName: container.instanceServiceName });
		}
	});

	it.each([
		['an offset', '+00:00', 'Z'],
		['a negative offset', '-05:00', '-05:00'],
		['another IANA zone', 'Asia/Tokyo', '+09:00'],
		['Europe/Berlin in November (CET)', 'Europe/Berlin', '+01:00'],
	])("reads createTime in the 'SCNet Time Zone' option's zone: %s", async (_, timezone, offset) => {
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, options: { timezone } } });

		expect(main.map((item) => item.json.createdAt)).toEqual(newestFirst().map((container) => at(container.createTime, offset)));
	});

	it('follows daylight saving time in an IANA zone', async () => {
		const [template] = newestFirst();
		scnet.sandbox.containers.set('summer', { ...template, id: 'summer', createTime: '2026-07-01 12:00:00' });
		scnet.sandbox.containers.set('winter', { ...template, id: 'winter', createTime: '2026-01-01 12:00:00' });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, options: { timezone: 'Europe/Berlin' } } });

		const createdAt = Object.fromEntries(main.map((item) => [item.json.id, item.json.createdAt]));
		expect(createdAt.summer).toBe('2026-07-01T10:00:00.000Z');
		expect(createdAt.winter).toBe('2026-01-01T11:00:00.000Z');
	});

	it('gives createdAt null when createTime is missing or not a date', async () => {
		scnet.sandbox.addFault({
			when: (request) => request.route === 'list',
			respond: pagedList([
				{ id: 'a', instanceServiceName: 'no time' },
				{ id: 'b', createTime: '--' },
				{ id: 'c', createTime: '2026-11-01 08:00:00' },
			]),
		});
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(json(main)).toEqual([
			{ id: 'a', instanceServiceName: 'no time', createdAt: null },
			{ id: 'b', createTime: '--', createdAt: null },
			{ id: 'c', createTime: '2026-11-01 08:00:00', createdAt: '2026-11-01T00:00:00.000Z' },
		]);
	});

	it('fails, rather than leave it out silently, when an entry has no ID', async () => {
		scnet.sandbox.addFault({
			when: (request) => request.route === 'list',
			respond: pagedList([{ id: 'a' }, { instanceServiceName: 'no id', createTime: '2026-11-01 00:00:00' }, { id: 'c' }]),
		});
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toEqual([]);
		expect(error?.message).toMatch(/^The container list could not be read completely: 1 of its entries had no ID \(1 pages, 0 different containers, a total of 3, 0 repeats, 0 restarts\)/);
	});

	it('outputs nothing, without failing, for an account with no containers', async () => {
		scnet.sandbox.containers.clear();
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(error).toBeUndefined();
		expect(main).toEqual([]);
		expect(listRequests()).toHaveLength(1);
	});

	it('asks with a GET that carries its fields in the query and has no body', async () => {
		await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 10 } });

		const [request] = scnet.sandbox.requests;
		expect(scnet.sandbox.requests).toHaveLength(1);
		expect(request).toMatchObject({ method: 'GET', path: TASK_LIST_PATH, body: '' });
		expect(Object.fromEntries(new URL(request.url, scnet.sandbox.url).searchParams)).toEqual({ start: '0', limit: '10', sort: 'desc' });
		expect(request.headers['content-type']).toBeUndefined();
		expect(request.headers.token).toBe(scnet.sandbox.token);
	});

	it.each([
		['a name that is not a zone', 'China', "The option 'SCNet Time Zone' is not a time zone: 'China'"],
		['an offset beyond 14 hours', '+25:00', "The option 'SCNet Time Zone' is not a time zone: '+25:00'"],
	])("refuses an 'SCNet Time Zone' that is %s before asking SCNet", async (_, timezone, message) => {
		const { error, main } = await scnet.run({ operation: 'list', items: [{}], parameters: { options: { timezone } } });

		expect(main).toEqual([]);
		expect(error?.message).toBe(message);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});
