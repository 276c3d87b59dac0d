import { containerId } from '../../../sandbox/containers';
import { Scnet } from '../../../nodes/Scnet/Scnet.node';
import { useSandbox } from '../../harness/fixtures';
import { json } from '../../harness/items';

/*
 * n8n leaves a parameter at its default out of the saved workflow, so a default is part of what a
 * saved node does. Version 2 opens on a read; workflows saved with version 1 keep what they did.
 */
const scnet = useSandbox({ containers: 12 });
const id = containerId;
const deletes = () => scnet.sandbox.requests.filter((request) => request.route === 'delete');

describe('SCNet node versions', () => {
	it('adds new nodes as version 3', () => {
		const { description } = new Scnet();

		expect(description.version).toEqual([1, 2, 3]);
		expect(description.defaultVersion).toBe(3);
	});

	it.each([2, 3])('version %i left on its defaults lists containers (Get Many), even after items that carry an id', async (typeVersion) => {
		const { main, error } = await scnet.run({ operation: '', typeVersion, items: [{ id: id(3) }, { id: id(4) }] });

		expect(error).toBeUndefined();
		expect(main.length).toBe(12);
		expect(deletes()).toEqual([]);
		expect(scnet.sandbox.containers.size).toBe(12);
	});

	it('version 1 left on its defaults still deletes the IDs of its input (Delete, Container IDs {{ $json.id }})', async () => {
		const { main } = await scnet.run({ operation: '', typeVersion: 1, items: [{ id: id(3) }] });

		expect(json(main)).toEqual([expect.objectContaining({ id: id(3), deleted: true })]);
		expect(scnet.sandbox.containers.has(id(3))).toBe(false);
	});

	it("version 2's Delete has 'Preview', off by default; version 1 keeps Options → Dry Run", () => {
		const fields = new Scnet().description.properties.filter((field) => field.displayOptions?.show?.operation?.includes('delete'));
		const preview = fields.find((field) => field.name === 'preview');
		const v1Options = fields.find((field) => field.name === 'options' && field.displayOptions?.show?.['@version']?.includes(1));

		expect(preview).toMatchObject({ type: 'boolean', default: false, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } });
		expect((v1Options?.options ?? []).map((option) => option.name)).toContain('dryRun');
		expect(fields.filter((field) => field.type === 'notice').map((field) => field.name).sort()).toEqual(['liveNotice', 'liveNotice', 'previewNotice']);
	});
});
