import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { ScnetApi } from '../../credentials/ScnetApi.credentials';
import { signIn } from '../../nodes/shared/transport/auth';
import { CREDENTIAL_TYPE_DISPLAY_NAME, namingCredential } from '../../nodes/shared/transport/auth/credentialName';
import { findSignInError } from '../../nodes/shared/transport/auth/signInError';
import { SCNET_ERROR_CODES, failureForHttpStatus, type ScnetFailure } from '../../nodes/shared/transport/errorCodes';
import { networkFailure } from '../../nodes/shared/transport/networkFailure';

const credential = new ScnetApi();
const MODES = ['accessKey', 'password', 'accessToken'] as const;

/** The fields the editor shows for a mode, in the order it shows them (hidden ones left out). */
function shownIn(mode: (typeof MODES)[number]): INodeProperties[] {
	return credential.properties.filter(
		(property) => property.type !== 'hidden' && (property.displayOptions?.show?.authentication ?? [mode]).includes(mode),
	);
}

const labels = (properties: INodeProperties[]) => properties.map((property) => property.displayName);

describe('the SCNet API credential, as the editor shows it', () => {
	it.each(MODES)('shows every field a user must fill in (%s) before the optional ones', (mode) => {
		const shown = shownIn(mode).filter((property) => property.name !== 'authentication');
		const firstOptional = shown.findIndex((property) => property.required !== true);
		const lastRequired = shown.map((property) => property.required === true).lastIndexOf(true);

		expect(lastRequired).toBeGreaterThanOrEqual(0);
		expect(lastRequired).toBeLessThan(firstOptional);
	});

	it.each(MODES)('puts the advanced URL fields after the required ones (%s)', (mode) => {
		const shown = labels(shownIn(mode));
		const lastRequired = Math.max(...shownIn(mode).map((property, index) => (property.required === true ? index : -1)));

		for (const advanced of ['Sign-in URL', 'Region Discovery URL', 'Container Service URL']) {
			if (shown.includes(advanced)) expect([advanced, shown.indexOf(advanced) > lastRequired]).toEqual([advanced, true]);
		}
	});

	it('gives the container service URL one name in every mode, keeping its parameter name', () => {
		const baseUrl = credential.properties.filter((property) => property.name === 'baseUrl');

		expect(baseUrl.length).toBeGreaterThan(0);
		expect(new Set(labels(baseUrl))).toEqual(new Set(['Container Service URL']));
		for (const mode of MODES) expect(labels(shownIn(mode))).toContain('Container Service URL');
		expect(credential.properties.map((property) => property.displayName)).not.toContain('Base URL');
	});

	it('gives a field shown in several modes the same name in each', () => {
		const byName = new Map<string, Set<string>>();
		for (const property of credential.properties) byName.set(property.name, (byName.get(property.name) ?? new Set()).add(property.displayName));

		for (const [name, names] of byName) expect([name, [...names]]).toEqual([name, [...names].slice(0, 1)]);
	});

	it.each(MODES)('says of each optional field (%s) what leaving it empty does', (mode) => {
		const optionalText = shownIn(mode).filter((property) => property.type === 'string' && property.required !== true);

		expect(optionalText.length).toBeGreaterThan(0);
		for (const property of optionalText) {
			expect([property.displayName, /leave empty/i.test(String(property.description))]).toEqual([property.displayName, true]);
			expect([property.displayName, property.default]).toEqual([property.displayName, '']);
		}
	});

	it('starts every placeholder with "e.g."', () => {
		for (const property of credential.properties.filter((candidate) => candidate.placeholder !== undefined)) {
			expect(String(property.placeholder)).toMatch(/^e\.g\. /);
		}
	});

	it('is named by the same display name the remedies fall back on', () => {
		expect(credential.displayName).toBe(CREDENTIAL_TYPE_DISPLAY_NAME);
	});
});

