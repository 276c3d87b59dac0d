import type { INodeParameters } from 'n8n-workflow';

import { useBinaryStore } from '../../harness/binaryStore';
import { useSandbox } from '../../harness/fixtures';
import { file, HOME, runFile } from './fixtures';

const scnet = useSandbox();
useBinaryStore();

const fileRequests = () => scnet.sandbox.requests.filter((request) => request.route?.startsWith('efile.'));
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };

/*
 * Every value that decides what File creates, replaces, moves or deletes, as an expression or an
 * agent may hand it over: one the node cannot read for certain stops the run before any request.
 */
describe('File: values that cannot be read for certain stop the run before any request', () => {
	beforeEach(() => {
		scnet.sandbox.efile.put(`${HOME}/a.csv`, 'a');
		scnet.sandbox.efile.mkdir(`${HOME}/archive`);
	});

	it.each<[string, string, INodeParameters, RegExp]>([
		['Upload', 'upload', { folder: HOME, overwrite: 'yes' as unknown as boolean }, /'Overwrite' must be true or false/],
		['Upload', 'upload', { folder: HOME, options: { createFolders: 'maybe' as unknown as boolean } }, /'Create Folders' must be true or false/],
		['Upload', 'upload', { folder: HOME, options: { chunkSize: 'big' as unknown as number } }, /'Chunk Size \(MiB\)' must be a whole number/],
		['Create Folder', 'createFolder', { path: `${HOME}/x`, createParents: '' as unknown as boolean }, /'Create Parents' must be true or false/],
		['Delete', 'delete', { paths: `${HOME}/a.csv`, recursive: 'ja' as unknown as boolean }, /'Recursive' must be true or false/],
		['Delete', 'delete', { paths: `${HOME}/a.csv`, options: { pathsPerRequest: 'ten' as unknown as number } }, /'Paths per Request' must be a whole number/],
		['Move', 'move', { paths: `${HOME}/a.csv`, targetFolder: `${HOME}/archive`, overwrite: 'no' as unknown as boolean }, /'Overwrite' must be true or false/],
	])('%s (%s): an unreadable value stops the run before any request', async (_, operation, parameters, message) => {
		const { error } = await runFile(scnet, operation, parameters, { binary: [file('x')] });
		expect(error?.message).toMatch(message);
		expect(fileRequests()).toEqual([]);
		expect(scnet.sandbox.efile.files(HOME)).toEqual([`${HOME}/a.csv`, `${HOME}/archive/`]);
	});

	it.each<[string, string, INodeParameters]>([
		['Delete: a path an expression gave as nothing', 'delete', { paths: '={{ $json.nothing }}' }],
		['Move: a target folder an expression gave as nothing', 'move', { paths: `${HOME}/a.csv`, targetFolder: '={{ $json.nothing }}' }],
		['Create Folder: a path an expression gave as nothing', 'createFolder', { path: '={{ $json.nothing }}' }],
	])('%s', async (_, operation, parameters) => {
		const { error } = await runFile(scnet, operation, parameters);
		expect(error?.message).toBeDefined();
		expect(fileRequests()).toEqual([]);
	});
});

/*
 * n8n's Retry On Fail runs the whole node again when it stops: what an earlier try created,
 * moved or deleted is not done (or reported) again.
 */
describe('File under Retry On Fail', () => {
	it('Create Folder: no mkdir an earlier try sent is sent again (SCNet answered it: its outcome is given again)', async () => {
		const { error } = await runFile(scnet, 'createFolder', { path: '={{ $json.path }}', createParents: false }, { items: [{ path: `${HOME}/made` }, { path: `${HOME}/no/parent` }], settings: RETRY });
		expect(error).toBeDefined();
		const mkdirs = scnet.sandbox.requests.filter((request) => request.route === 'efile.mkdir').map((request) => new URL(request.url, 'http://x').searchParams.get('path'));
		expect(mkdirs.filter((path) => path === `${HOME}/made`)).toHaveLength(1);
		expect(mkdirs.filter((path) => path === `${HOME}/no/parent`)).toHaveLength(1);
	});

	it('Move: items an earlier try moved are not moved again', async () => {
		scnet.sandbox.efile.put(`${HOME}/in/a.csv`, 'a');
		scnet.sandbox.efile.mkdir(`${HOME}/archive`);
		const { main, error } = await runFile(scnet, 'move', { paths: '={{ $json.path }}', targetFolder: `${HOME}/archive` }, { items: [{ path: `${HOME}/in/a.csv` }, { path: `${HOME}/in/missing.csv` }], settings: RETRY });
		expect(error).toBeDefined();
		expect(main).toEqual([]);
		const moves = scnet.sandbox.requests.filter((request) => request.route === 'efile.move').map((request) => new URLSearchParams(request.body).get('sourcePaths'));
		expect(moves.filter((path) => path === `${HOME}/in/a.csv`)).toHaveLength(1);
		expect(scnet.sandbox.efile.files(`${HOME}/archive`)).toEqual([`${HOME}/archive/a.csv`]);
	});

	it('Delete: a path an earlier try deleted counts as deleted when a later try finds it gone', async () => {
		scnet.sandbox.efile.put(`${HOME}/a.log`, 'a');
		let failed = 0;
		// The first try's answer is lost after SCNet deleted the path; the node stops and n8n runs it again.
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.remove' && failed++ < 3, lose: true });
		const { main, error } = await runFile(scnet, 'delete', { paths: `${HOME}/a.log` }, { settings: RETRY });
		expect(error).toBeUndefined();
		expect(main[0].json).toMatchObject({ path: `${HOME}/a.log`, deleted: true, alreadyGone: true });
	});

	it('Upload: a file an earlier try uploaded is not uploaded again when a later item stops the node', async () => {
		const { error } = await runFile(scnet, 'upload', { folder: HOME, fileName: '={{ $json.name }}' }, { items: [{ name: 'one.txt' }, { name: 'bad/name' }], binary: [file('1'), file('2')], settings: RETRY });
		expect(error?.message).toMatch(/not a file name/);
		expect(scnet.sandbox.efile.uploads.filter((upload) => upload.route === 'efile.upload')).toHaveLength(1);
	});
});
