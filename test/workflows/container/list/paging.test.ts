import type { RecordedRequest } from '../../../../sandbox/server';
import { onListRequest, queryOf } from '../../../harness/faults';
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
		// Each page starts where the last one ended (7 received, not the 100 asked), less the two it asks for again.
		expect(starts()).toEqual([0, 5, 10, 15, 20, 25, 30, 35]);
		expect(limits()).toEqual(Array(8).fill(100));
	});

	it('without a total, reads until a short page brings nothing new', async () => {
		scnet.sandbox.configureList({ pageCap: 7, shape: 'array' });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(ids(main)).toEqual(newestIds());
		expect(starts()).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 38]);
	});

	it("asks for the 'Page Size' option's number per request", async () => {
		scnet.sandbox.configureList({ pageCap: 1000 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, options: { pageSize: 15 } } });

		expect(main).toHaveLength(40);
		expect(starts()).toEqual([0, 13, 26]);
		expect(limits()).toEqual([15, 15, 15]);
	});

	it('reads all in one request when one page holds them all', async () => {
		scnet.sandbox.configureList({ pageCap: 1000 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toHaveLength(40);
		expect(listRequests()).toHaveLength(1);
	});

	it.each([
		['with a total', { total: true }, 'a total of 40'],
		['without a total', { total: false }, 'no total'],
		['with data as the list', { shape: 'array' as const }, 'no total'],
	])('fails, after two requests, when SCNet ignores start (%s): it would show 7 of 40 as all', async (_, shape, total) => {
		scnet.sandbox.configureList({ ignoresStart: true, pageCap: 7, ...shape });
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toEqual([]);
		expect(error?.message).toBe(
			`The container list could not be read completely: the page at 5 was the first page again: SCNet seems to ignore 'start' (2 pages, 7 different containers, ${total}, 0 repeats, 0 restarts) (code INCOMPLETE_LISTING) [item 0]`,
		);
		expect(listRequests()).toHaveLength(2);
	});

	it('fails when SCNet ignores start even with filters that keep nothing', async () => {
		scnet.sandbox.configureList({ ignoresStart: true, ignoresFilters: true, pageCap: 7 });
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, filters: { name: 'no such container' } } });

		expect(main).toEqual([]);
		expect(error?.message).toMatch(/^The container list could not be read completely/);
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

		// Each container once, the newcomer too: the count against SCNet's total finds it at the top.
		expect(new Set(ids(main)).size).toBe(main.length);
		expect([...ids(main)].sort()).toEqual([...newestIds()].sort());
		expect(main).toHaveLength(41);
	});
});

describe('Container → List: Return All on a list that changes while it is read', () => {
	/** Changes the account as the `n`-th list request arrives, and lets the request be answered as usual. */
	const changeOnListRequest = (n: number, act: () => void) => scnet.sandbox.addFault({ when: onListRequest(n, act) });

	it('misses no neighbour when containers are deleted between two pages', async () => {
		scnet.sandbox.configureList({ pageCap: 10 });
		const before = newestIds();
		// Between the first and the second page, one container of the first page goes.
		changeOnListRequest(2, () => scnet.sandbox.containers.delete(before[3]));
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(ids(main)).toEqual(before);
	});

	it('misses none of 40 when 10 are created between the first and the second page', async () => {
		scnet.sandbox.configureList({ pageCap: 10 });
		const before = newestIds();
		changeOnListRequest(2, () => {
			const [template] = scnet.sandbox.containers.values();
			for (let n = 0; n < 10; n++) scnet.sandbox.containers.set(`new${n}`, { ...template, id: `new${n}`, createTime: `2026-12-31 00:0${n}:00` });
		});
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(ids(main)).toEqual(expect.arrayContaining(before));
		expect(new Set(ids(main)).size).toBe(main.length);
	});

	it('fails when SCNet reports a total of 40 but sends 10 and then an empty page', async () => {
		const first = newestIds().slice(0, 10).map((id) => scnet.sandbox.containers.get(id));
		scnet.sandbox.addFault({
			when: (request) => request.route === 'list',
			respond: (request) => ({ body: { code: '0', msg: 'success', data: { records: queryOf(request).get('start') === '0' ? first : [], total: 40 } } }),
		});
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toEqual([]);
		expect(error?.message).toMatch(/^The container list could not be read completely: the page at 8 was empty \(2 pages, 10 different containers, a total of 40/);
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
		expect(starts()).toEqual([0, 5, 10, 15, 20, 25]);
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
