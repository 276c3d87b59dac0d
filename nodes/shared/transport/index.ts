import {
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IPollFunctions,
} from 'n8n-workflow';

import { conceal, concealDeep, concealFailure } from '../helpers/secrets';
import { readAnswer, type ScnetAnswer } from './answer';
import { boundedExchange } from './bounded';
import { PLATFORM_CALL, platformUrlOf, RENEW_IF_TOKEN, serviceUrlOf, type PlatformToken, type RenewableRequest } from './auth/authorise';
import { describeRegion } from './auth/regions';
import { announceRenewal, renewalUnderWay, type RenewedSession } from './auth/renewals';
import { accountScope, authenticationOf, credentialSecrets, readSession, sessionIsDue } from './auth/session';
import { findSignInError } from './auth/signInError';
import { normalizeBaseUrl } from './baseUrl';
import type { ScnetFailure } from './errorCodes';
import { networkFailure } from './networkFailure';
import { redirectFailure, sendWithinOrigin, type RedirectOutcome } from './redirects';

export const CREDENTIAL_TYPE = 'scnetApi';

/** Every kind of n8n function context that talks to SCNet: operations, editor pickers, the trigger. */
export type ScnetContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export type ScnetResult = { ok: true; message: string; data: unknown } | { ok: false; failure: ScnetFailure };

export interface RequestSettings {
	/** Per attempt, in milliseconds. */
	timeout: number;
	/** Attempts for transient faults (429, 5xx, dropped connections, timeouts, code 10012). */
	maxTries: number;
	/**
	 * For calls that create or run something, which must never happen twice: they are sent again
	 * only when SCNet certainly did not get them (connection refused, HTTP 429, a failed sign-in).
	 * After any other fault this sentence ("The container may have been created …") is added to
	 * the failure's description.
	 */
	notRepeatable?: string;
}

/** What goes with a request besides method and path. */
export interface RequestData {
	/** Query fields; a list repeats its field (`ids=a&ids=b`, as SCNet documents it); undefined fields are left out. */
	qs?: Record<string, string | number | boolean | readonly string[] | undefined>;
	/** Sent as JSON. */
	body?: IDataObject;
	/**
	 * A platform call (`/ac/openapi/v2/…`), to the region-discovery host rather than the container
	 * service, with the platform token (cluster 0) or the region's.
	 */
	platform?: PlatformToken;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8000;
const RETRY_AFTER_MAX_MS = 30000;

/**
 * The one way the package talks to the container service: base URL, authentication (through
 * n8n's credential mechanism, so the token only ever travels in the `token` header), session
 * renewal, redirects, envelope check, error mapping and retries of transient faults.
 */
export class ScnetClient {
	/** How often this client's session was replaced (by its own sign-in or another request's). */
	private sessionsReplaced = 0;

	/** A sign-in SCNet refused in this execution: not tried again, so wrong keys cannot lock the account. */
	private refusedSignIn: ScnetAnswer | undefined;

	private constructor(
		private readonly context: ScnetContext,
		/**
		 * Handed to every request: otherwise n8n decrypts the credential again each time (~4 ms).
		 * n8n also writes a renewed session into it, so it always holds the current token.
		 */
		private readonly credentials: ICredentialsDecrypted & { data: ICredentialDataDecryptedObject },
	) {}

	/** One client per execution (or editor lookup, or poll): the credential is read once. */
	static async connect(context: ScnetContext): Promise<ScnetClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		if (authenticationOf(credentials) === 'accessToken' && !normalizeBaseUrl(String(credentials.baseUrl ?? ''))) {
			throw new NodeOperationError(
				context.getNode(),
				"The 'Base URL' of the SCNet API credential is not a valid http(s) URL",
				{ description: 'Enter the container service URL of your region, e.g. https://api01.example.com:65106.' },
			);
		}
		const { id, name } = context.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
		return new ScnetClient(context, { id: id ?? '', name, type: CREDENTIAL_TYPE, data: credentials });
	}

	/** Whether the credential signs in (Access Key, Password) rather than holding a pasted token. */
	get signsIn(): boolean {
		return authenticationOf(this.credentials.data) !== 'accessToken';
	}

	/** Changes whenever the session is replaced: a caller can tell whether a retry would carry fresh tokens. */
	get sessionGeneration(): number {
		return this.sessionsReplaced;
	}

	/** Which account and region this client reaches (a hash; known for sure once a request was answered). */
	get scope(): string {
		return accountScope(this.credentials.data, serviceUrlOf(this.credentials.data));
	}

	/** Credential values that must never be echoed back to the user, as they are now. */
	get secrets(): string[] {
		return credentialSecrets(this.credentials.data);
	}

