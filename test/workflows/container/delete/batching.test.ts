import { containerId } from '../../../../sandbox/containers';
import { pastedToken, useSandbox } from '../../../harness/fixtures';
import { json, pairs } from '../../../harness/items';

const scnet = useSandbox({ containers: 3000 });
const id = containerId;

describe('Container → Delete: batching', () => {
	it('deletes one container named by one item', async () => {
		const { main, errorOutput, error } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }] });

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(main).toEqual([
			{ json: { id: id(0), deleted: true, code: '0', message: 'success' }, pairedItem: { item: 0 } },
		]);
		expect(scnet.sandbox.containers.has(id(0))).toBe(false);
		expect(scnet.sandbox.containers.has(id(1))).toBe(true);
		const [request] = scnet.sandbox.requests;
		expect(request).toMatchObject({ method: 'DELETE', path: '/ai/openapi/v2/instance-service/task', ids: [id(0)] });
		expect(request.headers.token).toBe(scnet.sandbox.token);
	});

	it('sends the IDs of all items in one request, each ID once, and pairs every output with its item', async () => {
		const items = [
			{ id: `${id(1)}, ${id(2)}` },
			{ id: `${id(3)}\n${id(1)}` },
			{ id: id(4) },
		];
		const { main } = await scnet.run({ operation: 'delete', items });

		expect(scnet.sandbox.requests).toHaveLength(1);
		const [request] = scnet.sandbox.requests;
		expect(request.ids).toEqual([id(1), id(2), id(3), id(4)]);
		expect(request.queryKeys).toEqual(['ids']);
		expect(request.url).toBe(`/ai/openapi/v2/instance-service/task?${[1, 2, 3, 4].map((n) => `ids=${id(n)}`).join('&')}`);
		expect(pairs(main)).toEqual([
			[id(1), 0],
			[id(2), 0],
			[id(3), 1],
			[id(1), 1],
			[id(4), 2],
		]);
		expect(main.every((item) => item.json.deleted === true)).toBe(true);
	});

	it('evaluates expressions per item, including lists of IDs', async () => {
		const { main } = await scnet.run({ operation: 'delete',
			items: [{ run: { containers: [id(5), id(6)] } }, { run: { containers: [id(7)] } }],
			parameters: { containerIds: '={{ $json.run.containers }}' },
		});

		expect(pairs(main)).toEqual([
			[id(5), 0],
			[id(6), 0],
			[id(7), 1],
		]);
		expect(scnet.sandbox.requests.map((r) => r.ids)).toEqual([[id(5), id(6), id(7)]]);
	});

	it('lets n8n evaluate expressions that are more than a plain $json path', async () => {
		const { main } = await scnet.run({ operation: 'delete',
			items: [{ first: id(40), second: id(41) }, { first: id(42), second: '' }],
			parameters: { containerIds: '={{ [$json.first, $json.second].join(",") }}' },
		});

		expect(pairs(main)).toEqual([
			[id(40), 0],
			[id(41), 0],
			[id(42), 1],
		]);
	});

	it('takes a fixed list typed into the field', async () => {
		const { main } = await scnet.run({ operation: 'delete', items: [{}], parameters: { containerIds: `${id(8)},${id(9)}` } });

		expect(json(main).map((j) => j.id)).toEqual([id(8), id(9)]);
	});

	it("splits requests by 'IDs per Request'", async () => {
		const items = Array.from({ length: 7 }, (_, n) => ({ id: id(10 + n) }));
		const { main } = await scnet.run({ operation: 'delete', items, parameters: { options: { batchSize: 3 } } });

		expect(scnet.sandbox.requests.map((r) => r.ids.length)).toEqual([3, 3, 1]);
		expect(main).toHaveLength(7);
		expect(main.every((item) => item.json.deleted === true)).toBe(true);
	});

	it('sends one request at a time by default', async () => {
		scnet.sandbox.addFault({ delayMs: 50 });
		await scnet.run({ operation: 'delete', items: [0, 1, 2, 3].map((n) => ({ id: id(50 + n) })), parameters: { options: { batchSize: 1 } } });

		expect(scnet.sandbox.requests).toHaveLength(4);
		expect(scnet.sandbox.peakInFlight).toBe(1);
	});

	it("keeps up to 'Parallel Requests' requests under way, and the output in input order", async () => {
		scnet.sandbox.addFault({ delayMs: 100 });
		scnet.sandbox.failIds([id(63)], '716866');
		const items = Array.from({ length: 16 }, (_, n) => ({ id: id(60 + n) }));
		const { main } = await scnet.run({ operation: 'delete',
			items,
			parameters: { options: { batchSize: 2, parallelRequests: 4 } },
			onError: 'continueRegularOutput',
		});

		expect(scnet.sandbox.peakInFlight).toBe(4);
		expect(pairs(main)).toEqual(items.map((item, n) => [item.id, n]));
		expect(json(main).filter((j) => j.deleted !== true).map((j) => j.id)).toEqual([id(63)]);
		expect(items.filter((item) => scnet.sandbox.containers.has(item.id)).map((item) => item.id)).toEqual([id(63)]);
	});

	it('splits requests so that every URL stays under 8,000 characters', async () => {
		const items = Array.from({ length: 1000 }, (_, n) => ({ id: id(100 + n) }));
		const { main } = await scnet.run({ operation: 'delete', items, parameters: { options: { batchSize: 1000 } } });

		const { requests } = scnet.sandbox;
		expect(requests.length).toBeGreaterThan(1);
		const fullUrls = requests.map((r) => `${scnet.sandbox.url}${r.url}`);
		expect(Math.max(...fullUrls.map((u) => u.length))).toBeLessThan(8000);
		// Full batches fill the room left after a reserve for the container service URL.
		expect(Math.max(...requests.map((r) => r.url.length))).toBeGreaterThan(7400);
		expect(requests.flatMap((r) => r.ids)).toEqual(items.map((i) => i.id));
		expect(main.filter((item) => item.json.deleted === true)).toHaveLength(1000);
	});

	it('sends nothing on a dry run and says what would happen', async () => {
		const items = [{ id: id(20) }, { id: `${id(21)},${id(22)}` }];
		const { main } = await scnet.run({ operation: 'delete', items, parameters: { options: { dryRun: true, batchSize: 2 } } });

		expect(scnet.sandbox.requests).toEqual([]);
		expect(scnet.sandbox.containers.has(id(20))).toBe(true);
		expect(main).toEqual([
			{ json: { id: id(20), deleted: false, dryRun: true, message: 'Dry run: would be deleted in request 1 of 2' }, pairedItem: { item: 0 } },
			{ json: { id: id(21), deleted: false, dryRun: true, message: 'Dry run: would be deleted in request 1 of 2' }, pairedItem: { item: 1 } },
			{ json: { id: id(22), deleted: false, dryRun: true, message: 'Dry run: would be deleted in request 2 of 2' }, pairedItem: { item: 1 } },
		]);
	});

	it.each(['/', '/ai', '/ai/'])('accepts a base URL ending in %j', async (suffix) => {
		const { main } = await scnet.run({ operation: 'delete',
			items: [{ id: id(30) }],
			credentials: pastedToken(`${scnet.sandbox.url}${suffix}`, scnet.sandbox.token),
		});

		expect(main[0].json.deleted).toBe(true);
		expect(scnet.sandbox.requests[0].path).toBe('/ai/openapi/v2/instance-service/task');
	});
});
