/**
 * The sandbox's sign-in side: SCNet's two token endpoints (access key with signature check and a
 * replay window on `timestamp`; user + password + orgId), region discovery, token validation, and
 * JWTs that expire. All sandbox settings can change between tests through `configure`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const V3_SIGN_IN_PATH = '/api/user/v3/tokens';
export const V2_SIGN_IN_PATH = '/ac/openapi/v2/tokens';
export const CENTER_PATH = '/ac/openapi/v2/center';
export const TOKEN_STATE_PATH = '/ac/openapi/v2/tokens/state';
export const USER_PATH = '/ac/openapi/v2/user';

export interface SandboxAccount {
	user: string;
	/**
	 * The cluster (Linux) user HPC jobs run as, as region discovery and the token's `computeUser`
	 * name it: different from the login, as a live client found it on the real platform.
	 */
	clusterUser: string;
	accessKey: string;
	secretKey: string;
	password: string;
	orgId: string;
}

/** A region's entry for one service in region discovery; `url` defaults to the sandbox's own. */
export interface SandboxServiceUrl {
	enable: unknown;
	url?: string;
}

export interface SandboxRegion {
	id: string;
	name: string;
	/** The account is disabled or in arrears here: sign-in lists the region with a null token. */
	disabled?: boolean;
	/** The region's `aiUrls` entry; `url` defaults to the sandbox's own `/ai`. Null: no entry at all. */
	aiUrl?: SandboxServiceUrl | null;
	/** The `hpcUrls` entry (the sandbox itself by default); null for a region without a job service. */
	hpcUrl?: SandboxServiceUrl | null;
	/** The `efileUrls` entry (the sandbox itself by default); null for a region without a file service. */
	efileUrl?: SandboxServiceUrl | null;
}

export interface AuthSettings {
	account: SandboxAccount;
	regions: SandboxRegion[];
	/** Region discovery's `data`: one object (the token's region) or an array of every region. */
	centerShape: 'object' | 'array';
	/** How long an issued token lives. */
	tokenLifetimeMs: number;
	/** How far `timestamp` may be from the sandbox's clock, in seconds. */
	replayWindowSeconds: number;
	/** How far the sandbox's clock is ahead of the real one, to play a server that finds timestamps stale. */
	clockOffsetSeconds: number;
	/** The account's balance, as SCNet writes it (text). */
	accountBalance: string;
	/** Which tokens `/ac/openapi/v2/user` accepts (undocumented on the real platform). */
	userTokens: 'platform' | 'region' | 'any';
}

export const DEFAULT_ACCOUNT: SandboxAccount = {
	user: 'sandbox-user',
	clusterUser: 'acx3fh878f',
	accessKey: '934e4dd887264b63a797ccb27f86048f',
	secretKey: 'sandbox-secret-7c1e9a5d3b2f4e6a8c0d',
	password: 'sandbox-password-2026',
	orgId: '6048ce7ba15c2af2e8cec12991ec13cf',
};

export const DEFAULT_REGION: SandboxRegion = { id: '11112', name: 'OpenAPI计算中心', aiUrl: { enable: 'true' } };

export function defaultAuthSettings(): AuthSettings {
	return {
		account: { ...DEFAULT_ACCOUNT },
		regions: [{ ...DEFAULT_REGION }],
		centerShape: 'object',
		tokenLifetimeMs: 24 * 60 * 60 * 1000,
		replayWindowSeconds: 300,
		clockOffsetSeconds: 0,
		accountBalance: '1234.56',
		userTokens: 'platform',
	};
}

/** SCNet's answer body: `code` '0' for success, anything else an error with `msg`. */
export interface Envelope {
	code: string;
	msg: string;
	data: unknown;
}

export const envelope = (code: string, msg: string, data: unknown = null): Envelope => ({ code, msg, data });

interface Claims {
	clusterId: string;
	expireTime: string;
	serial: number;
}

