import { createHash } from 'node:crypto';

import { useSandbox } from '../../harness/fixtures';
import { file, HOME, MIB, patterned, runFile } from './fixtures';

// No binary store started: n8n keeps binary data in the item itself (its 'default' mode, n8n 1.x's default).
const scnet = useSandbox();
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('File upload and download in n8n’s memory binary mode', () => {
	it('uploads in chunks from an in-memory binary and downloads it back identical', async () => {
		const content = patterned(2 * MIB + 9);
		const up = await runFile(scnet, 'upload', { folder: HOME, options: { chunkSize: 1 } }, { binary: [file(content)] });
		expect(up.main[0].json).toMatchObject({ uploaded: true, chunks: 3 });
		const down = await runFile(scnet, 'download', { path: `${HOME}/data.bin` });
		const binary = down.main[0].binary?.data;
		expect(binary?.id).toBeUndefined();
		expect(sha(Buffer.from(binary?.data ?? '', 'base64'))).toBe(sha(content));
	});
});
