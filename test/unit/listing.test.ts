import type { IDataObject } from 'n8n-workflow';

import { ContainerLister, readContainerPage as readPage, type ListQuery } from '../../nodes/shared/containers/listing';
import type { ScnetClient, ScnetResult } from '../../nodes/shared/transport';
import { CONTAINER } from '../../nodes/shared/transport/endpoints';

const entry = (n: number, extra: IDataObject = {}) => ({ id: `c${n}`, instanceServiceName: `run-${n}`, status: 'Running', ...extra });
const entries = (count: number) => Array.from({ length: count }, (_, n) => entry(n));
const ids = (containers: IDataObject[]) => containers.map((container) => container.id);

describe('readPage', () => {
	it('reads data that is the list itself, without a total', () => {
		expect(readPage(entries(2))).toEqual({ entries: entries(2), total: undefined, withoutId: 0 });
	});

	describe.each(['list', 'records', 'rows', 'items', 'content'])("reads the list under '%s'", (key) => {
		it('with a total', () => {
			expect(readPage({ [key]: entries(3), total: 40 })).toEqual({ entries: entries(3), total: 40, withoutId: 0 });
		});

		it('without a total', () => {
			expect(readPage({ [key]: entries(3) })).toEqual({ entries: entries(3), total: undefined, withoutId: 0 });
		});

		it('when the page is empty', () => {
			expect(readPage({ [key]: [], total: 0 })).toEqual({ entries: [], total: 0, withoutId: 0 });
		});
	});

	it('reads a list nested once more under data', () => {
		expect(readPage({ data: entries(2), total: 2 })).toEqual({ entries: entries(2), total: 2, withoutId: 0 });
	});

	it('reads a total given as text', () => {
		expect(readPage({ records: entries(1), total: '40' })?.total).toBe(40);
	});

	it.each([
		['null', null],
		['an empty text', ''],
		['blanks', ' '],
		['a word', 'many'],
		['a negative number', -1],
		['true', true],
		['an empty list', []],
		['an object', {}],
	])('has no total when total is %s (rather than a total of 0, which would end the listing)', (_, total) => {
		expect(readPage({ records: entries(2), total })).toEqual({ entries: entries(2), total: undefined, withoutId: 0 });
	});

	it('reads the total under other common names', () => {
		expect(readPage({ list: [], totalCount: 7 })?.total).toBe(7);
		expect(readPage({ content: [], totalElements: 8 })?.total).toBe(8);
	});

	it('sets id from instanceServiceId, keeping the field as SCNet sent it', () => {
		const page = readPage({ list: [{ instanceServiceId: 'abc', instanceServiceName: 'run' }] });

		expect(page?.entries).toEqual([{ id: 'abc', instanceServiceId: 'abc', instanceServiceName: 'run' }]);
	});

	it('prefers id when both are there, and writes a numeric ID as text', () => {
		expect(readPage([{ id: 'a', instanceServiceId: 'b' }, { id: 42 }])?.entries).toEqual([
			{ id: 'a', instanceServiceId: 'b' },
			{ id: '42' },
		]);
	});

	it('drops entries without an ID, and entries that are not objects', () => {
		const page = readPage([entry(0), { instanceServiceName: 'no id' }, { id: '' }, { id: null }, { id: { nested: 1 } }, null, 'c9', 7, [entry(8)], entry(1)]);

		expect(ids(page?.entries ?? [])).toEqual(['c0', 'c1']);
	});

	it.each([
		['null', null],
		['undefined', undefined],
		['a text', 'success'],
		['a number', 3],
		['an object without a list', { total: 3, pageNum: 1 }],
		['an object whose list key holds no array', { list: 'c0,c1', total: 2 }],
	])('gives undefined for %s', (_, data) => {
		expect(readPage(data)).toBeUndefined();
	});
});

/** A stand-in for the transport that answers list calls from `answer`, recording each call. */
function fakeClient(answer: (path: string, qs: IDataObject) => ScnetResult) {
	const calls: Array<{ path: string; qs: IDataObject }> = [];
	const client = {
		request: async (service: string, _method: string, path: string, { qs }: { qs: IDataObject }) => {
			expect(service).toBe('ai');
			calls.push({ path, qs });
			return answer(path, qs);
		},
	} as unknown as ScnetClient;
	return { client, calls };
}

const SETTINGS = { timeout: 1000, maxTries: 1 };
const ok = (data: unknown): ScnetResult => ({ ok: true, message: 'success', data });
const NO_QUERY: ListQuery = {};

/** A server of `count` containers that returns at most `cap` per page. */
const server =
	(count: number, { cap = Infinity, total = true, ignoresStart = false } = {}) =>
	(_path: string, qs: IDataObject) => {
		const start = ignoresStart ? 0 : Number(qs.start);
		const page = entries(count).slice(start, start + Math.min(Number(qs.limit), cap));
		return ok(total ? { list: page, total: count } : page);
	};