/** Issues and checks the sandbox's tokens, and answers the sign-in, user and discovery endpoints. */
export class SandboxAuthority {
	settings: AuthSettings;

	private readonly jwtKey = randomBytes(32);

	private issued = 0;

	/** Tokens with a serial up to this one are no longer valid, whatever their `expireTime` says. */
	private revokedUpTo = 0;

	constructor(
		private readonly serviceUrl: () => string,
		/** The fixed token of the pasted-token mode, which the user call always accepts. */
		private readonly fixedToken: string,
		/** Settings of the sandbox's own, over the defaults; `reset` comes back to them. */
		private readonly initial: Partial<AuthSettings> = {},
	) {
		this.settings = { ...defaultAuthSettings(), ...initial };
	}

	configure(patch: Partial<AuthSettings>): void {
		this.settings = { ...this.settings, ...patch };
	}

	reset(): void {
		this.settings = { ...defaultAuthSettings(), ...this.initial };
		this.revokedUpTo = this.issued;
	}

	/** Every token issued so far stops working, as if it had expired (its `expireTime` is unchanged). */
	expireTokens(): void {
		this.revokedUpTo = this.issued;
	}

	/** The region of a valid region token (not the platform token), if it is one. */
	regionOf(token: unknown): SandboxRegion | undefined {
		const claims = this.verify(token);
		return claims ? this.settings.regions.find((region) => region.id === claims.clusterId) : undefined;
	}

	/** Which kind of token this is: a region's (the pasted-token mode's fixed one counts as one), the platform's (cluster 0), or none that is valid. */
	tokenKind(token: unknown): 'region' | 'platform' | undefined {
		if (token === this.fixedToken) return 'region';
		if (this.regionOf(token)) return 'region';
		return this.verify(token)?.clusterId === '0' ? 'platform' : undefined;
	}

	/**
	 * The platform's user call: the account as SCNet describes it, for a token it accepts there
	 * (`fixedToken`, the pasted-token mode's, always).
	 */
	private user(token: unknown): Envelope {
		const claims = this.verify(token);
		const kind = claims ? (claims.clusterId === '0' ? 'platform' : 'region') : token === this.fixedToken ? 'fixed' : undefined;
		const accepted = kind === 'fixed' || (kind !== undefined && (this.settings.userTokens === 'any' || this.settings.userTokens === kind));
		if (!accepted) return envelope('10008', '权限不足');
		const { account, accountBalance, regions } = this.settings;
		return envelope('0', 'success', {
			country: 'China',
			timeZone: 'GMT+8',
			language: 'zh_CN',
			userName: account.user,
			fullName: 'Sandbox User',
			address: '',
			accountStatus: 'Normal',
			accountName: account.user,
			accountBalance,
			computerCenter: regions[0]?.name ?? '',
		});
	}

	/** The answer of an auth endpoint, or undefined if the request is for another path. */
	answer(method: string, path: string, headers: IncomingHttpHeaders): Envelope | undefined {
		const route = `${method} ${path}`;
		if (route === `POST ${V3_SIGN_IN_PATH}`) return this.signInWithAccessKey(headers);
		if (route === `POST ${V2_SIGN_IN_PATH}`) return this.signInWithPassword(headers);
		if (route === `GET ${USER_PATH}`) return this.user(headers.token);
		if (route === `GET ${CENTER_PATH}`) return this.center(headers.token);
		if (route === `GET ${TOKEN_STATE_PATH}`) {
			return this.verify(headers.token) ? envelope('0', 'success', 'token is valid') : envelope('10008', 'token is invalid');
		}
		return undefined;
	}

