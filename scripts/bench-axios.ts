/**
 * The benchmark's lower bounds: the minimal requests, sent with axios, checking each answer's code.
 *   node bench-axios.js delete BASE_URL TOKEN BATCH_SIZE PARALLEL ID...   batched DELETEs by PARALLEL workers
 *   node bench-axios.js list BASE_URL TOKEN PAGE_SIZE                     every page of the list, one after another
 *   node bench-axios.js history BASE_URL TOKEN PAGE_SIZE SCHEDULER FROM TO every page of job history (FROM, TO in China time)
 *   node bench-axios.js output BASE_URL TOKEN FILE                        every page of a job's output file, from the start
 *   node bench-axios.js upload BASE_URL TOKEN CHUNK_MIB FILE FOLDER NAME  a local file streamed up in chunks (burst) and one merge
 *   node bench-axios.js download BASE_URL TOKEN PATH OUT                  a file streamed down into a local file
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import axios from 'axios';

const EFILE = '/efile/openapi/v2/file';

/** One multipart body: the fields, then the file part. */
function multipart(fields: Record<string, string | number>, file: Buffer, fileName: string): { body: Buffer; type: string } {
	const boundary = `----bench-${randomBytes(8).toString('hex')}`;
	const head = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join('');
	const fileHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
	return { body: Buffer.concat([Buffer.from(head + fileHead), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

async function uploadFile(baseUrl: string, token: string, chunkMib: string, file: string, folder: string, name: string): Promise<object> {
	const chunkSize = Number(chunkMib) * 1024 * 1024;
	const totalSize = statSync(file).size;
	const totalChunks = Math.ceil(totalSize / chunkSize);
	const fields = { path: folder, relativePath: name, filename: name, identifier: `${totalSize}-${name}`, cover: 'cover' };
	let number = 0;
	for await (const chunk of createReadStream(file, { highWaterMark: chunkSize }) as AsyncIterable<Buffer>) {
		number++;
		const { body, type } = multipart({ ...fields, chunkNumber: number, totalChunks, totalSize, chunkSize, currentChunkSize: chunk.length }, chunk, name);
		const { data } = await axios.post(`${baseUrl}${EFILE}/burst`, body, { headers: { token, 'content-type': type }, maxBodyLength: Infinity });
		if (data.code !== '0') throw new Error(`burst ${number}: code ${data.code}`);
	}
	const { data } = await axios.post(`${baseUrl}${EFILE}/merge`, new URLSearchParams({ ...fields, id: '' }), { headers: { token } });
	if (data.code !== '0') throw new Error(`merge: code ${data.code}`);
	return { bytes: totalSize, chunks: number };
}

async function downloadFile(baseUrl: string, token: string, path: string, out: string): Promise<object> {
	const response = await axios.get<Readable>(`${baseUrl}${EFILE}/download`, { headers: { token }, params: { path }, responseType: 'stream' });
	await pipeline(response.data, createWriteStream(out));
	return { bytes: statSync(out).size };
}

const HPC = '/hpc/openapi/v2';

async function deleteAll(baseUrl: string, token: string, batchSize: string, parallel: string, ids: string[]): Promise<object> {
	const size = Number(batchSize);
	const batches: string[][] = [];
	for (let start = 0; start < ids.length; start += size) batches.push(ids.slice(start, start + size));
	let failed = 0;
	let next = 0;
	const worker = async () => {
		while (next < batches.length) {
			const query = batches[next++].map((id) => `ids=${id}`).join('&');
			const { data } = await axios.delete(`${baseUrl}/ai/openapi/v2/instance-service/task?${query}`, { headers: { token } });
			if (data.code !== '0') failed++;
		}
	};
	await Promise.all(Array.from({ length: Number(parallel) }, worker));
	return { failed };
}

/** Every page of an offset-paged list answering `{ total, <key>: [...] }`, each page once. */
async function pagesOf(read: (start: number) => Promise<{ total: number; page: unknown[] }>): Promise<object> {
	const entries: unknown[] = [];
	for (let start = 0; ; ) {
		const { total, page } = await read(start);
		entries.push(...page);
		start += page.length;
		if (page.length === 0 || start >= total) break;
	}
	return { listed: entries.length };
}

function listAll(baseUrl: string, token: string, pageSize: string): Promise<object> {
	return pagesOf(async (start) => {
		const { data } = await axios.get(`${baseUrl}/ai/openapi/v2/instance-service/task/list`, {
			headers: { token },
			params: { start, limit: pageSize, sort: 'desc' },
		});
		if (data.code !== '0') throw new Error(`code ${data.code}`);
		return { total: data.data.total, page: data.data.records };
	});
}

/** History as the node asks for it: the scheduler, the window by end time, newest first. */
function historyAll(baseUrl: string, token: string, pageSize: string, scheduler: string, from: string, to: string): Promise<object> {
	return pagesOf(async (start) => {
		const { data } = await axios.get(`${baseUrl}${HPC}/historyjobs`, {
			headers: { token },
			params: { strClusterNameList: scheduler, startTime: from, endTime: to, timeType: 'CUSTOM', isQueryByQueueTime: false, sort: 'DESC', orderBy: 'jobId', start, limit: pageSize },
		});
		if (data.code !== '0') throw new Error(`code ${data.code}`);
		return { total: data.data.total, page: data.data.list };
	});
}

/** The whole file, page after page from the first (1,000 lines each), as one text. */
async function outputAll(baseUrl: string, token: string, file: string): Promise<object> {
	const pages: string[] = [];
	for (let page = 1, count = 1; page <= count; page++) {
		const form = new URLSearchParams({ hostName: '', dirPath: file, triggerNum: String(page), rollDirection: 'DOWN' });
		const { data } = await axios.post(`${baseUrl}${HPC}/file/content`, form, { headers: { token } });
		if (data.code !== '0' || data.data.success !== 'true') throw new Error(`code ${data.code}, success ${data.data?.success}`);
		pages.push(data.data.data);
		count = data.data.totalTriggerTimes;
	}
	const text = pages.join('\n');
	return { lines: text === '' ? 0 : text.split('\n').length, chars: text.length };
}

async function main(): Promise<void> {
	const [mode, baseUrl, token, size, ...rest] = process.argv.slice(2);
	const started = Date.now();
	const result =
		mode === 'upload'
			? await uploadFile(baseUrl, token, size, rest[0], rest[1], rest[2])
			: mode === 'download'
				? await downloadFile(baseUrl, token, size, rest[0])
				: mode === 'list'
			? await listAll(baseUrl, token, size)
			: mode === 'history'
				? await historyAll(baseUrl, token, size, rest[0], rest[1], rest[2])
				: mode === 'output'
					? await outputAll(baseUrl, token, size)
					: await deleteAll(baseUrl, token, size, rest[0], rest.slice(1));
	process.stdout.write(JSON.stringify({ ms: Date.now() - started, ...result }));
}

void main();
