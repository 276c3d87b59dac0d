/**
 * A sample input file the sandbox serves at `GET /__sandbox/sample?bytes=N&name=input.bin` (no
 * token): N bytes that differ from one position to the next, the same for every N, so a workflow
 * can fetch "new data" with n8n's HTTP Request node and a test can check what came back by hash.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

export const SAMPLE_PATH = '/__sandbox/sample';

const PIECE = 64 * 1024;

/** The sample's bytes, in pieces. */
function* pieces(size: number): Generator<Buffer> {
	let state = 7;
	for (let done = 0; done < size; ) {
		const piece = Buffer.alloc(Math.min(PIECE, size - done));
		for (let at = 0; at < piece.length; at++) {
			state = (state * 1103515245 + 12345) & 0x7fffffff;
			piece[at] = state >> 16;
		}
		done += piece.length;
		yield piece;
	}
}

export const sampleStream = (size: number): Readable => Readable.from(pieces(size));

/** The SHA-256 of the sample of `size` bytes, hex. */
export function sampleSha256(size: number): string {
	const hash = createHash('sha256');
	for (const piece of pieces(size)) hash.update(piece);
	return hash.digest('hex');
}