describe('a sign-in with the URL fields left empty', () => {
	/** Signs in through a helper that records each request and answers none (the connection is refused). */
	async function urlsSignedInAt(credentials: ICredentialDataDecryptedObject): Promise<[string[], ScnetFailure | undefined]> {
		const urls: string[] = [];
		const helper = {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					urls.push(options.url);
					throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
				},
			},
		} as unknown as IHttpRequestHelper;
		try {
			await signIn.call(helper, credentials);
		} catch (error) {
			return [urls, findSignInError(error)?.failure];
		}
		return [urls, undefined];
	}

	it("signs in at SCNet's public API", async () => {
		const [urls, failure] = await urlsSignedInAt({ authentication: 'accessKey', user: 'bob', accessKey: 'ak', secretKey: 'sk', authUrl: '', centerUrl: '' });

		expect(urls).toEqual(['https://api.scnet.cn/api/user/v3/tokens']);
		expect(failure?.message).toMatch(/\(SCNet sign-in service at https:\/\/api\.scnet\.cn\)$/);
	});

	it('still refuses a URL field that holds something other than a URL', async () => {
		const [urls, failure] = await urlsSignedInAt({ authentication: 'accessKey', user: 'bob', accessKey: 'ak', secretKey: 'sk', authUrl: 'not a url' });

		expect(urls).toEqual([]);
		expect(failure).toMatchObject({ code: 'CREDENTIAL_INCOMPLETE', message: "The 'Sign-in URL' of the SCNet API credential is not a valid http(s) URL" });
	});
});

describe('namingCredential', () => {
	const refused = failureForHttpStatus(401);

	it('names the credential as the user saved it', () => {
		expect(namingCredential(refused, 'SCNet production', []).description).toBe(
			"The token is invalid or expired. Renew the token (a pasted access token expires within about a day) and paste the new one into 'Token' in the 'SCNet production' credential.",
		);
	});

	it.each([undefined, '', '  '])("keeps the type's display name when the saved name is %j", (name) => {
		expect(namingCredential(refused, name, [])).toBe(refused);
		expect(refused.description).toContain("in the 'SCNet API' credential");
	});

	it('conceals a secret the name holds', () => {
		expect(namingCredential(refused, 'prod sk-123', ['sk-123']).description).toContain("in the 'prod [secret]' credential");
	});

	it('leaves a remedy that names no credential as it is', () => {
		const frozen = { code: '10007', ...SCNET_ERROR_CODES['10007'] };
		expect(namingCredential(frozen, 'SCNet production', [])).toBe(frozen);
	});

	it("gives a pasted token's refusals the remedy of that mode only", () => {
		for (const failure of [failureForHttpStatus(401), failureForHttpStatus(403), ...['10008', '10009'].map((code) => ({ code, ...SCNET_ERROR_CODES[code] }))]) {
			expect(failure.description).toMatch(/into 'Token' in the 'SCNet API' credential\.$/);
			expect(failure.description).not.toMatch(/sign(s|ed|ing)? in|access key|password/i);
		}
	});
});

describe('the remedies', () => {
	const fields = new Set(credential.properties.map((property) => property.displayName));
	const named = (text: string) => [...text.matchAll(/credential's '([^']+)'|in '([^']+)'/g)].map((match) => match[1] ?? match[2]);
	const network = (code: string) => networkFailure(Object.assign(new Error(code), { code }), 1000)?.failure;

	it('name only fields the credential has', () => {
		const remedies = [
			...Object.values(SCNET_ERROR_CODES).map((info) => info.description),
			...[401, 404, 400].map((status) => failureForHttpStatus(status).description),
			...['ENOTFOUND', 'ECONNREFUSED', 'CERT_HAS_EXPIRED'].map((code) => String(network(code)?.description)),
		];

		for (const remedy of remedies) {
			for (const field of named(remedy)) expect([field, fields.has(field)]).toEqual([field, true]);
		}
		expect(remedies.join(' ')).not.toContain('Base URL');
	});
});
