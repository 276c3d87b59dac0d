import { useSandbox } from '../../harness/fixtures';
import { HOME, runFile } from './fixtures';

const scnet = useSandbox();
const mkdirs = () => scnet.sandbox.requests.filter((request) => request.route === 'efile.mkdir');

describe('File → Create Folder', () => {
	it('creates a folder with its parents, sending path and createParents in the query', async () => {
		const { main } = await runFile(scnet, 'createFolder', { path: `${HOME}/runs/2026/12` });
		expect(main[0].json).toEqual({ path: `${HOME}/runs/2026/12`, created: true, alreadyExisted: false, code: '0', message: expect.any(String) });
		expect(scnet.sandbox.efile.files(HOME)).toContain(`${HOME}/runs/2026/12/`);
		expect(new URL(mkdirs()[0].url, 'http://x').searchParams.get('createParents')).toBe('true');
	});

	it('is a success with alreadyExisted for a folder that is there (911021)', async () => {
		scnet.sandbox.efile.mkdir(`${HOME}/runs`);
		const { main } = await runFile(scnet, 'createFolder', { path: `${HOME}/runs` });
		expect(main[0].json).toMatchObject({ created: false, alreadyExisted: true, code: '911021' });
	});

	it('fails for a missing parent with Create Parents off', async () => {
		const { main } = await runFile(scnet, 'createFolder', { path: `${HOME}/x/y`, createParents: 'false' }, { onError: 'continueRegularOutput' });
		expect(main[0].json).toMatchObject({ created: false, path: `${HOME}/x/y` });
		expect(main[0].json.code).not.toBe('0');
	});

	it('does not send a mkdir twice after a lost answer', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.mkdir', times: 1, lose: true });
		const { main } = await runFile(scnet, 'createFolder', { path: `${HOME}/once` }, { onError: 'continueRegularOutput' });
		expect(mkdirs()).toHaveLength(1);
		expect(main[0].json).toMatchObject({ created: false, description: expect.stringContaining('may have been created') });
	});
});