	private signInWithAccessKey(headers: IncomingHttpHeaders): Envelope {
		const { user, accesskey, timestamp, signature } = headers;
		if (![user, accesskey, timestamp, signature].every((value) => typeof value === 'string' && value !== '')) {
			return envelope('10003', 'missing parameters');
		}
		if (!/^\d+$/.test(String(timestamp))) return envelope('10004', 'invalid timestamp');
		const now = Date.now() / 1000 + this.settings.clockOffsetSeconds;
		if (Math.abs(now - Number(timestamp)) > this.settings.replayWindowSeconds) {
			return envelope('10009', 'timestamp out of range');
		}
		const { account } = this.settings;
		if (user !== account.user || accesskey !== account.accessKey) return envelope('10009', 'access key not found');
		const payload = JSON.stringify({ accessKey: accesskey, timestamp, user });
		const expected = createHmac('sha256', account.secretKey).update(payload).digest('hex');
		if (!sameText(String(signature), expected)) return envelope('10009', 'signature verification failed');
		return this.tokens();
	}

	private signInWithPassword(headers: IncomingHttpHeaders): Envelope {
		const { user, password, orgid } = headers;
		if (![user, password, orgid].every((value) => typeof value === 'string' && value !== '')) {
			return envelope('10003', 'missing parameters');
		}
		const { account } = this.settings;
		if (user !== account.user || !sameText(String(password), account.password) || orgid !== account.orgId) {
			return envelope('10009', 'wrong user name, password or orgId');
		}
		return this.tokens();
	}

	/** One token per region, plus the platform-level one (cluster 0, "ac"). */
	private tokens(): Envelope {
		return envelope('0', 'success', [
			{ clusterId: '0', clusterName: 'ac', token: this.issue('0') },
			...this.settings.regions.map((region) => ({
				clusterId: region.id,
				clusterName: region.name,
				token: region.disabled ? null : this.issue(region.id),
			})),
		]);
	}

	private center(token: unknown): Envelope {
		const region = this.regionOf(token);
		if (!region) return envelope('10008', 'token is invalid');
		const info = (r: SandboxRegion) => ({
			id: r.id,
			name: r.name,
			description: '对外OpenAPI中心',
			clusterUserInfo: { userName: this.settings.account.clusterUser, homePath: `/public/home/${this.settings.account.clusterUser}` },
			aiUrls: serviceUrls(r.aiUrl, `${this.serviceUrl()}/ai`),
			hpcUrls: serviceUrls(r.hpcUrl, this.serviceUrl(), { isManagerNode: 'true' }),
			// The extra fields are those of the reference's example (a UDP port for fast transfer).
			efileUrls: serviceUrls(r.efileUrl, this.serviceUrl(), { nodeName: 'efile-node-1', fastTransEnable: 'false', udpPort: '65104' }),
		});
		return envelope('0', 'success', this.settings.centerShape === 'array' ? this.settings.regions.map(info) : info(region));
	}

	private issue(clusterId: string): string {
		const { account, tokenLifetimeMs } = this.settings;
		const claims = {
			computeUser: account.clusterUser,
			accountStatus: 'Normal',
			creator: 'ac',
			role: 'user',
			expireTime: String(Date.now() + tokenLifetimeMs),
			clusterId,
			invoker: account.orgId,
			user: account.user,
			userId: '1000001',
			serial: ++this.issued,
		};
		const head = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
		return `${head}.${createHmac('sha256', this.jwtKey).update(head).digest('base64url')}`;
	}

	private verify(token: unknown): Claims | undefined {
		if (typeof token !== 'string') return undefined;
		const [header, payload, signature] = token.split('.');
		if (!header || !payload || !signature) return undefined;
		const expected = createHmac('sha256', this.jwtKey).update(`${header}.${payload}`).digest('base64url');
		if (!sameText(signature, expected)) return undefined;
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
		if (Number(claims.expireTime) <= Date.now() || claims.serial <= this.revokedUpTo) return undefined;
		return claims;
	}
}

/** A service's URL list in region discovery: one entry, or none when the region's setting is null. */
function serviceUrls(entry: SandboxServiceUrl | null | undefined, url: string, extra: Record<string, string> = {}) {
	return entry === null ? [] : [{ enable: entry?.enable ?? 'true', ...extra, version: 'v2', url: entry?.url ?? url }];
}

function base64url(value: unknown): string {
	return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}