/**
 * A server whose list is `containers` as it is at each call, newest first, paged by `start` and
 * `limit`; `between(call)` runs before each call is answered, to change the list as a busy account does.
 */
function liveServer(containers: IDataObject[], { cap = Infinity, total = true, between = (_call: number) => {} } = {}) {
	let call = 0;
	return fakeClient((_path, qs) => {
		between(++call);
		const start = Number(qs.start);
		const page = containers.slice(start, start + Math.min(Number(qs.limit), cap));
		return ok(total ? { list: page, total: containers.length } : page);
	});
}

const collectAll = (client: ScnetClient, pageSize: number) => new ContainerLister(client, SETTINGS).collect(NO_QUERY, { pageSize });
const failureOf = (listed: Awaited<ReturnType<typeof collectAll>>) => (listed.ok ? undefined : listed.failure);

describe('ContainerLister.collect', () => {
	it('advances by what each page held, not by what was asked, asking for the last two entries again', async () => {
		const { client, calls } = fakeClient(server(40, { cap: 7 }));
		const listed = await collectAll(client, 100);

		expect(listed.ok && ids(listed.containers)).toEqual(ids(entries(40)));
		expect(calls.map((call) => call.qs.start)).toEqual([0, 5, 10, 15, 20, 25, 30, 35]);
		expect(calls.every((call) => call.qs.limit === 100 && call.qs.sort === 'desc')).toBe(true);
	});

	it('asks for one in fifty entries of a page again, at least two (2 of 100, 4 of 200)', async () => {
		const { client, calls } = fakeClient(server(300));
		const listed = await collectAll(client, 100);

		expect(listed.ok && listed.containers).toHaveLength(300);
		expect(calls.map((call) => call.qs.start)).toEqual([0, 98, 196, 294]);
		const wide = fakeClient(server(600));
		await collectAll(wide.client, 200);
		expect(wide.calls.map((call) => call.qs.start)).toEqual([0, 196, 392, 588]);
	});

	it('without a total, ends on a short page that brings nothing new', async () => {
		const { client, calls } = fakeClient(server(40, { cap: 7, total: false }));
		const listed = await collectAll(client, 100);

		expect(listed.ok && listed.containers).toHaveLength(40);
		expect(calls.map((call) => call.qs.start)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 38]);
	});

	it('reads on past a total of null', async () => {
		const { client } = fakeClient((_path, qs) => {
			const start = Number(qs.start);
			return ok({ records: entries(30).slice(start, start + 10), total: null });
		});
		const listed = await collectAll(client, 10);

		expect(listed.ok && listed.containers).toHaveLength(30);
	});

	it('stops as soon as it has the containers wanted that pass the filter', async () => {
		const { client, calls } = fakeClient(server(40, { cap: 7 }));
		const listed = await new ContainerLister(client, SETTINGS).collect(NO_QUERY, {
			pageSize: 7,
			wanted: 5,
			keep: (container) => Number(String(container.id).slice(1)) % 2 === 1,
		});

		expect(listed.ok && ids(listed.containers)).toEqual(['c1', 'c3', 'c5', 'c7', 'c9']);
		expect(calls.map((call) => call.qs.start)).toEqual([0, 5]);
	});

	it('keeps the first form that answered with a list', async () => {
		const { client, calls } = fakeClient((path, qs) =>
			path === CONTAINER.taskList
				? { ok: false, failure: { code: 'HTTP_404', message: 'not found', description: '', scope: 'account', httpCode: 404 } }
				: server(40, { cap: 20 })(path, qs),
		);
		const listed = await collectAll(client, 100);

		expect(listed.ok && listed.containers).toHaveLength(40);
		expect(calls.map((call) => call.path)).toEqual([CONTAINER.taskList, CONTAINER.tasks, CONTAINER.tasks, CONTAINER.tasks]);
	});
});

