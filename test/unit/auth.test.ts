import { tokenExpiry } from '../../nodes/shared/transport/auth/jwt';
import { candidateRegions, readDiscovery, readRegionTokens } from '../../nodes/shared/transport/auth/regions';
import { renewalTime, sessionIsDue, signInFingerprint } from '../../nodes/shared/transport/auth/session';
import { accessKeySignature } from '../../nodes/shared/transport/auth/signature';

const jwt = (claims: object) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('accessKeySignature', () => {
	it('is the lowercase hex HMAC-SHA256 of the compact JSON, keyed with the secret key', () => {
		// Computed independently: printf '%s' '{"accessKey":"85f9ab","timestamp":"1764597591","user":"bob"}' | openssl dgst -sha256 -hmac sk-example
		expect(accessKeySignature('bob', '85f9ab', '1764597591', 'sk-example')).toBe(
			'54ce076c955b3c971f80f8bed678c941d7ead4c6eebb940e0c9be723f3a6f55f',
		);
	});
});

describe('tokenExpiry', () => {
	it.each([
		['a string of milliseconds', { expireTime: '1795855557000' }, 1795855557000],
		['a number', { expireTime: 1795855557000 }, 1795855557000],
		['no claim', { user: 'bob' }, undefined],
		['a non-number', { expireTime: 'tomorrow' }, undefined],
	])('reads %s', (_, claims, expected) => {
		expect(tokenExpiry(jwt(claims))).toBe(expected);
	});

	it.each(['not-a-jwt', 'a.%%%.c', ''])('tolerates %j', (token) => {
		expect(tokenExpiry(token)).toBeUndefined();
	});
});

describe('renewalTime', () => {
	const now = 1_000_000_000_000;
	it('is five minutes before a day-long token expires', () => {
		expect(renewalTime(now + 86_400_000, now)).toBe(now + 86_400_000 - 300_000);
	});
	it('leaves four fifths of a short lifetime', () => {
		expect(renewalTime(now + 10_000, now)).toBe(now + 8_000);
	});
	it('is unknown for an unknown or already past expiry (a skewed clock)', () => {
		expect(renewalTime(undefined, now)).toBeUndefined();
		expect(renewalTime(now - 1, now)).toBeUndefined();
	});
});

describe('sessionIsDue', () => {
	const base = { authentication: 'accessKey', user: 'bob', accessKey: 'ak', authUrl: 'https://api.scnet.cn' };
	const session = (extra: object = {}) =>
		JSON.stringify({ urls: { ai: 'https://ai.example' }, region: { id: '1', name: 'r' }, signedInWith: signInFingerprint(base), ...extra });

	it('never for a pasted access token', () => {
		expect(sessionIsDue({ authentication: 'accessToken', baseUrl: 'https://x', token: 't' })).toBe(false);
	});
	it('before the first sign-in', () => {
		expect(sessionIsDue({ ...base, sessionToken: '', session: '' })).toBe(true);
	});
	it('not while the session is fresh', () => {
		expect(sessionIsDue({ ...base, sessionToken: 't', session: session({ renewAt: Date.now() + 60_000 }) })).toBe(false);
	});
	it('for a session of 0.5.0 or earlier, which knew one service URL only', () => {
		const old = JSON.stringify({ serviceUrl: 'https://ai.example', region: { id: '1', name: 'r' }, signedInWith: signInFingerprint(base), renewAt: Date.now() + 60_000 });
		expect(sessionIsDue({ ...base, sessionToken: 't', session: old })).toBe(true);
	});
	it('once the renewal time has come', () => {
		expect(sessionIsDue({ ...base, sessionToken: 't', session: session({ renewAt: Date.now() - 1 }) })).toBe(true);
	});
	it('after the user changed who or where it signs in', () => {
		expect(sessionIsDue({ ...base, region: 'other', sessionToken: 't', session: session() })).toBe(true);
	});
	it('when the stored session is unreadable', () => {
		expect(sessionIsDue({ ...base, sessionToken: 't', session: '{oops' })).toBe(true);
	});
});

