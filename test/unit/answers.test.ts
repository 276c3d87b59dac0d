import {
	failureForCode,
	failureForHttpStatus,
	SCNET_ERROR_CODES,
} from '../../nodes/shared/transport/errorCodes';
import { readAnswer } from '../../nodes/shared/transport/answer';
import { normalizeBaseUrl } from '../../nodes/shared/transport/baseUrl';
import { networkFailure } from '../../nodes/shared/transport/networkFailure';

const DOCUMENTED_CODES = ['10001', '10003', '10004', '10007', '10008', '10009', '10010', '10011', '10012', '716020', '716864', '716865', '716866', '716870'];
/** Codes no official table lists but live clients read (reference: scnet-platform-api.md §5): eFile's, and the notebook codes of SCNet's console. */
const LIVE_CLIENT_CODES = ['911020', '911021', '1004', '816822', '817140', '818218'];

describe('the error table', () => {
	it('covers every documented code with an English message and a remedy', () => {
		expect(Object.keys(SCNET_ERROR_CODES).sort()).toEqual([...DOCUMENTED_CODES, ...LIVE_CLIENT_CODES].sort());
		for (const code of [...DOCUMENTED_CODES, ...LIVE_CLIENT_CODES]) {
			const failure = failureForCode(code, '删除任务失败');
			expect(failure.message).toMatch(/^[\x20-\x7e]+$/);
			expect(failure.description).toMatch(/^[\x20-\x7e]+$/);
			expect(failure.message).not.toContain('删除');
		}
	});

	it('tells the user to renew the token on 10008', () => {
		expect(failureForCode('10008', '')).toMatchObject({ scope: 'account', description: expect.stringMatching(/renew the token/i) });
	});

	it.each([
		['716866', 'ids'],
		['716020', 'ids'],
		['10004', 'ids'],
		['10001', 'ids'],
		['10007', 'account'],
		['10008', 'account'],
		['10009', 'account'],
		['10003', 'batch'],
	])('gives %s the scope %s', (code, scope) => {
		expect(failureForCode(code, '').scope).toBe(scope);
	});

	it("keeps the server's message for unknown codes", () => {
		expect(failureForCode('999999', 'quota exceeded')).toMatchObject({
			code: '999999',
			message: 'SCNet answered: quota exceeded',
			scope: 'batch',
		});
	});

	it.each([
		[401, 'account', /credential/],
		[403, 'account', /credential/],
		[404, 'account', /not found/],
		[429, 'batch', /rate/],
		[502, 'batch', /server error/],
		[400, 'batch', /rejected/],
	])('maps HTTP %i', (status, scope, message) => {
		expect(failureForHttpStatus(status)).toMatchObject({ code: `HTTP_${status}`, scope, message: expect.stringMatching(message) });
	});
});

describe('readAnswer', () => {
	const ok = JSON.stringify({ code: '0', msg: 'success', data: null });

	it('succeeds only on the string code "0"', () => {
		expect(readAnswer(200, {}, ok)).toEqual({ ok: true, message: 'success', data: null });
		expect(readAnswer(200, {}, { code: 0, msg: 'ok' })).toMatchObject({ ok: true });
	});

	it('fails on HTTP 200 with an error code', () => {
		expect(readAnswer(200, {}, '{"code":"716866","msg":"删除任务失败","data":null}')).toMatchObject({
			ok: false,
			transient: false,
			failure: { code: '716866', message: 'SCNet could not delete the container', scope: 'ids' },
		});
	});

	it.each([
		['an HTML page', '<!DOCTYPE html><html><body>Bad Gateway</body></html>', /HTML page/],
		['broken JSON', '{"code":"0",', /malformed JSON/],
		['an empty body', '', /empty body/],
		['JSON without a code', '{"status":"ok"}', /without a result code/],
		['a JSON array', '[1,2]', /without a result code/],
	])('turns %s at HTTP 200 into a clear failure', (_, body, message) => {
		expect(readAnswer(200, {}, body)).toMatchObject({
			ok: false,
			transient: false,
			failure: { code: 'INVALID_RESPONSE', message: expect.stringMatching(message) },
		});
	});

	it('marks 5xx, 429 and code 10012 as transient', () => {
		expect(readAnswer(503, {}, '<html>down</html>')).toMatchObject({ ok: false, transient: true, failure: { code: 'HTTP_503' } });
		expect(readAnswer(429, { 'retry-after': '2' }, '')).toMatchObject({ transient: true, retryAfterMs: 2000 });
		expect(readAnswer(200, {}, '{"code":"10012","msg":"连接中断"}')).toMatchObject({ transient: true });
	});

	it('prefers the envelope code over the HTTP status, but a refused credential concerns the account', () => {
		expect(readAnswer(500, {}, '{"code":"716020"}')).toMatchObject({ transient: true, failure: { code: '716020', httpCode: 500 } });
		expect(readAnswer(401, {}, '{"code":"10004"}')).toMatchObject({ failure: { code: '10004', scope: 'account' } });
		expect(readAnswer(403, {}, 'Forbidden')).toMatchObject({ transient: false, failure: { code: 'HTTP_403', scope: 'account' } });
	});
});

describe('normalizeBaseUrl', () => {
	it.each([
		['https://api01.example.com:65106', 'https://api01.example.com:65106'],
		['https://api01.example.com:65106/', 'https://api01.example.com:65106'],
		['https://api01.example.com:65106/ai', 'https://api01.example.com:65106'],
		['https://api01.example.com:65106/ai/', 'https://api01.example.com:65106'],
		[' https://host/prefix/ai// ', 'https://host/prefix'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
	])('accepts %j', (raw, expected) => {
		expect(normalizeBaseUrl(raw)).toBe(expected);
	});

	it.each(['', 'api01.example.com', 'ftp://host', 'https://host?x=1', 'https://user:pw@host', 'https://host/#a'])(
		'refuses %j',
		(raw) => {
			expect(normalizeBaseUrl(raw)).toBeUndefined();
		},
	);
});

describe('networkFailure', () => {
	const wrapped = (code: string) => ({ message: 'wrapped', cause: { code } });

	it.each([
		['ECONNRESET', 'ECONNRESET', true, 'batch'],
		['ECONNABORTED', 'TIMEOUT', true, 'batch'],
		['ECONNREFUSED', 'ECONNREFUSED', true, 'account'],
		['ENOTFOUND', 'ENOTFOUND', false, 'account'],
		['DEPTH_ZERO_SELF_SIGNED_CERT', 'DEPTH_ZERO_SELF_SIGNED_CERT', false, 'account'],
	])('maps %s', (raw, code, transient, scope) => {
		expect(networkFailure(wrapped(raw), 1000)).toMatchObject({ transient, failure: { code, scope } });
	});

	it('leaves cancellations and other errors alone', () => {
		expect(networkFailure(wrapped('ERR_CANCELED'), 1000)).toBeUndefined();
		expect(networkFailure(new Error('boom'), 1000)).toBeUndefined();
	});
});