describe('ContainerLister.collect on a list that changes while it is read', () => {
	it('misses none of 40 when 10 are created between the first and the second page (pages of 10)', async () => {
		const account = entries(40);
		const { client } = liveServer(account, { between: (call) => call === 2 && account.unshift(...Array.from({ length: 10 }, (_, n) => entry(100 + n))) });
		const listed = await collectAll(client, 10);

		expect(listed.ok && ids(listed.containers)).toEqual(expect.arrayContaining(ids(entries(40))));
		// Each once; the newcomers too, found by one look at the top when the count fell short of SCNet's total.
		expect(listed.ok && new Set(ids(listed.containers)).size).toBe(listed.ok && listed.containers.length);
	});

	it('misses no neighbour when one container is deleted between two pages', async () => {
		const account = entries(40);
		const { client } = liveServer(account, { between: (call) => call === 2 && account.splice(3, 1) });
		const listed = await collectAll(client, 10);

		expect(listed.ok && ids(listed.containers).sort()).toEqual(ids(entries(40)).sort());
	});

	it('reads again from the top when more vanish between two pages than it asks for again, and misses no survivor', async () => {
		const account = entries(40);
		const { client, calls } = liveServer(account, { between: (call) => call === 3 && account.splice(0, 5) });
		const listed = await collectAll(client, 10);

		expect(listed.ok && ids(listed.containers)).toEqual(expect.arrayContaining(ids(entries(40).slice(5))));
		expect(calls.filter((call) => call.qs.start === 0)).toHaveLength(2);
	});

	it('fails when the list keeps changing too much to be read (a few restarts at most)', async () => {
		const account = entries(400);
		const { client, calls } = liveServer(account, { between: (call) => call > 1 && account.splice(0, 5) });
		const failure = failureOf(await collectAll(client, 10));

		expect(failure?.code).toBe('INCOMPLETE_LISTING');
		expect(failure?.message).toMatch(/^The container list could not be read completely: the list changed too much while it was read \(\d+ pages, .*4 restarts\)$/);
		expect(calls.length).toBeLessThan(20);
	});

	it('removes an entry a page lists twice', async () => {
		const { client } = fakeClient(() => ok({ list: [entry(1), entry(2), entry(1)], total: 3 }));
		const listed = await collectAll(client, 100);

		expect(listed.ok && ids(listed.containers)).toEqual(['c1', 'c2']);
	});
});

describe('ContainerLister.collect on a listing it cannot trust', () => {
	it('fails when SCNet ignores start and reports a total of 40', async () => {
		const { client, calls } = fakeClient(server(40, { cap: 10, ignoresStart: true }));
		const failure = failureOf(await collectAll(client, 10));

		expect(failure).toMatchObject({ code: 'INCOMPLETE_LISTING', scope: 'batch' });
		expect(failure?.message).toBe(
			"The container list could not be read completely: the page at 8 was the first page again: SCNet seems to ignore 'start' (2 pages, 10 different containers, a total of 40, 0 repeats, 0 restarts)",
		);
		expect(calls).toHaveLength(2);
	});

	it('fails when SCNet ignores start and reports no total', async () => {
		const { client } = fakeClient(server(40, { cap: 7, total: false, ignoresStart: true }));

		expect(failureOf(await collectAll(client, 100))?.code).toBe('INCOMPLETE_LISTING');
	});

	it('fails on a total of 40 with 10 records and then an empty page', async () => {
		const { client } = fakeClient((_path, qs) => ok({ list: Number(qs.start) === 0 ? entries(10) : [], total: 40 }));
		const failure = failureOf(await collectAll(client, 10));

		expect(failure?.message).toBe('The container list could not be read completely: the page at 8 was empty (2 pages, 10 different containers, a total of 40, 0 repeats, 0 restarts)');
	});

	it('fails on records: [] with a total of 40 (a glitch answer)', async () => {
		const { client } = fakeClient(() => ok({ records: [], total: 40 }));

		expect(failureOf(await collectAll(client, 100))?.message).toMatch(/^The container list could not be read completely: the page at 0 was empty/);
	});

	it('fails when the pages hold fewer containers than the total says, even after a look at the top', async () => {
		const { client, calls } = fakeClient((_path, qs) => ok({ list: entries(30).slice(Number(qs.start), Number(qs.start) + 100), total: 40 }));
		const failure = failureOf(await collectAll(client, 100));

		expect(failure?.message).toBe('The container list could not be read completely: the page at 30 was empty (4 pages, 30 different containers, a total of 40, 3 repeats, 0 restarts)');
		expect(calls.map((call) => call.qs.start)).toEqual([0, 28, 29, 30]);
	});

	it('fails when the distinct containers fall short of the total, even after a look at the top', async () => {
		// Every position SCNet counts is delivered, but a later page repeats earlier ones: 40 positions, 35 containers.
		const listing = [...entries(35), ...entries(5)];
		const { client, calls } = fakeClient((_path, qs) => ok({ list: listing.slice(Number(qs.start), Number(qs.start) + 20), total: 40 }));
		const failure = failureOf(await collectAll(client, 20));

		expect(failure?.message).toMatch(/^The container list could not be read completely: SCNet reported 40 containers \(4 pages, 35 different containers, a total of 40/);
		expect(calls.map((call) => call.qs.start)).toEqual([0, 18, 36, 0]);
	});

	it('fails when entries have no ID (their absence would read as deletions)', async () => {
		const { client } = fakeClient(() => ok({ list: [entry(1), { instanceServiceName: 'no id' }], total: 2 }));

		expect(failureOf(await collectAll(client, 100))?.message).toMatch(/^The container list could not be read completely: 1 of its entries had no ID/);
	});

	it('ends within a bound of requests on a server that never runs out', async () => {
		const { client, calls } = fakeClient((_path, qs) => ok(Array.from({ length: 10 }, (_, n) => entry(Number(qs.start) + n))));
		const failure = failureOf(await collectAll(client, 10));

		expect(failure?.message).toMatch(/^The container list could not be read completely: it took more requests than such a list needs/);
		expect(calls.length).toBeLessThanOrEqual(10500);
	});
});
