/**
 * The sandbox's eFile (file) side, over HTTP as the node will use it: every route, the error
 * codes the reference names, the answers it leaves open (each setting), streaming (range
 * downloads, chunked uploads, zips of folders), and what it shares with the other services
 * (token check, recorded route names, faults, reset).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

import { DEFAULT_ACCOUNT } from '../../sandbox/auth';
import { readMultipart } from '../../sandbox/efile/multipart';
import {
	BURST_PATH,
	COPY_PATH,
	DOWNLOAD_CHECK_PATH,
	DOWNLOAD_PATH,
	EXIST_PATH,
	LIST_PATH,
	MERGE_PATH,
	MKDIR_PATH,
	MOVE_PATH,
	REMOVE_PATH,
	RENAME_PATH,
	TOUCH_PATH,
	UPLOAD_PATH,
} from '../../sandbox/efile/routes';
import { startSandbox, type Sandbox } from '../../sandbox/server';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ containers: 0 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const HOME = `/public/home/${DEFAULT_ACCOUNT.clusterUser}`;

interface Call {
	query?: Record<string, string>;
	form?: Record<string, string>;
	multipart?: FormData;
	token?: string;
	headers?: Record<string, string>;
}

interface Answer {
	status: number;
	code?: string;
	msg?: string;
	// Each route's data has its own shape; the tests read it as the node will, field by field.
	data?: any;
	body: any;
}

function fetchCall(method: string, path: string, { query, form, multipart, token, headers = {} }: Call = {}): Promise<Response> {
	const url = new URL(path, sandbox.url);
	for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
	const all: Record<string, string> = { token: token ?? sandbox.token, ...headers };
	let body: string | FormData | undefined = multipart;
	if (form !== undefined) [all['content-type'], body] = ['application/x-www-form-urlencoded', new URLSearchParams(form).toString()];
	return fetch(url, { method, headers: all, body });
}

async function call(method: string, path: string, options: Call = {}): Promise<Answer> {
	const response = await fetchCall(method, path, options);
	const parsed = (await response.json()) as Answer['body'];
	return { status: response.status, code: parsed.code, msg: parsed.msg, data: parsed.data, body: parsed };
}

/** A multipart body with `fields` and one `file` part. */
function multipart(fields: Record<string, string>, bytes: string | Uint8Array, filename = 'data.bin'): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	form.append('file', new Blob([bytes]), filename);
	return form;
}

/** A multipart body with `fields` only. */
function fieldsOnly(fields: Record<string, string>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	return form;
}

const upload = (path: string, bytes: string | Uint8Array, filename = 'data.bin', extra: Record<string, string> = {}) =>
	call('POST', UPLOAD_PATH, { multipart: multipart({ path, ...extra }, bytes, filename) });
const list = (query: Record<string, string> = {}) => call('GET', LIST_PATH, { query: { start: '0', limit: '100', ...query } });
const names = (answer: Answer) => (answer.data.fileList as Array<{ name: string }>).map((entry) => entry.name);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Bytes that differ along the way, so a misplaced chunk shows. */
function pattern(size: number): Buffer {
	const bytes = Buffer.alloc(size);
	for (let at = 0; at < size; at++) bytes[at] = (at * 7 + (at >> 8)) % 251;
	return bytes;
}

/** The entries of a stored zip, read from its central directory, each checked against its CRC-32. */
function unzip(zip: Buffer): Map<string, Buffer | 'folder'> {
	const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	const count = zip.readUInt16LE(end + 10);
	let at = zip.readUInt32LE(end + 16);
	const entries = new Map<string, Buffer | 'folder'>();
	for (let entry = 0; entry < count; entry++) {
		expect(zip.readUInt32LE(at)).toBe(0x02014b50);
		expect(zip.readUInt16LE(at + 10)).toBe(0); // stored
		const [crc, size, nameLength, offset] = [zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 24), zip.readUInt16LE(at + 28), zip.readUInt32LE(at + 42)];
		const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
		const dataStart = offset + 30 + zip.readUInt16LE(offset + 26) + zip.readUInt16LE(offset + 28);
		const data = zip.subarray(dataStart, dataStart + size);
		expect(crc32(data) >>> 0).toBe(crc);
		entries.set(name, name.endsWith('/') ? 'folder' : Buffer.from(data));
		at += 46 + nameLength;
	}
	return entries;
}