	/** Sends one request, retrying transient faults with exponential back-off where repeating it is safe. */
	async request(
		method: IHttpRequestMethods,
		path: string,
		data: RequestData,
		{ timeout, maxTries, notRepeatable }: RequestSettings,
	): Promise<ScnetResult> {
		const url = `${path}${queryString(data.qs)}`;
		// Whether an earlier attempt may have reached SCNet and been carried out (a lost answer).
		let resent = false;
		for (let tries = 1; ; tries++) {
			const answer = await this.sendWithLiveSession(method, url, data, timeout);
			if (answer.ok) return answer;
			const outcome = { ...(answer.unsent && !resent ? { unsent: true } : {}), ...(resent ? { resent: true } : {}) };
			if (!answer.transient) return { ok: false, failure: { ...answer.failure, ...outcome } };
			if (notRepeatable !== undefined && !answer.unsent) {
				const { failure } = answer;
				return { ok: false, failure: { ...failure, description: `${failure.description} ${notRepeatable}` } };
			}
			if (tries >= maxTries) return { ok: false, failure: { ...afterRetries(answer.failure, tries), ...outcome } };
			if (!answer.unsent) resent = true;
			const backoff = Math.min(BACKOFF_BASE_MS * 2 ** (tries - 1), BACKOFF_MAX_MS);
			await sleep(Math.min(answer.retryAfterMs ?? backoff, RETRY_AFTER_MAX_MS));
		}
	}

	/**
	 * One request with a live session, for credentials that sign in: the session is renewed first
	 * when it is due, and once more, with the request sent again, when SCNet refuses the token
	 * (a refused request was not carried out, so this holds for creates too).
	 */
	private async sendWithLiveSession(method: IHttpRequestMethods, url: string, data: RequestData, timeout: number): Promise<ScnetAnswer> {
		const credentials = this.credentials.data;
		if (authenticationOf(credentials) === 'accessToken') return this.sendFollowingRedirects(method, url, data, timeout);
		await this.adoptRenewalUnderWay(String(credentials.sessionToken ?? ''));
		if (this.refusedSignIn) return this.refusedSignIn;
		const token = String(credentials.sessionToken ?? '');
		const due = sessionIsDue(credentials);
		let answer = due ? await this.renewThenSend(method, url, data, timeout, token) : await this.sendFollowingRedirects(method, url, data, timeout);
		// A platform token refused is no reason to sign in again: the caller may try the region's token.
		if (!due && refusesToken(answer) && data.platform !== 'platform') answer = await this.renewThenSend(method, url, data, timeout, token);
		if (answer.ok || !refusesToken(answer)) return answer;
		const region = readSession(credentials)?.region;
		const where = region ? `region ${describeRegion(region)}` : "the credential's region";
		const description = `SCNet refused a token n8n had just received by signing in with the credential. Check that the user may use containers in ${where}.`;
		return { ...answer, failure: { ...answer.failure, description } };
	}

	/**
	 * Replaces `staleToken` and sends the request. If another request of this n8n process (this
	 * execution or another) is replacing the same token, its new one is taken instead of signing in
	 * again; otherwise n8n signs in before sending, and the others wait for this renewal. Looking
	 * and announcing happen in one step (no `await` between), so two requests cannot both sign in.
	 */
	private async renewThenSend(
		method: IHttpRequestMethods,
		url: string,
		data: RequestData,
		timeout: number,
		staleToken: string,
	): Promise<ScnetAnswer> {
		for (let pending = renewalUnderWay(this.credentials.id, staleToken); pending; pending = renewalUnderWay(this.credentials.id, staleToken)) {
			const renewed = await pending;
			if (renewed) {
				this.adopt(renewed);
				return this.sendFollowingRedirects(method, url, data, timeout);
			}
			if (this.refusedSignIn) return this.refusedSignIn;
		}
		let settle: (renewed: RenewedSession | undefined) => void = () => {};
		const withdraw = announceRenewal(this.credentials.id, staleToken, new Promise((resolve) => (settle = resolve)));
		try {
			const answer = await this.sendFollowingRedirects(method, url, data, timeout, staleToken);
			const renewed = this.sessionReplacing(staleToken);
			if (renewed) this.sessionsReplaced++;
			settle(renewed);
			return answer;
		} finally {
			// After a throw: the waiters sign in themselves (a settled promise ignores a second call).
			settle(undefined);
			withdraw();
		}
	}

	/** Waits for a renewal of `token` under way in this process and takes its session. */
	private async adoptRenewalUnderWay(token: string): Promise<void> {
		const renewed = await renewalUnderWay(this.credentials.id, token);
		if (renewed) this.adopt(renewed);
	}

