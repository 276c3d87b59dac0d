import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IExecuteFunctions,
	type ICredentialsDecrypted,
	type IHttpRequestMethods,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';

import type { ScnetFailure } from '../helpers/errorCodes';
import { conceal } from '../helpers/secrets';
import { readAnswer, type ScnetAnswer } from './answer';
import { normalizeBaseUrl } from './baseUrl';
import { networkFailure } from './networkFailure';

export const CREDENTIAL_TYPE = 'scnetApi';

export type ScnetResult = { ok: true; message: string; data: unknown } | { ok: false; failure: ScnetFailure };

export interface RequestSettings {
	/** Per attempt, in milliseconds. */
	timeout: number;
	/** Attempts for transient faults (429, 5xx, dropped connections, timeouts, code 10012). */
	maxTries: number;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8000;
const RETRY_AFTER_MAX_MS = 30000;

/**
 * The one way the node talks to SCNet: base URL, authentication (through n8n's credential
 * mechanism, so the token only ever travels in the `token` header), envelope check, error
 * mapping and retries of transient faults.
 */
export class ScnetClient {
	private constructor(
		private readonly context: IExecuteFunctions,
		/** The container service root, without a trailing `/` or `/ai`. */
		readonly baseUrl: string,
		/** Credential values that must never be echoed back to the user. */
		readonly secrets: readonly string[],
		private readonly skipSslCertificateValidation: boolean,
		/** Handed to every request: otherwise n8n decrypts the credential again each time (~4 ms). */
		private readonly credentials: ICredentialsDecrypted,
	) {}

	/** One client per execution: the credential is read once. */
	static async connect(context: IExecuteFunctions): Promise<ScnetClient> {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		const baseUrl = normalizeBaseUrl(String(credentials.baseUrl ?? ''));
		if (!baseUrl) {
			throw new NodeOperationError(
				context.getNode(),
				"The 'Base URL' of the SCNet API credential is not a valid http(s) URL",
				{ description: 'Enter the container service URL of your region, e.g. https://api01.example.com:65106.' },
			);
		}
		const secrets = [credentials.token].filter(
			(value): value is string => typeof value === 'string' && value !== '',
		);
		const { id, name } = context.getNode().credentials?.[CREDENTIAL_TYPE] ?? { id: null, name: '' };
		return new ScnetClient(context, baseUrl, secrets, credentials.allowUnauthorizedCerts === true, {
			id: id ?? '',
			name,
			type: CREDENTIAL_TYPE,
			data: credentials,
		});
	}

	/** Sends one request, retrying transient faults with exponential back-off. */
	async request(
		method: IHttpRequestMethods,
		pathAndQuery: string,
		{ timeout, maxTries }: RequestSettings,
	): Promise<ScnetResult> {
		const url = `${this.baseUrl}${pathAndQuery}`;
		for (let tries = 1; ; tries++) {
			const answer = await this.attempt(method, url, timeout);
			if (answer.ok) return answer;
			if (!answer.transient) return { ok: false, failure: answer.failure };
			if (tries >= maxTries) return { ok: false, failure: afterRetries(answer.failure, tries) };
			const backoff = Math.min(BACKOFF_BASE_MS * 2 ** (tries - 1), BACKOFF_MAX_MS);
			await sleep(Math.min(answer.retryAfterMs ?? backoff, RETRY_AFTER_MAX_MS));
		}
	}

	private async attempt(method: IHttpRequestMethods, url: string, timeout: number): Promise<ScnetAnswer> {
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_TYPE, {
				method,
				url,
				timeout,
				skipSslCertificateValidation: this.skipSslCertificateValidation,
				headers: { Accept: 'application/json' },
				// Read the body as text and judge it here: SCNet's verdict is in the envelope, and a
				// gateway's HTML page must become a clear failure rather than a parse error.
				encoding: 'text',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			}, { credentialsDecrypted: this.credentials })) as IN8nHttpFullResponse;
		} catch (error) {
			const fault = networkFailure(error, timeout);
			// Not a network fault (e.g. the execution was cancelled): let n8n handle it.
			if (!fault) throw new NodeApiError(this.context.getNode(), error as JsonObject);
			return { ok: false, ...fault };
		}
		const answer = readAnswer(response.statusCode, response.headers as Record<string, unknown>, response.body);
		// Server messages are echoed to the user; a gateway that repeats the token must not leak it.
		return answer.ok
			? { ...answer, message: conceal(answer.message, this.secrets) }
			: { ...answer, failure: { ...answer.failure, message: conceal(answer.failure.message, this.secrets) } };
	}
}

function afterRetries(failure: ScnetFailure, tries: number): ScnetFailure {
	return tries > 1 ? { ...failure, message: `${failure.message} (after ${tries} attempts)` } : failure;
}