describe('the token check and what the eFile routes share with the others', () => {
	it.each([
		['no token', ''],
		['a wrong token', 'not-the-token'],
	])('refuses %s with HTTP 200 and code 10008, storing nothing, even for an upload', async (_, token) => {
		const answer = await call('POST', UPLOAD_PATH, { multipart: multipart({ path: HOME }, 'secret'), token });

		expect(answer).toMatchObject({ status: 200, code: '10008' });
		expect(sandbox.efile.files()).toEqual(['/public/', '/public/home/', `${HOME}/`]);
		expect((await call('GET', LIST_PATH, { query: { start: '0', limit: '10' }, token })).code).toBe('10008');
	});

	it('names the route of every request it records, refused or not, and answers 405 to another method', async () => {
		await call('GET', LIST_PATH, { token: 'wrong' });
		await upload(HOME, 'x');
		const wrongMethod = await call('GET', UPLOAD_PATH);

		expect(wrongMethod).toMatchObject({ status: 405, body: { error: 'Method Not Allowed' } });
		expect(sandbox.requests.map((request) => request.route)).toEqual(['efile.list', 'efile.upload', 'efile.methodNotAllowed']);
	});

	it('lets faults apply to them, and a lost answer still carries the upload out', async () => {
		sandbox.addFault({ when: (request) => request.route === 'efile.upload', times: 1, lose: true });
		await expect(upload(HOME, 'kept')).rejects.toThrow();

		expect(sandbox.efile.read(`${HOME}/data.bin`).toString()).toBe('kept');
		expect((await upload(HOME, 'again')).code).toBe('911021');
	});

	it('forgets files, uploads and settings on reset, and makes the home again', async () => {
		sandbox.efile.configure({ missingExist: 'error' });
		await upload(`${HOME}/dir`, 'x');
		sandbox.reset();

		expect(sandbox.efile.files()).toEqual(['/public/', '/public/home/', `${HOME}/`]);
		expect(sandbox.efile.uploads).toEqual([]);
		expect(sandbox.efile.settings.missingExist).toBe('false');
	});

	it('keeps files in a temporary folder of its own, removed on close', async () => {
		const other = await startSandbox({ containers: 0 });
		other.efile.put('/tmp/a.txt', 'a');

		expect(other.efile.root).not.toBe(sandbox.efile.root);
		expect(readFileSync(other.efile.localPath('/tmp/a.txt'), 'utf8')).toBe('a');
		await other.close();
		expect(existsSync(other.efile.root)).toBe(false);
	});
});

