import { useSandbox } from '../../harness/fixtures';
import { HOME, runFile } from './fixtures';

const scnet = useSandbox();
const lists = () => scnet.sandbox.requests.filter((request) => request.route === 'efile.list');

describe('File → Get Many', () => {
	beforeEach(() => {
		scnet.sandbox.efile.put(`${HOME}/data/a.csv`, 'aaa');
		scnet.sandbox.efile.put(`${HOME}/data/B-report.txt`, 'bb');
		scnet.sandbox.efile.mkdir(`${HOME}/data/runs`);
	});

	it('lists a folder, one item per entry, with path, name, isDirectory, size and an ISO modifiedAt first', async () => {
		const { main } = await runFile(scnet, 'list', { path: `${HOME}/data`, returnAll: true });
		expect(main.map((item) => item.json.path)).toEqual([`${HOME}/data/B-report.txt`, `${HOME}/data/a.csv`, `${HOME}/data/runs`]);
		expect(main[1].json).toMatchObject({ name: 'a.csv', isDirectory: false, size: 3, modifiedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), owner: expect.any(String) });
		expect(main[2].json).toMatchObject({ isDirectory: true });
		expect(Math.abs(Date.parse(main[1].json.modifiedAt as string) - Date.now())).toBeLessThan(120000);
		expect(main.every((item, index) => item.pairedItem && (item.pairedItem as { item: number }).item === 0 && index >= 0)).toBe(true);
	});

	it('filters by name (sent to SCNet as keyWord) and by type', async () => {
		const { main } = await runFile(scnet, 'list', { path: `${HOME}/data`, returnAll: true, filters: { nameContains: 'REPORT', type: 'files' } });
		expect(main.map((item) => item.json.name)).toEqual(['B-report.txt']);
		expect(new URL(lists()[0].url, 'http://x').searchParams.get('keyWord')).toBe('REPORT');
		const folders = await runFile(scnet, 'list', { path: `${HOME}/data`, returnAll: true, filters: { type: 'folders' } });
		expect(folders.main.map((item) => item.json.name)).toEqual(['runs']);
	});

	it('reads every page of a large folder, each entry once', async () => {
		for (let index = 0; index < 1203; index++) scnet.sandbox.efile.put(`${HOME}/many/f${String(index).padStart(4, '0')}`, '');
		scnet.sandbox.efile.configure({ listPageCap: 300 });
		const { main } = await runFile(scnet, 'list', { path: `${HOME}/many`, returnAll: true });
		expect(main).toHaveLength(1203);
		expect(new Set(main.map((item) => item.json.path)).size).toBe(1203);
	});

	it('stops at the limit', async () => {
		const { main } = await runFile(scnet, 'list', { path: `${HOME}/data`, returnAll: false, limit: 2 });
		expect(main).toHaveLength(2);
	});

	it("lists the cluster user's home when the path is empty (SCNet's default)", async () => {
		const { main } = await runFile(scnet, 'list', { returnAll: true });
		expect(main.map((item) => item.json.path)).toEqual([`${HOME}/data`]);
		expect(new URL(lists()[0].url, 'http://x').searchParams.has('path')).toBe(false);
	});

	it('fails clearly for a folder that does not exist (911020)', async () => {
		const { error } = await runFile(scnet, 'list', { path: `${HOME}/nope`, returnAll: true });
		expect(error?.message).toMatch(/does not exist on SCNet \(code 911020\)/);
	});

	it('refuses a relative path before any request', async () => {
		const { error } = await runFile(scnet, 'list', { path: 'data', returnAll: true });
		expect(error?.message).toMatch(/'Folder Path' 'data' is not absolute/);
		expect(lists()).toEqual([]);
	});
});
