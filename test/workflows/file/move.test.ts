import { useSandbox } from '../../harness/fixtures';
import { HOME, runFile } from './fixtures';

const scnet = useSandbox();
const moves = () => scnet.sandbox.requests.filter((request) => request.route === 'efile.move');

describe('File → Move', () => {
	beforeEach(() => {
		scnet.sandbox.efile.put(`${HOME}/inbox/a.csv`, 'a');
		scnet.sandbox.efile.put(`${HOME}/inbox/b.csv`, 'b');
		scnet.sandbox.efile.mkdir(`${HOME}/archive`);
	});

	it('moves the paths into the folder, one output item per path with its new path', async () => {
		const { main } = await runFile(scnet, 'move', { paths: `${HOME}/inbox/a.csv\n${HOME}/inbox/b.csv`, targetFolder: `${HOME}/archive` });
		expect(main.map((item) => item.json)).toEqual([
			{ path: `${HOME}/inbox/a.csv`, newPath: `${HOME}/archive/a.csv`, moved: true, code: '0', message: expect.any(String) },
			{ path: `${HOME}/inbox/b.csv`, newPath: `${HOME}/archive/b.csv`, moved: true, code: '0', message: expect.any(String) },
		]);
		expect(scnet.sandbox.efile.files(`${HOME}/archive`)).toEqual([`${HOME}/archive/a.csv`, `${HOME}/archive/b.csv`]);
		expect(moves().map((request) => new URLSearchParams(request.body).get('sourcePaths'))).toEqual([`${HOME}/inbox/a.csv`, `${HOME}/inbox/b.csv`]);
		expect(moves()[0].body).toContain('cover=uncover');
	});

	it('never replaces what is in the target with Overwrite off (911021)', async () => {
		scnet.sandbox.efile.put(`${HOME}/archive/a.csv`, 'old');
		const { main } = await runFile(scnet, 'move', { paths: `${HOME}/inbox/a.csv`, targetFolder: `${HOME}/archive` }, { onError: 'continueRegularOutput' });
		expect(main[0].json).toMatchObject({ moved: false, code: '911021' });
		expect(scnet.sandbox.efile.read(`${HOME}/archive/a.csv`).toString()).toBe('old');
	});

	it('does not send a move twice after a lost answer', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.move', times: 1, lose: true });
		const { main } = await runFile(scnet, 'move', { paths: `${HOME}/inbox/a.csv`, targetFolder: `${HOME}/archive` }, { onError: 'continueRegularOutput' });
		expect(moves()).toHaveLength(1);
		expect(main[0].json).toMatchObject({ moved: false, description: expect.stringContaining('may have been moved') });
	});

	it('refuses a relative target folder per item, sending nothing', async () => {
		const { main } = await runFile(scnet, 'move', { paths: `${HOME}/inbox/a.csv`, targetFolder: 'archive' }, { onError: 'continueRegularOutput' });
		expect(main[0].json.message).toMatch(/'Target Folder' 'archive' is not absolute/);
		expect(moves()).toEqual([]);
	});
});