describe('list', () => {
	beforeEach(() => {
		sandbox.efile.put(`${HOME}/b.txt`, 'bb');
		sandbox.efile.put(`${HOME}/a.txt`, 'aaaa');
		sandbox.efile.put(`${HOME}/c.log`, 'c');
		sandbox.efile.mkdir(`${HOME}/runs`);
	});

	it("lists the cluster user's home by default, with the Go SDK's fields and a total", async () => {
		const answer = await list();

		expect(answer.code).toBe('0');
		expect(answer.data).toMatchObject({ total: 4, path: HOME, keyWord: null, shareEnabled: false, children: [{ path: `${HOME}/runs`, id: 1, label: 'runs' }] });
		expect(names(answer)).toEqual(['a.txt', 'b.txt', 'c.log', 'runs']);
		expect(answer.data.fileList[0]).toEqual({
			name: 'a.txt',
			path: `${HOME}/a.txt`,
			size: 4,
			isDirectory: false,
			isRegularFile: true,
			isSymbolicLink: false,
			isOther: false,
			type: 'file',
			lastModifiedTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
			lastAccessTime: expect.any(String),
			creationTime: expect.any(String),
			owner: DEFAULT_ACCOUNT.clusterUser,
			group: DEFAULT_ACCOUNT.clusterUser,
			permission: expect.stringMatching(/^[rwx-]{9}$/),
			fileKey: expect.any(Number),
			isShare: false,
			permissionAction: { read: true, write: true, execute: true, allowed: true },
		});
		expect(answer.data.fileList[3]).toMatchObject({ name: 'runs', isDirectory: true, type: 'directory' });
	});

	it('pages with start and limit (capped by listPageCap), keeping the total', async () => {
		expect(names(await list({ start: '1', limit: '2' }))).toEqual(['b.txt', 'c.log']);
		sandbox.efile.configure({ listPageCap: 1 });
		const capped = await list({ limit: '100' });

		expect([names(capped), capped.data.total]).toEqual([['a.txt'], 4]);
	});

	it('filters by keyWord (anywhere in the name) and sorts by size or name, either way', async () => {
		expect(names(await list({ keyWord: 'TXT' }))).toEqual(['a.txt', 'b.txt']);
		expect(names(await list({ orderBy: 'size', order: 'desc' }))).toEqual(['a.txt', 'b.txt', 'c.log', 'runs']);
		expect(names(await list({ order: 'desc' }))).toEqual(['runs', 'c.log', 'b.txt', 'a.txt']);
	});

	it.each([
		['a folder that does not exist', { path: `${HOME}/nope` }, '911020'],
		['a file', { path: `${HOME}/a.txt` }, '10004'],
		['a relative path', { path: 'a' }, '10004'],
		['no start', { start: '' }, '10003'],
		['no limit', { limit: '' }, '10003'],
		['an unknown orderBy', { orderBy: 'colour' }, '10004'],
	])('refuses %s', async (_, query, code) => {
		expect((await list(query)).code).toBe(code);
	});
});

describe('upload', () => {
	it('stores the file part under its own name in the folder `path`, creating it', async () => {
		const answer = await upload(`${HOME}/in/new`, 'hello', 'hi.txt', { cover: 'uncover' });

		expect(answer).toMatchObject({ status: 200, code: '0', data: null });
		expect(sandbox.efile.read(`${HOME}/in/new/hi.txt`).toString()).toBe('hello');
		expect(sandbox.efile.uploads).toEqual([
			{ route: 'efile.upload', query: {}, fields: { path: `${HOME}/in/new`, cover: 'uncover' }, files: [{ field: 'file', filename: 'hi.txt', contentType: 'application/octet-stream', size: 5 }] },
		]);
		expect(sandbox.requests[0].body).toBe('');
	});

	it('refuses to overwrite with 911021 unless cover=cover', async () => {
		await upload(HOME, 'one');

		expect((await upload(HOME, 'two')).code).toBe('911021');
		expect((await upload(HOME, 'three', 'data.bin', { cover: 'cover' })).code).toBe('0');
		expect(sandbox.efile.read(`${HOME}/data.bin`).toString()).toBe('three');
	});

	it('takes path and cover from the query string too, as the Go SDK sends them, unless told to read the body only', async () => {
		const form = () => {
			const body = new FormData();
			body.append('file', new Blob(['q']), 'q.txt');
			return body;
		};
		expect((await call('POST', UPLOAD_PATH, { query: { path: HOME, cover: 'cover' }, multipart: form() })).code).toBe('0');
		sandbox.efile.configure({ uploadParams: 'body' });

		expect((await call('POST', UPLOAD_PATH, { query: { path: HOME }, multipart: form() })).code).toBe('10003');
	});

	it('keeps a UTF-8 file name and strips a Windows path from it', async () => {
		await upload(HOME, 'x', '结果 "1".txt');
		await upload(HOME, 'y', 'C:\\Users\\me\\win.txt');

		expect(sandbox.efile.files(HOME)).toEqual([`${HOME}/win.txt`, `${HOME}/结果 "1".txt`]);
	});

	it.each([
		['no file part', () => fieldsOnly({ path: HOME }), '10003'],
		['no path', () => multipart({}, 'x'), '10003'],
		['a relative path', () => multipart({ path: 'home' }, 'x'), '10004'],
	])('refuses %s', async (_, body, code) => {
		expect((await call('POST', UPLOAD_PATH, { multipart: body() })).code).toBe(code);
		expect(sandbox.efile.files(HOME)).toEqual([]);
	});

	it('refuses a file over uploadMaxBytes with 10011', async () => {
		sandbox.efile.configure({ uploadMaxBytes: 4 });

		expect((await upload(HOME, '12345')).code).toBe('10011');
		expect((await upload(HOME, '1234')).code).toBe('0');
	});

	it('streams a large upload to disk byte for byte', async () => {
		const bytes = pattern(24 * 1024 * 1024);
		expect((await upload(HOME, bytes, 'big.bin')).code).toBe('0');

		expect(sha256(readFileSync(sandbox.efile.localPath(`${HOME}/big.bin`)))).toBe(sha256(bytes));
	});
});

