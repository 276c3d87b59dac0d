import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

import { BinaryDataService } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';

import { useBinaryStore } from '../../harness/binaryStore';
import { useSandbox } from '../../harness/fixtures';
import { HOME, MIB, patterned, runFile } from './fixtures';

const scnet = useSandbox();
useBinaryStore();

const downloads = () => scnet.sandbox.requests.filter((request) => request.route === 'efile.download');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The bytes n8n stored for the item's binary field (on disk: filesystem mode). */
async function stored(item: INodeExecutionData, field = 'data'): Promise<Buffer> {
	const binary = item.binary?.[field];
	if (!binary) throw new Error(`no binary field ${field}`);
	const { dirname } = await import('node:path');
	const { Container } = require(require.resolve('@n8n/di', { paths: [dirname(require.resolve('n8n-core'))] })) as typeof import('@n8n/di');
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** An answer that sends the first `cut` bytes of `content`, then drops the connection. */
const breaksOffAfter = (content: Buffer, cut: number) => ({
	body: (() => {
		const body = new Readable({ read: () => undefined });
		body.push(content.subarray(0, cut));
		setTimeout(() => body.destroy(new Error('dropped')), 50);
		return body;
	})(),
	contentType: 'application/octet-stream',
});

describe('File → Download', () => {
	it('streams the file into the binary data store, named after the path', async () => {
		const content = patterned(3 * MIB + 3);
		scnet.sandbox.efile.put(`${HOME}/out/result.csv`, content);
		const { main, error } = await runFile(scnet, 'download', { path: `${HOME}/out/result.csv` });
		expect(error).toBeUndefined();
		expect(main[0].json).toEqual({ path: `${HOME}/out/result.csv`, size: content.length, fileName: 'result.csv' });
		expect(main[0].binary?.data).toMatchObject({ fileName: 'result.csv', mimeType: 'text/csv' });
		expect(main[0].binary?.data.id).toBeDefined();
		expect(sha(await stored(main[0]))).toBe(sha(content));
	});

	it('puts the file in the field asked for, keeping the item’s other binary data', async () => {
		scnet.sandbox.efile.put(`${HOME}/a.txt`, 'A');
		const { main } = await runFile(scnet, 'download', { path: `${HOME}/a.txt`, binaryPropertyName: 'result' }, { binary: [{ data: { content: Buffer.from('in'), fileName: 'in.txt' } }] });
		expect(Object.keys(main[0].binary ?? {}).sort()).toEqual(['data', 'result']);
		expect((await stored(main[0], 'result')).toString()).toBe('A');
	});

	it('names a folder’s zip <folder>.zip', async () => {
		scnet.sandbox.efile.put(`${HOME}/run/a.txt`, 'a');
		const { main } = await runFile(scnet, 'download', { path: `${HOME}/run` });
		expect(main[0].binary?.data).toMatchObject({ fileName: 'run.zip', mimeType: 'application/zip' });
		expect((await stored(main[0])).subarray(0, 2).toString()).toBe('PK');
	});

	it('resumes with Range where a dropped connection stopped, and the file comes out whole', async () => {
		const content = patterned(2 * MIB);
		scnet.sandbox.efile.put(`${HOME}/big.bin`, content);
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.download', times: 1, respond: () => breaksOffAfter(content, 700000) });
		const { main, error } = await runFile(scnet, 'download', { path: `${HOME}/big.bin` });
		expect(error).toBeUndefined();
		expect(downloads().map((request) => request.headers.range)).toEqual([undefined, 'bytes=700000-']);
		expect(main[0].json.size).toBe(content.length);
		expect(sha(await stored(main[0]))).toBe(sha(content));
	});

	it('fails the item, saving nothing, when SCNet answers a resume with other bytes than the rest', async () => {
		const content = patterned(MIB);
		scnet.sandbox.efile.put(`${HOME}/big.bin`, content);
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.download' && !request.headers.range, times: 1, respond: () => breaksOffAfter(content, 1000) });
		// A server that ignores Range sends the whole file again, from byte 0, with 200.
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.download' && !!request.headers.range, respond: { body: 'whole file again', contentType: 'application/octet-stream' } });
		const { main } = await runFile(scnet, 'download', { path: `${HOME}/big.bin` }, { onError: 'continueRegularOutput' });
		expect(main[0].json).toMatchObject({ path: `${HOME}/big.bin`, code: 'DOWNLOAD_INTERRUPTED', message: expect.stringContaining('did not resume it where it stopped') });
		expect(main[0].binary).toBeUndefined();
	});

	it('gives up after Max Tries breaks, saving nothing', async () => {
		const content = patterned(MIB);
		scnet.sandbox.efile.put(`${HOME}/big.bin`, content);
		scnet.sandbox.addFault({ when: (request) => request.route === 'efile.download', respond: () => breaksOffAfter(content, 10) });
		const { main } = await runFile(scnet, 'download', { path: `${HOME}/big.bin`, options: { maxTries: 2 } }, { onError: 'continueRegularOutput' });
		expect(main[0].json).toMatchObject({ code: expect.any(String), message: expect.stringContaining('broke off') });
		expect(main[0].binary).toBeUndefined();
	});

	it('never saves an error envelope as the file: 911020 is a clear failure', async () => {
		const { main } = await runFile(scnet, 'download', { path: `${HOME}/missing.csv` }, { onError: 'continueRegularOutput' });
		expect(main[0].json).toMatchObject({ path: `${HOME}/missing.csv`, code: '911020', message: 'The file or folder does not exist on SCNet' });
		expect(main[0].binary).toBeUndefined();
	});

	it('stops the workflow on a missing file with On Error: Stop, naming the file', async () => {
		const { error } = await runFile(scnet, 'download', { path: `${HOME}/missing.csv` });
		expect(error?.message).toBe(`The file or folder does not exist on SCNet (file ${HOME}/missing.csv, code 911020) [item 0]`);
	});

	it('sends the error output what failed, with the path', async () => {
		const { main, errorOutput } = await runFile(scnet, 'download', { path: `${HOME}/missing.csv` }, { onError: 'continueErrorOutput' });
		expect(main).toEqual([]);
		expect(errorOutput[0].json).toMatchObject({ error: { path: `${HOME}/missing.csv`, code: '911020' } });
	});

	it.each([['relative.csv'], [`${HOME}/../x`], ['  ']])('refuses the path %p per item, sending nothing', async (path) => {
		const { main } = await runFile(scnet, 'download', { path }, { onError: 'continueRegularOutput' });
		expect(main[0].json.message).toMatch(/'File Path'/);
		expect(downloads()).toEqual([]);
	});
});

describe('File → Download, a stalled answer', () => {
	it("resumes an answer that stops sending for longer than 'Timeout', instead of waiting for ever", async () => {
		const content = patterned(300000);
		scnet.sandbox.efile.put(`${HOME}/stall.bin`, content);
		scnet.sandbox.addFault({
			when: (request) => request.route === 'efile.download' && !request.headers.range,
			times: 1,
			respond: () => {
				const body = new Readable({ read: () => undefined });
				body.push(content.subarray(0, 1000));
				return { body, contentType: 'application/octet-stream' };
			},
		});
		const { main, error } = await runFile(scnet, 'download', { path: `${HOME}/stall.bin`, options: { timeout: 1000 } });
		expect(error).toBeUndefined();
		expect(downloads().map((request) => request.headers.range)).toEqual([undefined, 'bytes=1000-']);
		expect(sha(await stored(main[0]))).toBe(sha(content));
	}, 20000);
});
