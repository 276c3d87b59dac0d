import type { IHttpRequestMethods, IN8nHttpFullResponse } from 'n8n-workflow';

import { authorise } from '../../nodes/shared/transport/auth/authorise';
import { redirectFailure, sendWithinOrigin } from '../../nodes/shared/transport/redirects';

const answer = (statusCode: number, location?: string): IN8nHttpFullResponse => ({
	statusCode,
	headers: location === undefined ? {} : { location },
	body: '',
});

/** An exchange that plays the given answers in turn and records what was asked. */
function scripted(...answers: IN8nHttpFullResponse[]) {
	const asked: Array<[string, IHttpRequestMethods, number]> = [];
	const exchange = async (url: string, method: IHttpRequestMethods, redirects: number) => {
		asked.push([url, method, redirects]);
		return answers[Math.min(asked.length - 1, answers.length - 1)];
	};
	return { asked, exchange };
}

const BASE = 'https://api01.example.com:65106';

describe('sendWithinOrigin', () => {
	it('returns an answer that is not a redirect as it is', async () => {
		const { asked, exchange } = scripted(answer(200));
		expect(await sendWithinOrigin('/ai/x', 'DELETE', () => BASE, exchange)).toEqual({ response: answer(200) });
		expect(asked).toEqual([['/ai/x', 'DELETE', 0]]);
	});

	it('returns a redirect status without a usable Location as an answer', async () => {
		for (const location of [undefined, '', 'http://[broken']) {
			const { exchange } = scripted(answer(302, location));
			expect(await sendWithinOrigin('/ai/x', 'GET', () => BASE, exchange)).toEqual({ response: answer(302, location) });
		}
	});

	it('follows a relative or absolute Location within the origin, keeping the method, and reads a 303 with GET', async () => {
		const { asked, exchange } = scripted(answer(307, '/v2/x?a=1'), answer(308, `${BASE}/v3/x`), answer(303, '/result'), answer(200));
		expect(await sendWithinOrigin('/ai/x', 'POST', () => BASE, exchange)).toEqual({ response: answer(200) });
		expect(asked).toEqual([
			['/ai/x', 'POST', 0],
			[`${BASE}/v2/x?a=1`, 'POST', 1],
			[`${BASE}/v3/x`, 'POST', 2],
			[`${BASE}/result`, 'GET', 3],
		]);
	});

	it.each([
		['another host', 'https://evil.example.com/steal?token=1', 'https://evil.example.com'],
		['another port', 'https://api01.example.com:443/x', 'https://api01.example.com'],
		['another scheme', 'http://api01.example.com:65106/x', 'http://api01.example.com:65106'],
		['a protocol-relative URL', '//evil.example.com/x', 'https://evil.example.com'],
	])('refuses %s and keeps only its origin', async (_, location, target) => {
		const { asked, exchange } = scripted(answer(302, location));
		expect(await sendWithinOrigin('/ai/x', 'DELETE', () => BASE, exchange)).toEqual({
			refused: 'elsewhere',
			origin: BASE,
			target,
			status: 302,
		});
		expect(asked).toHaveLength(1);
	});

	it('gives up after 5 redirects within the origin', async () => {
		const { asked, exchange } = scripted(answer(302, '/again'));
		expect(await sendWithinOrigin('/ai/x', 'GET', () => BASE, exchange)).toMatchObject({ refused: 'loop', origin: BASE });
		expect(asked).toHaveLength(6);
	});
});

describe('redirectFailure', () => {
	it('names the target origin and the field to change', () => {
		const failure = redirectFailure({ refused: 'elsewhere', origin: BASE, target: 'https://other.example.com', status: 301 }, 'SCNet', 'Base URL');
		expect(failure).toMatchObject({ code: 'REDIRECTED', scope: 'account', httpCode: 301 });
		expect(failure.message).toBe(
			'SCNet redirected the request to another address (https://other.example.com); n8n does not follow it, so that no credential is sent there',
		);
		expect(failure.description).toContain("'Base URL'");
	});
});

describe('authorise', () => {
	const credentials = { authentication: 'accessToken', baseUrl: `${BASE}/ai`, token: 'pasted-token-0123456789' };

	it('sends the token to the container service with redirects off', () => {
		const request = authorise(credentials, { url: '/ai/openapi/v2/x' });
		expect(request).toMatchObject({ baseURL: BASE, disableFollowRedirect: true, headers: { token: credentials.token } });
	});

	it('accepts an absolute URL of the same origin (a redirect the node follows)', () => {
		expect(authorise(credentials, { url: `${BASE}/v2/x` }).headers).toEqual({ token: credentials.token });
	});

	it('never attaches the token to an absolute URL of another origin', () => {
		expect(() => authorise(credentials, { url: 'https://evil.example.com/x' })).toThrow(
			'The SCNet token is only sent to the service URLs of the credential',
		);
	});
});
