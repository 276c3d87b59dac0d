import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Scnet } from '../../../nodes/Scnet/Scnet.node';
import { containerId } from '../../../sandbox/containers';
import { useSandbox } from '../../harness/fixtures';
import { json } from '../../harness/items';

/*
 * 'Simplify' (issue 18): version 3 outputs a container as a few flat fields, small enough for an
 * AI agent's context; versions 1 and 2 lack the parameter and keep SCNet's full object.
 */
const scnet = useSandbox();
const id = containerId;
const SIMPLE_KEYS = ['id', 'name', 'status', 'taskType', 'createdAt', 'startedAt', 'endedAt', 'cpuCount', 'memoryGb', 'acceleratorType', 'acceleratorCount'];
/** ISO 8601 with a zone: `Z` or an offset, never a wall-clock time alone. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const bytes = (item: IDataObject) => JSON.stringify(item).length;
const byId = (value: string) => ({ containerId: { __rl: true, mode: 'id', value } });

describe('Container → Get Many and Get: Simplify', () => {
	it('version 3 simplifies by default: each listed container in 11 flat fields and under 350 bytes of JSON', async () => {
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true }, typeVersion: 3 });
		const full = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true, simplify: false }, typeVersion: 3 });

		expect(error).toBeUndefined();
		// SCNet's own list entry, as Simplify off outputs it, is bigger.
		expect(json(full.main).map(bytes).every((size, index) => size > bytes(main[index].json))).toBe(true);
		expect(main).toHaveLength(scnet.sandbox.containers.size);
		for (const item of json(main)) {
			expect(Object.keys(item)).toEqual(SIMPLE_KEYS);
			expect(bytes(item)).toBeLessThan(350);
			expect(item.createdAt).toMatch(ISO_WITH_ZONE);
			// Flat: no object or list inside.
			expect(Object.values(item).every((value) => value === null || typeof value !== 'object')).toBe(true);
		}
		expect(main.map((item) => item.pairedItem)).toEqual(Array(main.length).fill({ item: 0 }));
	});

	it('gives the same container the same simplified fields as SCNet names them, times read in China time', async () => {
		const container = scnet.sandbox.containers.get(id(0));
		if (!container) throw new Error('no container 0');
		Object.assign(container, { status: 'Terminated', startTime: '2026-11-01 09:00:00', endTime: '2026-11-02 10:15:30' });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { filters: { name: container.instanceServiceName }, limit: 1 }, typeVersion: 3 });

		expect(json(main)).toEqual([
			{
				id: id(0),
				name: 'Instances_2205110000',
				status: 'Terminated',
				taskType: 'ssh',
				// 00:30 in Shanghai is 16:30 UTC the day before.
				createdAt: '2026-10-31T16:30:00.000Z',
				startedAt: '2026-11-01T01:00:00.000Z',
				endedAt: '2026-11-02T02:15:30.000Z',
				// SCNet's list gives no resources.
				cpuCount: null,
				memoryGb: null,
				acceleratorType: null,
				acceleratorCount: null,
			},
		]);
	});

	it("Get simplifies SCNet's detail to the same fields, with its resources, and leaves out the entry URL and its token", async () => {
		const { main, error } = await scnet.run({ operation: 'get', items: [{}], parameters: byId(id(0)), typeVersion: 3 });
		const full = await scnet.run({ operation: 'get', items: [{}], parameters: { ...byId(id(0)), simplify: false }, typeVersion: 3 });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([
			{
				id: id(0),
				name: 'Instances_2205110000',
				status: 'Running',
				taskType: 'ssh',
				createdAt: '2026-10-31T16:30:00.000Z',
				startedAt: null,
				endedAt: null,
				cpuCount: 3,
				// SCNet's 15360 MB, which its resourceSpec writes as 15.0G.
				memoryGb: 15,
				acceleratorType: 'gpu',
				acceleratorCount: 1,
			},
		]);
		expect(bytes(main[0].json)).toBeLessThan(350);
		// The full detail carries the container's access URL, with its token; the simplified item never does.
		expect(JSON.stringify(full.main[0].json)).toContain('token=');
		expect(JSON.stringify(main[0].json)).not.toMatch(/token|accessUrl|http/i);
		expect(bytes(full.main[0].json)).toBeGreaterThan(2 * bytes(main[0].json));
	});

	it("'Simplify' off (version 3) returns SCNet's full object, the same as version 1", async () => {
		for (const operation of ['list', 'get']) {
			const parameters = operation === 'get' ? byId(id(1)) : { limit: 5 };
			const v1 = await scnet.run({ operation, items: [{}], parameters, typeVersion: 1 });
			const off = await scnet.run({ operation, items: [{}], parameters: { ...parameters, simplify: false }, typeVersion: 3 });

			expect(json(off.main)).toEqual(json(v1.main));
			expect(json(v1.main)[0]).toMatchObject({ instanceServiceName: expect.any(String), createTime: expect.any(String), createdAt: expect.any(String) });
		}
	});

	it.each([1, 2])('version %i has no Simplify: saved workflows keep their full outputs', async (typeVersion) => {
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 3 }, typeVersion });
		const got = await scnet.run({ operation: 'get', items: [{}], parameters: byId(id(0)), typeVersion });

		expect(Object.keys(json(main)[0])).toEqual(expect.arrayContaining(['instanceServiceName', 'createTime', 'timeoutLimit', 'remainingTime', 'createdAt']));
		expect(json(got.main)[0]).toMatchObject({ instanceServiceName: 'Instances_2205110000', containerPortInfoList: [expect.objectContaining({ accessUrl: expect.stringContaining('token=') })] });
	});

	it("takes 'Simplify' from an expression ('false'), and refuses a value that is not true or false before sending anything", async () => {
		const off = await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 1, simplify: '={{ "false" }}' }, typeVersion: 3 });
		expect(json(off.main)[0]).toHaveProperty('instanceServiceName');

		scnet.sandbox.requests.length = 0;
		const { error } = await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 1, simplify: '={{ "maybe" }}' }, typeVersion: 3 });
		expect(error?.message).toMatch(/^'Simplify' must be true or false, not 'maybe'/);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it("shows 'Simplify' on Get and Get Many from version 3 on, on by default, between the operation's fields and 'Options'", () => {
		const { properties } = new Scnet().description;
		for (const operation of ['get', 'list']) {
			const fields = properties.filter((field) => field.displayOptions?.show?.resource?.includes('container') && field.displayOptions?.show?.operation?.includes(operation));
			const simplify = fields.find((field) => field.name === 'simplify') as INodeProperties;

			expect(simplify).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 3 } }] } } });
			expect(simplify.description).toMatch(/^Whether to return only .*ID, name, status.*times \(ISO 8601\).*resources.*Off: SCNet's full object/);
			expect(fields.map((field) => field.name).slice(-2)).toEqual(['simplify', 'options']);
		}
	});
});
