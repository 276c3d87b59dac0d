import type { ListSettings } from '../../../../sandbox/store';
import { useSandbox } from '../../../harness/fixtures';
import { ids } from '../../../harness/items';

const scnet = useSandbox();
const listRequests = () => scnet.sandbox.requests.filter((request) => request.route === 'list');
const newestIds = () =>
	[...scnet.sandbox.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id)).map((container) => container.id);

type Shape = Pick<ListSettings, 'shape' | 'total'>;
const SHAPES: Array<[string, Shape]> = [
	['data is the list', { shape: 'array', total: false }],
	...(['list', 'records', 'rows', 'items', 'content'] as const).flatMap((shape): Array<[string, Shape]> => [
		[`the list under '${shape}', with total`, { shape, total: true }],
		[`the list under '${shape}', without total`, { shape, total: false }],
	]),
];

describe('Container → List: answer shapes', () => {
	describe.each(SHAPES)('%s', (_, shape) => {
		beforeEach(() => scnet.sandbox.configureList({ ...shape, pageCap: 15 }));

		it('Return All lists every container, in order, across pages', async () => {
			const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

			expect(error).toBeUndefined();
			expect(ids(main)).toEqual(newestIds());
			// 15 + 15 + 10; without a total, one more request finds the end.
			expect(listRequests()).toHaveLength(shape.total ? 3 : 4);
		});

		it('Limit returns the newest containers up to the limit', async () => {
			const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 20 } });

			expect(ids(main)).toEqual(newestIds().slice(0, 20));
		});

		it('reads instanceServiceId as the ID', async () => {
			scnet.sandbox.configureList({ idField: 'instanceServiceId' });
			const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

			expect(ids(main)).toEqual(newestIds());
		});
	});

	it('reads a total sent as text', async () => {
		scnet.sandbox.configureList({ pageCap: 15 });
		scnet.sandbox.addFault({
			when: (request) => request.route === 'list',
			respond: (request) => {
				const start = Number(new URL(request.url, scnet.sandbox.url).searchParams.get('start'));
				const page = newestIds().slice(start, start + 15).map((id) => ({ id }));
				return { body: { code: '0', msg: 'success', data: { total: '40', records: page } } };
			},
		});
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(ids(main)).toEqual(newestIds());
		expect(listRequests()).toHaveLength(3);
	});

	it('reads on when total is null rather than taking it for 0', async () => {
		scnet.sandbox.addFault({
			when: (request) => request.route === 'list',
			respond: (request) => {
				const start = Number(new URL(request.url, scnet.sandbox.url).searchParams.get('start'));
				const page = newestIds().slice(start, start + 15).map((id) => ({ id }));
				return { body: { code: '0', msg: 'success', data: { total: null, list: page } } };
			},
		});
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(ids(main)).toEqual(newestIds());
	});
});
