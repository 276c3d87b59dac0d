import type { IDataObject } from 'n8n-workflow';

import { ContainerLister, readPage, type ListQuery } from '../../nodes/Scnet/actions/common/listing';
import type { ScnetClient, ScnetResult } from '../../nodes/Scnet/transport';
import { CONTAINER } from '../../nodes/Scnet/transport/endpoints';

const entry = (n: number, extra: IDataObject = {}) => ({ id: `c${n}`, instanceServiceName: `run-${n}`, status: 'Running', ...extra });
const entries = (count: number) => Array.from({ length: count }, (_, n) => entry(n));
const ids = (containers: IDataObject[]) => containers.map((container) => container.id);

describe('readPage', () => {
	it('reads data that is the list itself, without a total', () => {
		expect(readPage(entries(2))).toEqual({ containers: entries(2), total: undefined });
	});

	describe.each(['list', 'records', 'rows', 'items', 'content'])("reads the list under '%s'", (key) => {
		it('with a total', () => {
			expect(readPage({ [key]: entries(3), total: 40 })).toEqual({ containers: entries(3), total: 40 });
		});

		it('without a total', () => {
			expect(readPage({ [key]: entries(3) })).toEqual({ containers: entries(3), total: undefined });
		});

		it('when the page is empty', () => {
			expect(readPage({ [key]: [], total: 0 })).toEqual({ containers: [], total: 0 });
		});
	});

	it('reads a list nested once more under data', () => {
		expect(readPage({ data: entries(2), total: 2 })).toEqual({ containers: entries(2), total: 2 });
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
		expect(readPage({ records: entries(2), total })).toEqual({ containers: entries(2), total: undefined });
	});

	it('reads the total under other common names', () => {
		expect(readPage({ list: [], totalCount: 7 })?.total).toBe(7);
		expect(readPage({ content: [], totalElements: 8 })?.total).toBe(8);
	});

	it('sets id from instanceServiceId, keeping the field as SCNet sent it', () => {
		const page = readPage({ list: [{ instanceServiceId: 'abc', instanceServiceName: 'run' }] });

		expect(page?.containers).toEqual([{ id: 'abc', instanceServiceId: 'abc', instanceServiceName: 'run' }]);
	});

	it('prefers id when both are there, and writes a numeric ID as text', () => {
		expect(readPage([{ id: 'a', instanceServiceId: 'b' }, { id: 42 }])?.containers).toEqual([
			{ id: 'a', instanceServiceId: 'b' },
			{ id: '42' },
		]);
	});

	it('drops entries without an ID, and entries that are not objects', () => {
		const page = readPage([entry(0), { instanceServiceName: 'no id' }, { id: '' }, { id: null }, { id: { nested: 1 } }, null, 'c9', 7, [entry(8)], entry(1)]);

		expect(ids(page?.containers ?? [])).toEqual(['c0', 'c1']);
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
		request: async (_method: string, path: string, { qs }: { qs: IDataObject }) => {
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

describe('ContainerLister.collect', () => {
	it('advances by what each page held, not by what was asked', async () => {
		const { client, calls } = fakeClient(server(40, { cap: 7 }));
		const listed = await new ContainerLister(client, SETTINGS).collect(NO_QUERY, { pageSize: 100 });

		expect(listed.ok && ids(listed.containers)).toEqual(ids(entries(40)));
		expect(calls.map((call) => call.qs.start)).toEqual([0, 7, 14, 21, 28, 35]);
		expect(calls.every((call) => call.qs.limit === 100 && call.qs.sort === 'desc')).toBe(true);
	});

	it('without a total, ends on the first empty page', async () => {
		const { client, calls } = fakeClient(server(40, { cap: 7, total: false }));
		const listed = await new ContainerLister(client, SETTINGS).collect(NO_QUERY, { pageSize: 100 });

		expect(listed.ok && listed.containers).toHaveLength(40);
		expect(calls.map((call) => call.qs.start)).toEqual([0, 7, 14, 21, 28, 35, 40]);
	});

	it('ends when a page brings nothing new (a server that ignores start)', async () => {
		const { client, calls } = fakeClient(server(40, { cap: 7, total: false, ignoresStart: true }));
		const listed = await new ContainerLister(client, SETTINGS).collect(NO_QUERY, { pageSize: 100 });

		expect(listed.ok && ids(listed.containers)).toEqual(ids(entries(7)));
		expect(calls).toHaveLength(2);
	});

	it('reads on past a total of null', async () => {
		const { client } = fakeClient((_path, qs) => {
			const start = Number(qs.start);
			return ok({ records: entries(30).slice(start, start + 10), total: null });
		});
		const listed = await new ContainerLister(client, SETTINGS).collect(NO_QUERY, { pageSize: 10 });

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
		expect(calls.map((call) => call.qs.start)).toEqual([0, 7]);
	});

	it('keeps the first form that answered with a list', async () => {
		const { client, calls } = fakeClient((path, qs) =>
			path === CONTAINER.taskList
				? { ok: false, failure: { code: 'HTTP_404', message: 'not found', description: '', scope: 'account', httpCode: 404 } }
				: server(40, { cap: 20 })(path, qs),
		);
		const listed = await new ContainerLister(client, SETTINGS).collect(NO_QUERY, { pageSize: 100 });

		expect(listed.ok && listed.containers).toHaveLength(40);
		expect(calls.map((call) => call.path)).toEqual([CONTAINER.taskList, CONTAINER.tasks, CONTAINER.tasks]);
	});
});