describe('regions', () => {
	const answer = [
		{ clusterId: '0', clusterName: 'ac', token: 'platform' },
		{ clusterId: 11112, clusterName: 'OpenAPI计算中心', token: 'east' },
		{ clusterId: '11113', clusterName: 'West', token: null },
		{ clusterId: '11114', clusterName: 'North', token: 'north' },
	];
	const regions = readRegionTokens(answer);

	it('never offers the platform token', () => {
		expect(candidateRegions(regions, '').map((r) => r.token)).toEqual(['east', 'north']);
	});
	it.each([['11114'], ['north'], [' North ']])('finds a region by ID or name (%j)', (wanted) => {
		expect(candidateRegions(regions, wanted)).toEqual([{ id: '11114', name: 'North', token: 'north' }]);
	});
	it('says a region with a null token is disabled or in arrears', () => {
		expect(() => candidateRegions(regions, 'West')).toThrow('The SCNet account is disabled or in arrears in region West (11113)');
	});
	it('lists the regions when the one asked for is unknown', () => {
		expect(() => candidateRegions(regions, 'ac')).toThrow("The SCNet account has no region 'ac' (its regions: OpenAPI计算中心 (11112), West (11113), North (11114))");
	});
	it('tolerates a single object and junk entries', () => {
		expect(readRegionTokens({ clusterId: '1', clusterName: 'one', token: 't' })).toEqual([{ id: '1', name: 'one', token: 't' }]);
		expect(readRegionTokens([null, 'x', {}])).toEqual([]);
	});

	const center = (id: string, aiUrls: unknown) => ({ id, name: id, aiUrls });
	it.each([
		['an object with a string flag', center('1', [{ enable: 'true', url: 'https://ai.example:65106/ai' }])],
		['an array with a boolean flag', [center('1', [{ enable: true, url: 'https://ai.example:65106/' }])]],
	])('finds the enabled container service URL in %s', (_, data) => {
		expect(readDiscovery(data, { id: '1', name: '' }).urls.ai).toBe('https://ai.example:65106');
	});
	it("prefers the region's own entry and skips disabled URLs", () => {
		const data = [
			center('2', [{ enable: 'true', url: 'https://other.example' }]),
			center('1', [{ enable: 'false', url: 'https://off.example' }, { enable: 'true', url: 'https://on.example/ai' }]),
		];
		expect(readDiscovery(data, { id: '1', name: '' }).urls.ai).toBe('https://on.example');
	});
	it('recognises the region by name when the entries carry no ID', () => {
		const data = [
			{ name: 'other', aiUrls: [{ enable: 'true', url: 'https://other.example' }] },
			{ name: 'mine', aiUrls: [{ enable: 'true', url: 'https://mine.example' }] },
		];
		expect(readDiscovery(data, { id: '7', name: 'mine' }).urls.ai).toBe('https://mine.example');
	});
	it('reads every service of the region, each URL normalised, and its cluster user', () => {
		const data = {
			id: '1',
			name: 'one',
			clusterUserInfo: { userName: ' acx3f ', homePath: '/public/home/acx3f' },
			aiUrls: [{ enable: 'true', url: 'https://h.example:65051/ai/' }],
			hpcUrls: [{ enable: 'false', url: 'https://off.example' }, { enable: 'true', url: 'https://h.example:65051/hpc' }],
			efileUrls: [{ enable: 'true', url: 'https://f1.example/efile' }, { enable: 'true', url: 'https://f2.example' }],
		};
		expect(readDiscovery(data, { id: '1', name: '' })).toEqual({
			urls: { ai: 'https://h.example:65051', hpc: 'https://h.example:65051', efile: 'https://f1.example' },
			clusterUser: 'acx3f',
			homePath: '/public/home/acx3f',
		});
	});
	it("leaves out what the region's entry lacks, and reads no other region's services", () => {
		const data = [
			{ id: '2', aiUrls: [{ enable: 'true', url: 'https://other.example' }] },
			{ id: '1', hpcUrls: [{ enable: 'true', url: 'https://hpc.example' }] },
		];
		expect(readDiscovery(data, { id: '1', name: '' })).toEqual({ urls: { hpc: 'https://hpc.example' } });
	});
	it('finds nothing when no URL is enabled or usable', () => {
		expect(readDiscovery(center('1', [{ enable: 'false', url: 'https://off.example' }]), { id: '1', name: '' }).urls.ai).toBeUndefined();
		expect(readDiscovery(center('1', [{ enable: 'true', url: 'ftp://x' }]), { id: '1', name: '' }).urls.ai).toBeUndefined();
		expect(readDiscovery(null, { id: '1', name: '' }).urls.ai).toBeUndefined();
	});
});