describe('chunked upload and merge', () => {
	const bytes = pattern(2500);
	const CHUNK = 1000;
	const chunk = (number: number, fields: Record<string, string> = {}) =>
		call('POST', BURST_PATH, {
			multipart: multipart(
				{
					chunkNumber: String(number),
					totalChunks: '3',
					totalSize: String(bytes.length),
					chunkSize: String(CHUNK),
					currentChunkSize: String(Math.min(CHUNK, bytes.length - (number - 1) * CHUNK)),
					filename: 'model.bin',
					relativePath: 'model.bin',
					identifier: `${bytes.length}-model.bin`,
					path: `${HOME}/models`,
					cover: 'uncover',
					...fields,
				},
				bytes.subarray((number - 1) * CHUNK, number * CHUNK),
				'model.bin',
			),
		});
	const mergeForm = { path: `${HOME}/models`, filename: 'model.bin', relativePath: 'model.bin', identifier: '', id: '', cover: 'uncover' };

	it('joins chunks sent out of order into a byte-identical file, and forgets them', async () => {
		for (const number of [3, 1, 2]) expect((await chunk(number)).code).toBe('0');
		expect(sandbox.efile.files(HOME)).toEqual([]);

		expect((await call('POST', MERGE_PATH, { form: mergeForm })).code).toBe('0');
		expect(sha256(sandbox.efile.read(`${HOME}/models/model.bin`))).toBe(sha256(bytes));
		expect((await call('POST', MERGE_PATH, { form: mergeForm })).code).toBe('911020');
	});

	it('merges from a query string (the Go SDK) or multipart fields (the official example)', async () => {
		for (const number of [1, 2, 3]) await chunk(number);
		expect((await call('POST', MERGE_PATH, { query: mergeForm })).code).toBe('0');
		for (const number of [1, 2, 3]) await chunk(number, { cover: 'cover' });
		expect((await call('POST', MERGE_PATH, { multipart: fieldsOnly({ ...mergeForm, cover: 'cover' }) })).code).toBe('0');
		expect(sha256(sandbox.efile.read(`${HOME}/models/model.bin`))).toBe(sha256(bytes));
	});

	it('refuses to merge with a chunk missing (10010), or over an existing file without cover (911021)', async () => {
		await chunk(1);
		await chunk(3);
		expect((await call('POST', MERGE_PATH, { form: mergeForm })).code).toBe('10010');
		await chunk(2);
		sandbox.efile.put(`${HOME}/models/model.bin`, 'old');

		expect((await call('POST', MERGE_PATH, { form: mergeForm })).code).toBe('911021');
		expect((await call('POST', MERGE_PATH, { form: { ...mergeForm, cover: 'cover' } })).code).toBe('0');
	});

	it.each([
		['chunk 0 (they count from 1)', { chunkNumber: '0' }, '10004'],
		['a chunk past totalChunks', { chunkNumber: '4' }, '10004'],
		['no relativePath', { relativePath: '' }, '10003'],
		['a relativePath out of the folder', { relativePath: '../escape.bin' }, '10004'],
	])('refuses %s', async (_, fields, code) => {
		expect((await chunk(1, fields)).code).toBe(code);
	});

	it('reads the chunk fields under the names burstFields gives', async () => {
		const names = { ...sandbox.efile.settings.burstFields, chunkNumber: 'chunkIndex' };
		sandbox.efile.configure({ burstFields: names });

		expect((await chunk(1)).code).toBe('10003');
		expect((await chunk(1, { chunkIndex: '1' })).code).toBe('0');
	});

	it('merges only from the query string when mergeParams says so', async () => {
		for (const number of [1, 2, 3]) await chunk(number);
		sandbox.efile.configure({ mergeParams: 'query' });

		expect((await call('POST', MERGE_PATH, { form: mergeForm })).code).toBe('10003');
		expect((await call('POST', MERGE_PATH, { query: mergeForm })).code).toBe('0');
	});
});

