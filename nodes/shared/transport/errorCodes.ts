/**
 * What a failed SCNet answer means for the containers it was about.
 * - `ids`: the code may concern only some of the IDs in the request, so the batch is split to find them.
 * - `batch`: the code concerns the request as a whole; every ID in it fails.
 * - `account`: the code concerns the credential or the account; no later request can succeed either.
 */
export type FailureScope = 'ids' | 'batch' | 'account';

export interface ScnetFailure {
	/** The envelope's `code`, or a code of ours for HTTP and network faults (e.g. `HTTP_404`, `ECONNRESET`). */
	code: string;
	message: string;
	/** How to fix it, in plain text (AI agents read it too). */
	description: string;
	scope: FailureScope;
	httpCode?: number;
	/** SCNet certainly did not carry the request out (no connection, a refused sign-in, HTTP 429). */
	unsent?: boolean;
	/** The request was sent again after an attempt whose answer was lost: that attempt may have been carried out. */
	resent?: boolean;
	/** SCNet's own words (the envelope's `msg`), e.g. the scheduler's reason for refusing a job. */
	scnetMessage?: string;
}

/** Which API a failing answer came from, for the words of HTTP failures: its name and the credential field holding its address. */
export interface ApiPlace {
	api: string;
	field: string;
}

/** The container API (and the credential test), as most calls have it. */
export const CONTAINER_API: ApiPlace = { api: 'SCNet container API', field: "'Container Service URL'" };

export interface CodeInfo {
	message: string;
	description: string;
	scope: FailureScope;
}

/**
 * What a code means for one operation, where the general wording would mislead: e.g. 10004 is a
 * rejected container ID for Delete. Keyed by SCNet code or by our own (`HTTP_429`, `TIMEOUT`).
 */
export type Remedies = Readonly<Record<string, Partial<Pick<ScnetFailure, 'message' | 'description'>>>>;

/*
 * The remedies of a refused token are a pasted token's (Access Token): a credential that signs in
 * gets its own words from the session, which signs in again first (see liveSession.ts). The
 * client names the credential the node uses in place of 'SCNet API' (see auth/credentialName.ts).
 */
const RENEW_TOKEN = "Renew the token (a pasted access token expires within about a day) and paste the new one into 'Token' in the 'SCNet API' credential.";

/** Every code the SCNet documentation lists, in English, with a remedy that holds for any call. */
export const SCNET_ERROR_CODES: Readonly<Record<string, CodeInfo>> = {
	'10001': {
		message: 'SCNet reported an internal error',
		description: 'The platform could not process the request. Run the workflow again later, or contact SCNet support if it persists.',
		scope: 'ids',
	},
	'10003': {
		message: 'SCNet reported missing request parameters',
		description:
			"The request did not reach the container API as sent. Check that the credential's 'Container Service URL' is the container service URL (the region's aiUrls entry).",
		scope: 'batch',
	},
	'10004': {
		message: 'SCNet rejected a request parameter as invalid',
		description:
			'Check the values the node sends. A container ID is the instance ID from the container list (a 32-character hex string), not an instance name or a notebook ID.',
		scope: 'ids',
	},
	'10007': {
		message: 'The SCNet account is frozen',
		description:
			'Unfreeze the account or top up its balance in the SCNet user centre, then run the workflow again.',
		scope: 'account',
	},
	'10008': {
		message: 'The SCNet token is invalid or expired, or lacks permission',
		description: RENEW_TOKEN,
		scope: 'account',
	},
	'10009': {
		message: 'The SCNet token has no permission to access the container API',
		description: "Paste a token of the region that hosts the containers, of a user allowed to manage them, into 'Token' in the 'SCNet API' credential.",
		scope: 'account',
	},
	'10010': {
		message: 'SCNet reported a failed file check',
		description: 'Run the workflow again, and report it to SCNet if it persists.',
		scope: 'batch',
	},
	'10011': {
		message: 'SCNet reported that a file is too large',
		description: 'Run the workflow again, and report it to SCNet if it persists.',
		scope: 'batch',
	},
	'10012': {
		message: 'SCNet reported an interrupted connection',
		description: 'A transient fault on the platform side. Run the workflow again later.',
		scope: 'batch',
	},
	// The file service's two codes, as live clients read them (no official table lists them).
	'911020': {
		message: 'The file or folder does not exist on SCNet',
		description: "Check the path: SCNet's paths are absolute (e.g. /public/home/<cluster user>/data.csv) and belong to the credential's region.",
		scope: 'ids',
	},
	'911021': {
		message: 'A file or folder of that name already exists on SCNet',
		description: "Nothing was replaced. Turn on 'Overwrite' to replace a file, or choose another name or folder.",
		scope: 'ids',
	},
	'716020': {
		message: 'SCNet could not query its database',
		description:
			'The container may not exist in this region, or the platform had a transient fault. Check the ID in the SCNet console and run the workflow again.',
		scope: 'ids',
	},
	'716864': {
		message: 'SCNet reported that a script failed to run',
		description: 'Check the script and that the container is running, then run the workflow again.',
		scope: 'batch',
	},
	'716865': {
		message: 'SCNet reported that creating a container task failed',
		description:
			'Check the resource group, image and sizes against what the account may use (SCNet console), then run the workflow again.',
		scope: 'batch',
	},
	'716866': {
		message: 'SCNet could not delete the container',
		description:
			'The container may not exist, may already be deleted, or may belong to another user or region. Check the ID in the SCNet console.',
		scope: 'ids',
	},
	'716870': {
		message: 'SCNet reported an invalid instance count',
		description: "Check the number of instances ('Task Number') and that the container exists, then run the workflow again.",
		scope: 'batch',
	},
	// The notebook service's codes, as a live client saw them in SCNet's console (no official table lists them).
	'1004': {
		message: 'SCNet reported that a required parameter is empty',
		description: 'Fill in every field the call needs (for a notebook: image path and name, accelerator type and number), then run the workflow again.',
		scope: 'batch',
	},
	'816822': {
		message: 'SCNet reported that the task does not exist',
		description: "The task may have ended or been replaced (a notebook's changes on every start): read it again with Get, then retry.",
		scope: 'ids',
	},
	'817140': {
		message: 'The notebook is already stopped',
		description: 'Nothing to do: SCNet says the notebook is not running.',
		scope: 'ids',
	},
	'818218': {
		message: 'SCNet reported that the compute user does not exist',
		description: "The token's region has no compute user for this account: check the credential's 'Region'.",
		scope: 'account',
	},
};

