import type { RecordedRequest } from '../../../../sandbox/server';
import { useSandbox } from '../../../harness/fixtures';
import { ids } from '../../../harness/items';

const scnet = useSandbox();
const listRequests = () => scnet.sandbox.requests.filter((request) => request.route === 'list');
const field = (name: string) => (request: RecordedRequest) => Number(new URL(request.url, scnet.sandbox.url).searchParams.get(name));
const starts = () => listRequests().map(field('start'));
const limits = () => listRequests().map(field('limit'));
const newestIds = () =>
	[...scnet.sandbox.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id)).map((container) => container.id);

describe('Container → List: Return All', () => {
	it('fetches every container when SCNet caps its pages below the size asked for', async () => {
		scnet.sandbox.configureList({ pageCap: 7 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(ids(main)).toEqual(newestIds());
		expect(new Set(ids(main)).size).toBe(40);
		// Each page starts where the last one ended (7 received), not where a full page would (100 asked).
		expect(starts()).toEqual([0, 7, 14, 21, 28, 35]);
		expect(limits()).toEqual(Array(6).fill(100));
	});

	it('without a total, reads until an empty page', async () => {
		scnet.sandbox.configureList({ pageCap: 7, shape: 'array' });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(ids(main)).toEqual(newestIds());
		expect(starts()).toEqual([0, 7, 14, 21, 28, 35, 40]);
	});

	it("asks for the 'Page Size' option's number per request", async () => {
		scnet.sandbox.configureList({ pageCap: 1000 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, options: { pageSize: 15 } } });

		expect(main).toHaveLength(40);
		expect(starts()).toEqual([0, 15, 30]);
		expect(limits()).toEqual([15, 15, 15]);
	});

	it('reads all in one request when one page holds them all', async () => {
		scnet.sandbox.configureList({ pageCap: 1000 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toHaveLength(40);
		expect(listRequests()).toHaveLength(1);
	});

	it.each([
		['with a total', { total: true }],
		['without a total', { total: false }],
		['with data as the list', { shape: 'array' as const }],
	])('stops on its own, after a bounded number of requests, when SCNet ignores start (%s)', async (_, shape) => {
		scnet.sandbox.configureList({ ignoresStart: true, pageCap: 7, ...shape });
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(error).toBeUndefined();
		// The server only ever shows its first page: that page, once, is all there is to list.
		expect(ids(main)).toEqual(newestIds().slice(0, 7));
		expect(listRequests()).toHaveLength(2);
	});

	it('stops when SCNet ignores start even with filters that keep nothing', async () => {
		scnet.sandbox.configureList({ ignoresStart: true, ignoresFilters: true, pageCap: 7 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, filters: { name: 'no such container' } } });

		expect(main).toEqual([]);
		expect(listRequests()).toHaveLength(2);
	});

	it('does not repeat a container that moved to the next page while listing', async () => {
		scnet.sandbox.configureList({ pageCap: 10 });
		// A container created between two pages pushes the others one place down the list.
		let pages = 0;
		scnet.sandbox.addFault({
			when: (request) => {
				if (request.route === 'list' && ++pages === 2) {
					const [template] = scnet.sandbox.containers.values();
					scnet.sandbox.containers.set('newcomer', { ...template, id: 'newcomer', createTime: '2026-12-31 00:00:00' });
				}
				return false;
			},
		});
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(new Set(ids(main)).size).toBe(main.length);
		expect(main).toHaveLength(40);
	});
});

describe('Container → List: Limit', () => {
	it('returns at most the limit, asking for no more than it', async () => {
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 5 } });

		expect(ids(main)).toEqual(newestIds().slice(0, 5));
		expect(starts()).toEqual([0]);
		expect(limits()).toEqual([5]);
	});

	it('reads on across capped pages until it has the limit', async () => {
		scnet.sandbox.configureList({ pageCap: 7 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 30 } });

		expect(ids(main)).toEqual(newestIds().slice(0, 30));
		expect(starts()).toEqual([0, 7, 14, 21, 28]);
	});

	it('defaults to 50', async () => {
		scnet.sandbox.configureList({ pageCap: 1000 });
		for (let n = 40; n < 60; n++) {
			const [template] = scnet.sandbox.containers.values();
			scnet.sandbox.containers.set(`extra${n}`, { ...template, id: `extra${n}`, createTime: `2026-10-01 00:${n}:00` });
		}
		const { main } = await scnet.run({ operation: 'list', items: [{}] });

		expect(main).toHaveLength(50);
		expect(limits()).toEqual([50]);
	});

	it('returns all there are when the limit is above their number', async () => {
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 1000 } });

		expect(ids(main)).toEqual(newestIds());
	});

	it("asks for pages of 'Page Size' when it is below the limit", async () => {
		scnet.sandbox.configureList({ pageCap: 1000 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 25, options: { pageSize: 10 } } });

		expect(main).toHaveLength(25);
		expect(limits()).toEqual([10, 10, 10]);
	});

	it.each([0, 1001, 2.5])("refuses a 'Page Size' of %p before asking SCNet", async (pageSize) => {
		const { error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, options: { pageSize } } });

		expect(error?.message).toBe("The option 'Page Size' must be a whole number from 1 to 1000");
		expect(scnet.sandbox.requests).toEqual([]);
	});
});