describe('download', () => {
	const bytes = pattern(5000);
	beforeEach(() => sandbox.efile.put(`${HOME}/out/result.bin`, bytes));
	const download = (path: string, headers: Record<string, string> = {}) => fetchCall('GET', DOWNLOAD_PATH, { query: { path }, headers });

	it("sends a file's bytes as application/octet-stream with its name, and no Content-Length by default", async () => {
		const response = await download(`${HOME}/out/result.bin`);

		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/octet-stream');
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="result.bin"; filename*=UTF-8''result.bin`);
		expect(response.headers.get('content-length')).toBeNull();
		expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
	});

	it('says the Content-Length when told, and names a non-ASCII file in filename*', async () => {
		sandbox.efile.configure({ downloadContentLength: true });
		sandbox.efile.put(`${HOME}/结果.txt`, 'ok');
		const response = await download(`${HOME}/结果.txt`);

		expect(response.headers.get('content-length')).toBe('2');
		expect(response.headers.get('content-disposition')).toBe(`attachment; filename="__.txt"; filename*=UTF-8''${encodeURIComponent('结果.txt')}`);
	});

	it.each([
		['bytes=0-1999', 0, 1999],
		['bytes=4000-', 4000, 4999],
		['bytes=-100', 4900, 4999],
		['bytes=4990-9999', 4990, 4999],
	])('answers Range %s with 206 and that part', async (range, start, end) => {
		const response = await download(`${HOME}/out/result.bin`, { range });

		expect(response.status).toBe(206);
		expect(response.headers.get('content-range')).toBe(`bytes ${start}-${end}/5000`);
		expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes.subarray(start, end + 1));
	});

	it('answers a range past the end with 416', async () => {
		const response = await download(`${HOME}/out/result.bin`, { range: 'bytes=6000-' });

		expect([response.status, response.headers.get('content-range')]).toEqual([416, 'bytes */5000']);
	});

	it('sends a missing file as a JSON envelope with 911020, not bytes', async () => {
		const response = await download(`${HOME}/nope.bin`);

		expect(response.headers.get('content-type')).toBe('application/json');
		expect(await response.json()).toMatchObject({ code: '911020' });
	});

	it('sends a folder as a stored zip of everything in it, named after it, and leaves no zip behind', async () => {
		sandbox.efile.put(`${HOME}/out/logs/run 1.log`, 'line\n');
		sandbox.efile.mkdir(`${HOME}/out/empty`);
		const response = await download(`${HOME}/out`);
		const zip = Buffer.from(await response.arrayBuffer());

		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="out.zip"/);
		expect(unzip(zip)).toEqual(
			new Map<string, Buffer | 'folder'>([
				['out/', 'folder'],
				['out/empty/', 'folder'],
				['out/logs/', 'folder'],
				['out/logs/run 1.log', Buffer.from('line\n')],
				['out/result.bin', bytes],
			]),
		);
		const ranged = await download(`${HOME}/out`, { range: 'bytes=0-3' });
		expect(Buffer.from(await ranged.arrayBuffer())).toEqual(zip.subarray(0, 4));
		expect(sandbox.efile.files(HOME)).not.toContainEqual(expect.stringMatching(/\.zip$/));
	});

	it('checks that every path of download-check exists', async () => {
		expect((await call('GET', DOWNLOAD_CHECK_PATH, { query: { paths: `${HOME}/out,${HOME}/out/result.bin` } })).code).toBe('0');
		expect((await call('GET', DOWNLOAD_CHECK_PATH, { query: { paths: `${HOME}/out,${HOME}/nope` } })).code).toBe('911020');
		expect((await call('GET', DOWNLOAD_CHECK_PATH)).code).toBe('10003');
	});
});

describe('mkdir, touch and exist', () => {
	it('makes a folder from a query string on an empty POST; parents only with createParents=true', async () => {
		expect((await call('POST', MKDIR_PATH, { query: { path: `${HOME}/a/b` } })).code).toBe('911020');
		expect((await call('POST', MKDIR_PATH, { query: { path: `${HOME}/a/b`, createParents: 'true' } })).code).toBe('0');
		expect((await call('POST', MKDIR_PATH, { query: { path: `${HOME}/a/b` } })).code).toBe('911021');

		expect(sandbox.efile.files(HOME)).toEqual([`${HOME}/a/`, `${HOME}/a/b/`]);
	});

	it('makes an empty file with touch, and refuses an existing one', async () => {
		expect((await call('POST', TOUCH_PATH, { form: { fileAbsolutePath: `${HOME}/empty.txt` } })).code).toBe('0');
		expect((await call('POST', TOUCH_PATH, { form: { fileAbsolutePath: `${HOME}/empty.txt` } })).code).toBe('911021');
		expect(sandbox.efile.read(`${HOME}/empty.txt`).length).toBe(0);
	});

	it('answers exist with {exist}, or 911020 for a missing path when missingExist says so', async () => {
		sandbox.efile.put(`${HOME}/here.txt`, 'x');

		expect((await call('POST', EXIST_PATH, { form: { path: `${HOME}/here.txt` } })).data).toEqual({ exist: true });
		expect((await call('POST', EXIST_PATH, { form: { path: `${HOME}/gone.txt` } })).data).toEqual({ exist: false });
		sandbox.efile.configure({ missingExist: 'error' });
		expect((await call('POST', EXIST_PATH, { form: { path: `${HOME}/gone.txt` } })).code).toBe('911020');
		expect((await call('POST', EXIST_PATH, { form: {} })).code).toBe('10003');
	});

	it('answers writes with the writeData setting', async () => {
		sandbox.efile.configure({ writeData: 'success' });

		expect((await call('POST', MKDIR_PATH, { query: { path: `${HOME}/x` } })).data).toBe('success');
	});
});

describe('rename, move, copy and remove', () => {
	beforeEach(() => {
		sandbox.efile.put(`${HOME}/a.txt`, 'a');
		sandbox.efile.put(`${HOME}/b.txt`, 'b');
		sandbox.efile.put(`${HOME}/dir/inner.txt`, 'i');
		sandbox.efile.mkdir(`${HOME}/target`);
	});

	it('renames within the folder, refusing a taken name (911021), a path as name (10004) and a missing file (911020)', async () => {
		const rename = (fileAbsolutePath: string, newName: string) => call('POST', RENAME_PATH, { form: { fileAbsolutePath, newName } });

		expect((await rename(`${HOME}/a.txt`, 'c.txt')).code).toBe('0');
		expect((await rename(`${HOME}/c.txt`, 'b.txt')).code).toBe('911021');
		expect((await rename(`${HOME}/c.txt`, 'x/y.txt')).code).toBe('10004');
		expect((await rename(`${HOME}/a.txt`, 'd.txt')).code).toBe('911020');
		expect(sandbox.efile.read(`${HOME}/c.txt`).toString()).toBe('a');
	});

	it('moves several comma-separated paths into a folder, refusing a taken name unless cover=cover', async () => {
		const move = (cover = 'uncover') => call('POST', MOVE_PATH, { form: { sourcePaths: `${HOME}/a.txt,${HOME}/dir`, targetPath: `${HOME}/target`, cover } });

		expect((await move()).code).toBe('0');
		expect(sandbox.efile.files(`${HOME}/target`)).toEqual([`${HOME}/target/a.txt`, `${HOME}/target/dir/`, `${HOME}/target/dir/inner.txt`]);
		sandbox.efile.put(`${HOME}/a.txt`, 'new');
		sandbox.efile.mkdir(`${HOME}/dir`);
		expect((await move()).code).toBe('911021');
		expect((await move('cover')).code).toBe('0');
		expect(sandbox.efile.read(`${HOME}/target/a.txt`).toString()).toBe('new');
	});

	it('refuses a move into a missing folder, of a missing file, or of a folder into itself, changing nothing', async () => {
		const move = (sourcePaths: string, targetPath: string) => call('POST', MOVE_PATH, { form: { sourcePaths, targetPath } });

		expect((await move(`${HOME}/a.txt`, `${HOME}/nope`)).code).toBe('911020');
		expect((await move(`${HOME}/a.txt,${HOME}/nope.txt`, `${HOME}/target`)).code).toBe('911020');
		expect((await move(`${HOME}/dir`, `${HOME}/dir`)).code).toBe('10004');
		expect(sandbox.efile.files(`${HOME}/target`)).toEqual([]);
	});

	it('copies, leaving the source', async () => {
		expect((await call('POST', COPY_PATH, { form: { sourcePaths: `${HOME}/dir`, targetPath: `${HOME}/target` } })).code).toBe('0');

		expect(sandbox.efile.read(`${HOME}/target/dir/inner.txt`).toString()).toBe('i');
		expect(sandbox.efile.read(`${HOME}/dir/inner.txt`).toString()).toBe('i');
	});

	it('removes comma-separated paths from a query string; a full folder only with recursive=true', async () => {
		const remove = (query: Record<string, string>) => call('POST', REMOVE_PATH, { query });

		expect((await remove({ paths: `${HOME}/a.txt,${HOME}/dir` })).code).toBe('10004');
		expect(sandbox.efile.files(HOME)).toContain(`${HOME}/a.txt`);
		expect((await remove({ paths: `${HOME}/a.txt,${HOME}/dir`, recursive: 'true' })).code).toBe('0');
		expect((await remove({ paths: `${HOME}/target` })).code).toBe('0');
		expect((await remove({ paths: `${HOME}/a.txt` })).code).toBe('911020');
		expect(sandbox.efile.files(HOME)).toEqual([`${HOME}/b.txt`]);
	});

	it('takes remove from a form body too, unless removeParams says query', async () => {
		expect((await call('POST', REMOVE_PATH, { form: { paths: `${HOME}/a.txt` } })).code).toBe('0');
		sandbox.efile.configure({ removeParams: 'query' });

		expect((await call('POST', REMOVE_PATH, { form: { paths: `${HOME}/b.txt` } })).code).toBe('10003');
	});
});

describe('the multipart reader', () => {
	const BOUNDARY = '----sandbox7MA4YWxkTrZu0gW';
	const body = Buffer.from(
		[
			'preamble to ignore',
			`--${BOUNDARY}`,
			'Content-Disposition: form-data; name="file"; filename="a\\"b.txt"',
			'Content-Type: text/plain',
			'',
			`line one\r\n--${BOUNDARY.slice(0, 10)} not a boundary`,
			`--${BOUNDARY}`,
			'Content-Disposition: form-data; name="path"',
			'',
			'/public/home/路径',
			`--${BOUNDARY}--`,
			'',
		].join('\r\n'),
	);

	async function* pieces(size: number) {
		for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
	}

	it.each([1, 7, body.length])('reads fields after a file, in pieces of %i bytes', async (size) => {
		const form = await readMultipart(pieces(size), BOUNDARY, sandbox.efile.root);
		const content = `line one\r\n--${BOUNDARY.slice(0, 10)} not a boundary`;

		expect(Object.fromEntries(form.fields)).toEqual({ path: '/public/home/路径' });
		expect(form.files).toEqual([{ field: 'file', filename: 'a"b.txt', contentType: 'text/plain', size: content.length, tempPath: expect.any(String) }]);
		expect(readFileSync(form.files[0].tempPath, 'utf8')).toBe(content);
	});

	it('refuses a body cut before its closing boundary, leaving no file behind', async () => {
		const cut = body.subarray(0, body.length - 30);
		async function* once() {
			yield cut;
		}
		await expect(readMultipart(once(), BOUNDARY, sandbox.efile.root)).rejects.toThrow(/ended before/);
	});

	it('answers a malformed upload with HTTP 400', async () => {
		const response = await fetch(new URL(UPLOAD_PATH, sandbox.url), {
			method: 'POST',
			headers: { token: sandbox.token, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
			body: body.subarray(0, 60),
		});

		expect(response.status).toBe(400);
	});
});
