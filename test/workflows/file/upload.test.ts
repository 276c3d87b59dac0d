import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';
import { useBinaryStore } from '../../harness/binaryStore';
import { file, HOME, MIB, patterned, runFile } from './fixtures';

const scnet = useSandbox();
useBinaryStore();

const uploads = () => scnet.sandbox.requests.filter((request) => request.route?.startsWith('efile.'));
const routes = () => uploads().map((request) => request.route);

describe('File → Upload', () => {
	it('sends a file up to the chunk size in one request, into the folder, under its own name', async () => {
		const { main, error } = await runFile(scnet, 'upload', { folder: HOME }, { binary: [file('hello', 'greeting.txt')] });
		expect(error).toBeUndefined();
		expect(main[0].json).toEqual({ path: `${HOME}/greeting.txt`, name: 'greeting.txt', size: 5, uploaded: true, chunks: 1, code: '0', message: expect.any(String) });
		expect(scnet.sandbox.efile.read(`${HOME}/greeting.txt`).toString()).toBe('hello');
		expect(routes()).toEqual(['efile.exist', 'efile.exist', 'efile.upload']);
		expect(scnet.sandbox.efile.uploads[0].fields).toMatchObject({ path: HOME, cover: 'uncover' });
	});

	it.each([
		['exactly one chunk', 1 * MIB, 1, ['efile.upload']],
		['one byte more than a chunk', 1 * MIB + 1, 2, ['efile.burst', 'efile.burst', 'efile.merge']],
		['three chunks and a bit', 3 * MIB + 17, 4, ['efile.burst', 'efile.burst', 'efile.burst', 'efile.burst', 'efile.merge']],
	])('%s (%i bytes) goes up as %i chunk(s) and arrives byte for byte', async (_, size, chunks, sent) => {
		const content = patterned(size);
		const { main, error } = await runFile(scnet, 'upload', { folder: HOME, fileName: 'big.bin', options: { chunkSize: 1 } }, { binary: [file(content)] });
		expect(error).toBeUndefined();
		expect(main[0].json).toMatchObject({ uploaded: true, chunks, size });
		expect(routes().slice(2)).toEqual(sent);
		expect(scnet.sandbox.efile.read(`${HOME}/big.bin`).equals(content)).toBe(true);
		const bursts = scnet.sandbox.efile.uploads.filter((upload) => upload.route === 'efile.burst');
		expect(bursts.map((burst) => burst.fields.chunkNumber)).toEqual(bursts.map((_, at) => String(at + 1)));
	});

	it('never replaces a file with Overwrite off: the item fails with 911021 before a byte goes up', async () => {
		scnet.sandbox.efile.put(`${HOME}/data.bin`, 'old');
		const { main, error } = await runFile(scnet, 'upload', { folder: HOME }, { binary: [file(patterned(3 * MIB))], onError: 'continueRegularOutput' });
		expect(error).toBeUndefined();
		expect(main[0].json).toMatchObject({ path: `${HOME}/data.bin`, uploaded: false, code: '911021' });
		expect(scnet.sandbox.efile.read(`${HOME}/data.bin`).toString()).toBe('old');
		expect(routes()).not.toContain('efile.upload');
		expect(routes()).not.toContain('efile.burst');
	});

	it('still never replaces a file that appears between the check and the upload: SCNet refuses it (uncover)', async () => {
		scnet.sandbox.addFault({
			when: (request) => request.route === 'efile.exist' && request.body.includes('data.bin'),
			times: 1,
			respond: () => {
				scnet.sandbox.efile.put(`${HOME}/data.bin`, 'raced');
				return { body: { code: '0', msg: 'success', data: { exist: false } } };
			},
		});
		const { main } = await runFile(scnet, 'upload', { folder: HOME }, { binary: [file('new')], onError: 'continueRegularOutput' });
		expect(main[0].json).toMatchObject({ uploaded: false, code: '911021' });
		expect(scnet.sandbox.efile.read(`${HOME}/data.bin`).toString()).toBe('raced');
	});

	it('replaces the file with Overwrite on', async () => {
		scnet.sandbox.efile.put(`${HOME}/data.bin`, 'old');
		const { main } = await runFile(scnet, 'upload', { folder: HOME, overwrite: true }, { binary: [file('new')] });
		expect(main[0].json).toMatchObject({ uploaded: true });
		expect(scnet.sandbox.efile.read(`${HOME}/data.bin`).toString()).toBe('new');
	});

	it('refuses a missing folder unless Create Folders is on', async () => {
		const missing = `${HOME}/a/b`;
		const refused = await runFile(scnet, 'upload', { folder: missing }, { binary: [file('x')], onError: 'continueRegularOutput' });
		expect(refused.main[0].json).toMatchObject({ uploaded: false, code: '911020', message: expect.stringContaining('does not exist') });
		expect(scnet.sandbox.efile.files(HOME)).toEqual([]);
		const made = await runFile(scnet, 'upload', { folder: missing, options: { createFolders: true } }, { binary: [file('x')] });
		expect(made.main[0].json).toMatchObject({ uploaded: true, path: `${missing}/data.bin` });
	});

	it('sends the merge once: after a lost answer it is reported as possibly done, never repeated', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.merge', times: 1, lose: true });
		const { main } = await runFile(scnet, 'upload', { folder: HOME, options: { chunkSize: 1 } }, { binary: [file(patterned(2 * MIB))], onError: 'continueRegularOutput', settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 } });
		expect(routes().filter((route) => route === 'efile.merge')).toHaveLength(1);
		expect(main[0].json).toMatchObject({ uploaded: false, description: expect.stringContaining('merge is not sent twice') });
	});

	it('resends a chunk whose answer was lost, and the file still arrives whole', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.burst', times: 1, lose: true });
		const content = patterned(2 * MIB + 5);
		const { main } = await runFile(scnet, 'upload', { folder: HOME, options: { chunkSize: 1 } }, { binary: [file(content)] });
		expect(main[0].json).toMatchObject({ uploaded: true, chunks: 3 });
		expect(routes().filter((route) => route === 'efile.burst')).toHaveLength(4);
		expect(scnet.sandbox.efile.read(`${HOME}/data.bin`).equals(content)).toBe(true);
	});

	it('reports a file whose chunk failed as not uploaded, and merges nothing', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.burst' && scnet.sandbox.efile.uploads.length >= 1, respond: { body: { code: '10011', msg: '文件过大' } } });
		const { main } = await runFile(scnet, 'upload', { folder: HOME, options: { chunkSize: 1 } }, { binary: [file(patterned(3 * MIB))], onError: 'continueRegularOutput' });
		expect(main[0].json).toMatchObject({ uploaded: false, code: '10011', message: expect.stringContaining('chunk 2 of 3') });
		expect(routes()).not.toContain('efile.merge');
		expect(scnet.sandbox.efile.files(HOME)).toEqual([]);
	});

	it("uploads into the cluster user's home when Folder is empty (discovery names it)", async () => {
		const { main } = await runFile(scnet, 'upload', {}, { binary: [file('x', 'home.txt')], credentials: accessKeyCredentials(scnet.sandbox) });
		expect(main[0].json).toMatchObject({ uploaded: true, path: `${HOME}/home.txt` });
	});

	it.each([
		['a relative folder', { folder: 'inputs' }, /not absolute/],
		['a folder with ..', { folder: `${HOME}/../other` }, /'\.' or '\.\.'/],
		['a file name with a slash', { folder: HOME, fileName: 'a/b' }, /not a file name/],
	])('refuses %s per item, sending nothing', async (_, parameters, message) => {
		const { main } = await runFile(scnet, 'upload', parameters, { binary: [file('x')], onError: 'continueRegularOutput' });
		expect(main[0].json).toMatchObject({ uploaded: false, message: expect.stringMatching(message) });
		expect(uploads()).toEqual([]);
	});

	it("refuses 'Overwrite' given as a word that is not true or false, before any request", async () => {
		const { error } = await runFile(scnet, 'upload', { folder: HOME, overwrite: 'yes' as unknown as boolean }, { binary: [file('x')] });
		expect(error?.message).toMatch(/'Overwrite' must be true or false/);
		expect(uploads()).toEqual([]);
	});

	it('an item without the binary field fails alone, naming the field', async () => {
		const { main } = await runFile(scnet, 'upload', { folder: HOME }, { items: [{}, {}], binary: [undefined, file('x')], onError: 'continueRegularOutput' });
		expect(main).toHaveLength(2);
		expect(main[0].json.error).toMatch(/data/);
		expect(main[1].json).toMatchObject({ uploaded: true });
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
