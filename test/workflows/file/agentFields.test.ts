import { useSandbox } from '../../harness/fixtures';
import { fromAI, locator } from '../../harness/fromAI';
import { HOME, runFile } from './fixtures';

/* Version 3 of File → Get Many: the filter 'Type' is a picker an AI agent can fill. */
const scnet = useSandbox();
const v3 = { typeVersion: 3 } as const;
const list = (type: unknown, items = [{}]) => runFile(scnet, 'list', { path: `${HOME}/data`, returnAll: true, filters: { type } as never }, { ...v3, items });

describe('File → Get Many (version 3): the Type filter', () => {
	beforeEach(() => {
		scnet.sandbox.efile.put(`${HOME}/data/a.csv`, 'aaa');
		scnet.sandbox.efile.mkdir(`${HOME}/data/runs`);
	});

	it.each([
		['picked from the list', locator('folders', 'list'), [{}], ['runs']],
		['given by value', locator('files'), [{}], ['a.csv']],
		['as $fromAI hands it over, in another case', locator(fromAI('Type')), [{ Type: 'Folders' }], ['runs']],
	])('reads a type %s', async (_, type, items, names) => {
		const { main, error } = await list(type, items);

		expect(error).toBeUndefined();
		expect(main.map((item) => item.json.name)).toEqual(names);
	});

	it('refuses a type it does not know, naming the values, and lists nothing', async () => {
		const { error } = await list(locator('directories'));

		expect(error?.message).toBe("'Type' must be one of both, files, folders, not 'directories'");
		expect(scnet.sandbox.requests.filter((request) => request.route === 'efile.list')).toEqual([]);
	});
});