	/** Takes the session another request of this process signed in for. */
	private adopt(renewed: RenewedSession): void {
		Object.assign(this.credentials.data, renewed);
		this.sessionsReplaced++;
	}

	/** The credential's session if it no longer holds `staleToken` (n8n writes a renewal into it). */
	private sessionReplacing(staleToken: string): RenewedSession | undefined {
		const { sessionToken, session, platformToken } = this.credentials.data;
		return typeof sessionToken === 'string' && sessionToken !== '' && sessionToken !== staleToken
			? { sessionToken, session: String(session ?? ''), platformToken: String(platformToken ?? '') }
			: undefined;
	}

	/** One HTTP exchange through n8n, following redirects within the service's origin, read as SCNet means it. */
	private async sendFollowingRedirects(
		method: IHttpRequestMethods,
		url: string,
		data: RequestData,
		timeout: number,
		staleToken?: string,
	): Promise<ScnetAnswer> {
		let outcome: RedirectOutcome;
		try {
			const base = () => (data.platform ? platformUrlOf(this.credentials.data) : serviceUrlOf(this.credentials.data)) ?? '';
			outcome = await sendWithinOrigin(url, method, base, async (hopUrl, hopMethod, redirects) => {
				const request: RenewableRequest = {
					method: hopMethod,
					// The credential adds the container service URL (known only after signing in) and the token.
					url: hopUrl,
					timeout,
					headers: { Accept: 'application/json' },
					// Read the body here, bounded, and judge it: SCNet's verdict is in the envelope, and a
					// gateway's HTML page must become a clear failure rather than a parse error.
					encoding: 'stream',
					json: false,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				};
				if (data.body !== undefined && hopMethod !== 'GET') {
					request.body = JSON.stringify(data.body);
					request.headers = { ...request.headers, 'Content-Type': 'application/json' };
				}
				// Only the first hop may ask for a renewal: a redirect is followed with the token just used.
				if (staleToken !== undefined && redirects === 0) request[RENEW_IF_TOKEN] = staleToken;
				if (data.platform) request[PLATFORM_CALL] = data.platform;
				return await boundedExchange(
					async () =>
						(await this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_TYPE, request, {
							credentialsDecrypted: this.credentials,
						})) as IN8nHttpFullResponse,
					timeout,
				);
			});
		} catch (error) {
			const signInError = findSignInError(error);
			if (signInError) {
				// Signing in comes first: the request itself was never sent.
				const answer: ScnetAnswer = { ok: false, failure: signInError.failure, transient: signInError.transient, unsent: true };
				if (!signInError.transient) this.refusedSignIn = answer;
				return answer;
			}
			const fault = networkFailure(error, timeout);
			// Not a network fault (e.g. the execution was cancelled): n8n handles it. The error is
			// built anew from its message: the original's cause holds the request, headers included.
			if (!fault) throw new NodeOperationError(this.context.getNode(), conceal(String((error as Error).message ?? error), this.secrets));
			return { ok: false, ...fault };
		}
		if (!('response' in outcome)) {
			const field = data.platform ? 'Region Discovery URL' : authenticationOf(this.credentials.data) === 'accessToken' ? 'Base URL' : 'Container Service URL';
			return { ok: false, failure: redirectFailure(outcome, 'SCNet', field), transient: false };
		}
		const { statusCode, headers, body } = outcome.response;
		const answer = readAnswer(statusCode, headers as Record<string, unknown>, body);
		// Server messages are echoed to the user; a gateway that repeats the token must not leak it.
		const secrets = this.secrets;
		return answer.ok
			? { ...answer, message: conceal(answer.message, secrets), data: concealDeep(answer.data, secrets) }
			: { ...answer, failure: concealFailure(answer.failure, secrets) };
	}
}

/** `?a=1&ids=x&ids=y`: each list element repeats its field; every name and value is percent-encoded. */
export function queryString(qs: RequestData['qs']): string {
	const pairs = Object.entries(qs ?? {}).flatMap(([key, value]) =>
		value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((one) => `${encodeURIComponent(key)}=${encodeURIComponent(String(one))}`),
	);
	return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
}

/** SCNet's ways of saying the token is not (or no longer) good. */
export function isTokenRefusal({ code, httpCode }: ScnetFailure): boolean {
	return code === '10008' || code === '10009' || httpCode === 401 || httpCode === 403;
}

function refusesToken(answer: ScnetAnswer): answer is Extract<ScnetAnswer, { ok: false }> {
	return !answer.ok && isTokenRefusal(answer.failure);
}

function afterRetries(failure: ScnetFailure, tries: number): ScnetFailure {
	return tries > 1 ? { ...failure, message: `${failure.message} (after ${tries} attempts)` } : failure;
}
