import { readAnswer } from '../../nodes/shared/transport/answer';
import { encodeBody, queryString } from '../../nodes/shared/transport/bodies';

/** Reads a body back the way a server's multipart or form parser would (Node's own, from undici). */
async function parsed(content: string | Buffer, contentType: string): Promise<FormData> {
	return new Response(content, { headers: { 'content-type': contentType } }).formData();
}

describe('request bodies', () => {
	it('sends JSON as it is', () => {
		expect(encodeBody({ body: { a: 1, b: ['x'] } })).toEqual({ content: '{"a":1,"b":["x"]}', contentType: 'application/json' });
	});

	it('encodes a form as a server reads it, repeating list fields and leaving undefined ones out', async () => {
		const encoded = encodeBody({ form: { jobMethod: 5, strJobInfoMap: '1638523853,u:1:;1638523853,u:2:', ids: ['a&b', 'c d'], none: undefined } });

		expect(encoded?.contentType).toBe('application/x-www-form-urlencoded');
		const form = await parsed(encoded?.content as string, encoded?.contentType as string);
		expect([...form.entries()]).toEqual([
			['jobMethod', '5'],
			['strJobInfoMap', '1638523853,u:1:;1638523853,u:2:'],
			['ids', 'a&b'],
			['ids', 'c d'],
		]);
	});

	it('builds a multipart body that a server parses into its fields and file, bytes intact', async () => {
		const bytes = Buffer.from([0, 1, 2, 255, 13, 10, 45, 45]);
		const encoded = encodeBody({ multipart: [{ name: 'path', value: '/public/home/u/data' }, { name: 'file', file: bytes, fileName: 'a "b".bin' }] });

		expect(encoded?.contentType).toMatch(/^multipart\/form-data; boundary=----n8n-scnet-[0-9a-f]{24}$/);
		const form = await parsed(encoded?.content as Buffer, encoded?.contentType as string);
		expect(form.get('path')).toBe('/public/home/u/data');
		const file = form.get('file') as File;
		// Quotes travel as %22, as browsers send them, and are read back.
		expect(file.name).toBe('a "b".bin');
		expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
	});

	it('has no body when none is given', () => {
		expect(encodeBody({})).toBeUndefined();
	});

	it('writes a query string with every name and value percent-encoded', () => {
		expect(queryString({ a: 'x y', ids: ['1', '2'], skip: undefined })).toBe('?a=x%20y&ids=1&ids=2');
		expect(queryString({})).toBe('');
	});
});

describe('binary answers', () => {
	it('are the content itself when SCNet answers with something other than JSON', () => {
		const bytes = Buffer.from('line 1\nline 2\n');
		expect(readAnswer(200, { 'content-type': 'application/octet-stream' }, bytes, { binary: true })).toEqual({
			ok: true,
			message: '',
			data: bytes,
			headers: { 'content-type': 'application/octet-stream' },
		});
	});

	it('are read as an envelope when SCNet answers JSON, so that its refusal is a failure', () => {
		const refusal = Buffer.from(JSON.stringify({ code: '10008', msg: 'token is invalid', data: null }));
		expect(readAnswer(200, { 'content-type': 'application/json;charset=UTF-8' }, refusal, { binary: true })).toMatchObject({ ok: false, failure: { code: '10008' } });
	});

	it('are failures when the HTTP status is', () => {
		expect(readAnswer(404, { 'content-type': 'text/html' }, Buffer.from('<html>'), { binary: true })).toMatchObject({ ok: false, failure: { code: 'HTTP_404' } });
	});
});