/** Codes that signal a passing fault worth retrying. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['10012']);

/** Maps an envelope code to a failure; unknown codes keep the server's own message. */
export function failureForCode(code: string, serverMessage: string, httpCode?: number, place: ApiPlace = CONTAINER_API): ScnetFailure {
	const known = SCNET_ERROR_CODES[code];
	const words = serverMessage.trim() === '' ? {} : { scnetMessage: serverMessage };
	// The general remedy of 10003 names the container API; another service's names its own field.
	if (code === '10003' && place !== CONTAINER_API) {
		return { code, ...known, description: `The request did not reach the ${place.api} as sent. Check the credential's ${place.field}.`, httpCode, ...words };
	}
	if (known) return { code, ...known, httpCode, ...words };
	return {
		code,
		message: serverMessage ? `SCNet answered: ${serverMessage}` : `SCNet answered with code ${code}`,
		description: `Code ${code} is not in the SCNet documentation. Check the containers in the SCNet console.`,
		scope: 'batch',
		httpCode,
		...words,
	};
}

/** Maps an HTTP status without a usable SCNet envelope to a failure. */
export function failureForHttpStatus(status: number, { api, field }: ApiPlace = CONTAINER_API): ScnetFailure {
	const code = `HTTP_${status}`;
	if (status === 401 || status === 403) {
		return {
			code,
			message: `SCNet refused the credential (HTTP ${status})`,
			description: `The token is invalid or expired. ${RENEW_TOKEN}`,
			scope: 'account',
			httpCode: status,
		};
	}
	if (status === 404) {
		return {
			code,
			message: `The ${api} was not found at this address (HTTP 404)`,
			description: `Check the credential's ${field}: it must be the service URL of your region, e.g. https://api01.example.com:65106.`,
			scope: 'account',
			httpCode: status,
		};
	}
	if (status === 429) {
		return {
			code,
			message: 'SCNet is limiting the request rate (HTTP 429)',
			description: 'Run the workflow again later, or send fewer requests at once.',
			scope: 'batch',
			httpCode: status,
		};
	}
	if (status >= 500) {
		return {
			code,
			message: `SCNet answered with a server error (HTTP ${status})`,
			description: 'The platform or a gateway in front of it is failing; run the workflow again later.',
			scope: 'batch',
			httpCode: status,
		};
	}
	return {
		code,
		message: `SCNet rejected the request (HTTP ${status})`,
		description: `Check the credential's ${field} and the values sent.`,
		scope: 'batch',
		httpCode: status,
	};
}

/** The failure in the words of the operation that met it, where it has its own. */
export function withRemedy(failure: ScnetFailure, remedies: Remedies): ScnetFailure {
	const own = remedies[failure.code];
	return own ? { ...failure, ...own } : failure;
}

/** SCNet's ways of saying the token is not (or no longer) good. */
export function isTokenRefusal({ code, httpCode }: ScnetFailure): boolean {
	return code === '10008' || code === '10009' || httpCode === 401 || httpCode === 403;
}
