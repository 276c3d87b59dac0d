import { Scnet } from '../../../nodes/Scnet/Scnet.node';
import { useSandbox } from '../../harness/fixtures';
import { HOME, runFile } from './fixtures';

/* 'Simplify' on File → Get Many (issue 18): version 3 outputs an entry as its path, name, type, size and time; versions 1 and 2 keep SCNet's fields too. */
const scnet = useSandbox();

describe('File → Get Many: Simplify', () => {
	beforeEach(() => {
		scnet.sandbox.efile.put(`${HOME}/data/a.csv`, 'aaa');
		scnet.sandbox.efile.mkdir(`${HOME}/data/runs`);
	});

	it('version 3 simplifies by default: path, name, isDirectory, size and modifiedAt (ISO 8601), nothing else', async () => {
		const { main, error } = await runFile(scnet, 'list', { path: `${HOME}/data`, returnAll: true }, { typeVersion: 3 });

		expect(error).toBeUndefined();
		expect(main.map((item) => item.json)).toEqual([
			{ path: `${HOME}/data/a.csv`, name: 'a.csv', isDirectory: false, size: 3, modifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) },
			{ path: `${HOME}/data/runs`, name: 'runs', isDirectory: true, size: expect.any(Number), modifiedAt: expect.stringMatching(/Z$/) },
		]);
	});

	it("'Simplify' off, and versions 1 and 2, keep SCNet's own fields after those five", async () => {
		for (const [parameters, typeVersion] of [[{ simplify: false }, 3], [{}, 1], [{}, 2]] as const) {
			const { main } = await runFile(scnet, 'list', { path: `${HOME}/data`, returnAll: true, ...parameters }, { typeVersion });

			expect(main[0].json).toMatchObject({ path: `${HOME}/data/a.csv`, name: 'a.csv', owner: expect.any(String) });
			expect(Object.keys(main[0].json).slice(0, 5)).toEqual(['path', 'name', 'isDirectory', 'size', 'modifiedAt']);
		}
	});

	it("shows 'Simplify' from version 3 on, on by default, before 'Options'", () => {
		const fields = new Scnet().description.properties.filter((field) => field.displayOptions?.show?.resource?.includes('file') && field.displayOptions?.show?.operation?.includes('list'));

		expect(fields.find((field) => field.name === 'simplify')).toMatchObject({ type: 'boolean', default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 3 } }] } } });
		expect(fields.map((field) => field.name).slice(-2)).toEqual(['simplify', 'options']);
	});
});
