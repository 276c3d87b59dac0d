import { useSandbox } from '../../harness/fixtures';
import { HOME, runFile } from './fixtures';

const scnet = useSandbox();
const removes = () => scnet.sandbox.requests.filter((request) => request.route === 'efile.remove');
const sentPaths = () => removes().map((request) => new URL(request.url, 'http://x').searchParams.get('paths'));

describe('File → Delete', () => {
	beforeEach(() => {
		for (const name of ['a', 'b', 'c']) scnet.sandbox.efile.put(`${HOME}/${name}.log`, name);
		scnet.sandbox.efile.put(`${HOME}/dir/inner.txt`, 'x');
	});

	it('deletes the paths of all items in one request, one output item per path', async () => {
		const { main } = await runFile(scnet, 'delete', { paths: '={{ $json.p }}' }, { items: [{ p: `${HOME}/a.log` }, { p: `${HOME}/b.log\n${HOME}/c.log` }] });
		expect(main.map((item) => [item.json.path, item.json.deleted, item.pairedItem])).toEqual([
			[`${HOME}/a.log`, true, { item: 0 }],
			[`${HOME}/b.log`, true, { item: 1 }],
			[`${HOME}/c.log`, true, { item: 1 }],
		]);
		expect(sentPaths()).toEqual([`${HOME}/a.log,${HOME}/b.log,${HOME}/c.log`]);
		expect(scnet.sandbox.efile.files(HOME)).toEqual([`${HOME}/dir/`, `${HOME}/dir/inner.txt`]);
	});

	it('finds the one missing path of a batch by splitting it, and deletes the others', async () => {
		const { main } = await runFile(scnet, 'delete', { paths: `${HOME}/a.log\n${HOME}/missing\n${HOME}/b.log` }, { onError: 'continueRegularOutput' });
		expect(main.map((item) => [item.json.path, item.json.deleted, item.json.code])).toEqual([
			[`${HOME}/a.log`, true, '0'],
			[`${HOME}/missing`, false, '911020'],
			[`${HOME}/b.log`, true, '0'],
		]);
	});

	it('keeps a non-empty folder unless Recursive is on', async () => {
		const kept = await runFile(scnet, 'delete', { paths: `${HOME}/dir` }, { onError: 'continueRegularOutput' });
		expect(kept.main[0].json).toMatchObject({ deleted: false });
		expect(scnet.sandbox.efile.files(HOME)).toContain(`${HOME}/dir/inner.txt`);
		const gone = await runFile(scnet, 'delete', { paths: `${HOME}/dir`, recursive: 'true' });
		expect(gone.main[0].json).toMatchObject({ deleted: true });
		expect(new URL(removes().at(-1)!.url, 'http://x').searchParams.get('recursive')).toBe('true');
	});

	it('takes a delete resent after a lost answer that finds the path gone as done', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.remove', times: 1, lose: true });
		const { main } = await runFile(scnet, 'delete', { paths: `${HOME}/a.log` });
		expect(main[0].json).toMatchObject({ path: `${HOME}/a.log`, deleted: true, alreadyGone: true });
		expect(removes()).toHaveLength(2);
	});

	it.each([
		['a relative path', 'a.log', /not absolute/],
		['the root', '/', /root/],
		['a path with a comma', `${HOME}/a,b`, /comma/],
		['a path with ..', `${HOME}/../x`, /'\.\.'/],
	])('stops the run before any request for %s', async (_, paths, message) => {
		const { error } = await runFile(scnet, 'delete', { paths: `${HOME}/a.log\n${paths}` });
		expect(error?.message).toMatch(message);
		expect(removes()).toEqual([]);
		expect(scnet.sandbox.efile.files(HOME)).toContain(`${HOME}/a.log`);
	});

	it("refuses 'Recursive' given as a word that is not true or false, before any request", async () => {
		const { error } = await runFile(scnet, 'delete', { paths: `${HOME}/dir`, recursive: 'yes' as unknown as boolean });
		expect(error?.message).toMatch(/'Recursive' must be true or false/);
		expect(removes()).toEqual([]);
	});

	it('with On Error Continue, a bad path is an error item and the good ones are deleted', async () => {
		const { main } = await runFile(scnet, 'delete', { paths: `${HOME}/a.log\nrelative` }, { onError: 'continueRegularOutput' });
		expect(main.map((item) => item.json.deleted)).toEqual([true, false]);
		expect(main[1].json.message).toMatch(/not absolute/);
	});
});
