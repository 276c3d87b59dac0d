import { NodeOperationError, sleep, type IHttpRequestMethods } from 'n8n-workflow';

import type { ScnetResult } from './answer';
import type { PlatformToken } from './auth/authorise';
import { inSavedCredential } from './auth/credentialName';
import { tokenClaim } from './auth/jwt';
import { accountScope, authenticationOf, credentialSecrets, readSession } from './auth/session';
import { queryString, type FieldValues, type RequestBody } from './bodies';
import type { ScnetFailure } from './errorCodes';
import { CREDENTIAL_TYPE, exchangeOnce, type ScnetCall, type ScnetContext, type ScnetCredentials } from './exchange';
import { LiveSession } from './liveSession';
import { REGION_SERVICE_NAMES, REGION_SERVICES, serviceUrlOf, urlFieldLabel, type ScnetService } from './services';
import { normalizeBaseUrl } from './baseUrl';

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

/** What goes with a request besides service, method and path. */
export interface RequestData extends RequestBody {
	/** Query fields; a list repeats its field (`ids=a&ids=b`, as SCNet documents it); undefined fields are left out. */
	qs?: FieldValues;
	/** For the platform's own calls: the platform token (cluster 0) or the region's. */
	token?: PlatformToken;
	/** `binary`: a successful answer that is not JSON is the content itself (a file); `stream`: the same, as a stream still being received. */
	answer?: ScnetCall['answer'];
	/** Headers of the request's own, e.g. `Range`. */
	headers?: Record<string, string>;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8000;
const RETRY_AFTER_MAX_MS = 30000;

/**
 * The one way the package talks to SCNet, whichever service: base URLs, authentication (through
 * n8n's credential mechanism, so the token only ever travels in the `token` header), session
 * renewal, redirects, envelope check, error mapping and retries of transient faults.
 */
export class ScnetClient {
	private readonly session: LiveSession;

	private constructor(
		context: ScnetContext,
		/**
		 * Handed to every request: otherwise n8n decrypts the credential again each time (~4 ms).
		 * n8n also writes a renewed session into it, so it always holds the current token.
		 */
		private readonly credentials: ScnetCredentials,
	) {
		// A remedy names the credential as the user saved it (the node's, not the type's name).
		this.session = new LiveSession(credentials, async (call, staleToken) => inSavedCredential(await exchangeOnce(context, credentials, call, staleToken), credentials));
	}

	/** One client per execution (or editor lookup, or poll): the credential is read once. */
	static async connect(context: ScnetContext): Promise<ScnetClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		if (authenticationOf(credentials) === 'accessToken') checkPastedUrls(context, credentials);
		const { id, name } = context.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
		return new ScnetClient(context, { id: id ?? '', name, type: CREDENTIAL_TYPE, data: credentials });
	}

	/** Whether the credential signs in (Access Key, Password) rather than holding a pasted token. */
	get signsIn(): boolean {
		return authenticationOf(this.credentials.data) !== 'accessToken';
	}

	/** Changes whenever the session is replaced: a caller can tell whether a retry would carry fresh tokens. */
	get sessionGeneration(): number {
		return this.session.replaced;
	}

	/** Which account and region the container service of this client is (a hash; known for sure once a request was answered). */
	get scope(): string {
		return this.scopeOf('ai');
	}

	/** Which account, region and service URL `service` reaches (a hash, to tie what a trigger remembers to it). */
	scopeOf(service: ScnetService): string {
		return accountScope(this.credentials.data, serviceUrlOf(this.credentials.data, service));
	}

	/**
	 * The cluster (Linux) user HPC calls name, which may differ from the login: the credential's
	 * 'Cluster User', else region discovery's `clusterUserInfo.userName`, else the token's
	 * `computeUser` claim. Known for sure once a request was answered (after signing in).
	 */
	get clusterUser(): string | undefined {
		const { data } = this.credentials;
		const set = String(data.clusterUser ?? '').trim();
		if (set !== '') return set;
		const token = String((this.signsIn ? data.sessionToken : data.token) ?? '');
		return readSession(data)?.clusterUser ?? tokenClaim(token, 'computeUser');
	}

	/** The cluster user's home directory, where region discovery gave it. */
	get homePath(): string | undefined {
		return readSession(this.credentials.data)?.homePath;
	}

	/** Credential values that must never be echoed back to the user, as they are now. */
	get secrets(): string[] {
		return credentialSecrets(this.credentials.data);
	}

	/** Sends one request to `service`, retrying transient faults with exponential back-off where repeating it is safe. */
	async request(
		service: ScnetService,
		method: IHttpRequestMethods,
		path: string,
		data: RequestData,
		{ timeout, maxTries, notRepeatable }: RequestSettings,
	): Promise<ScnetResult> {
		const { qs, token, answer: expected, headers, ...body } = data;
		const call: ScnetCall = { service, method, url: `${path}${queryString(qs)}`, timeout, token, answer: expected, headers, ...body };
		// Whether an earlier attempt may have reached SCNet and been carried out (a lost answer).
		let resent = false;
		for (let tries = 1; ; tries++) {
			const answer = await this.session.request(call);
			if (answer.ok) return answer;
			const outcome = { ...(answer.unsent && !resent ? { unsent: true } : {}), ...(resent ? { resent: true } : {}) };
			if (!answer.transient) return { ok: false, failure: { ...answer.failure, ...outcome } };
			if (notRepeatable !== undefined && !answer.unsent) return { ok: false, failure: withSentence(answer.failure, notRepeatable) };
			if (tries >= maxTries) return { ok: false, failure: { ...afterRetries(answer.failure, tries), ...outcome } };
			if (!answer.unsent) resent = true;
			await sleep(Math.min(answer.retryAfterMs ?? backoff(tries), RETRY_AFTER_MAX_MS));
		}
	}
}

/** A pasted token comes with the URLs of the services it is for: each one given must be a URL, and one at least. */
function checkPastedUrls(context: ScnetContext, credentials: ScnetCredentials['data']): void {
	const given = REGION_SERVICE_NAMES.filter((service) => String(credentials[REGION_SERVICES[service].field] ?? '').trim() !== '');
	const wrong = given.find((service) => !normalizeBaseUrl(String(credentials[REGION_SERVICES[service].field])));
	if (given.length > 0 && wrong === undefined) return;
	const service = wrong ?? 'ai';
	throw new NodeOperationError(context.getNode(), `The '${urlFieldLabel(credentials, service)}' of the SCNet API credential is not a valid http(s) URL`, {
		description: `Enter the ${REGION_SERVICES[service].what} URL of your region, e.g. https://api01.example.com:65106.`,
	});
}

function backoff(tries: number): number {
	return Math.min(BACKOFF_BASE_MS * 2 ** (tries - 1), BACKOFF_MAX_MS);
}

function withSentence(failure: ScnetFailure, sentence: string): ScnetFailure {
	return { ...failure, description: `${failure.description} ${sentence}` };
}

function afterRetries(failure: ScnetFailure, tries: number): ScnetFailure {
	return tries > 1 ? { ...failure, message: `${failure.message} (after ${tries} attempts)` } : failure;
}
