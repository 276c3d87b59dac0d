import { causeChain } from '../helpers/causes';
import { MAX_ANSWER_BYTES } from './bounded';
import type { FailureScope, ScnetFailure } from './errorCodes';

export interface NetworkFault {
	failure: ScnetFailure;
	transient: boolean;
	/** No connection was made, so the request cannot have been carried out. */
	unsent: boolean;
}

interface FaultInfo {
	message: string;
	description: string;
	scope: FailureScope;
	transient: boolean;
	unsent: boolean;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

const CERTIFICATE_CODES = new Set([
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'CERT_HAS_EXPIRED',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function isCertificateFault(code: string): boolean {
	return tlsKind(code) === 'certificate';
}

const CERTIFICATE_FAULT: FaultInfo = {
	message: "The SCNet server's TLS certificate could not be verified",
	description:
		"Private deployments often use self-signed certificates: turn on 'Ignore SSL Issues (Insecure)' in the 'SCNet API' credential if you trust this server.",
	scope: 'account',
	transient: false,
	// The handshake failed: nothing of the request was sent.
	unsent: true,
};

const FAULTS: Record<string, FaultInfo> = {
	ENOTFOUND: {
		message: 'The SCNet host name could not be resolved',
		description: "Check the host in the credential's service URLs.",
		scope: 'account',
		transient: false,
		unsent: true,
	},
	ECONNREFUSED: {
		message: 'SCNet refused the connection',
		description: "Check the host and port in the credential's service URLs.",
		scope: 'account',
		transient: true,
		unsent: true,
	},
	ANSWER_TOO_LARGE: {
		message: `SCNet's answer was larger than ${MAX_ANSWER_BYTES / 1024 / 1024} MiB; n8n stopped reading it`,
		description: "A page of containers is far smaller. Check the credential's URL (it may point at a file server), or lower 'Page Size'.",
		scope: 'batch',
		// Read at most once: the same answer would come again.
		transient: false,
		unsent: false,
	},
	ECONNRESET: {
		message: 'The connection to SCNet was reset',
		description: 'Run the workflow again later if it persists.',
		scope: 'batch',
		transient: true,
		unsent: false,
	},
};

const OTHER_FAULT: FaultInfo = { ...FAULTS.ECONNRESET, message: 'The connection to SCNet failed' };

/**
 * The kind of a TLS fault, by its code's shape: OpenSSL's codes hold digits
 * (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED), so they are recognised by shape and never passed
 * on as raw OpenSSL text. An alert is the server refusing; anything else about a certificate is
 * n8n not trusting the server's.
 */
function tlsKind(code: string): 'certificate' | 'handshake' | 'protocol' | undefined {
	const tls = /^(?:ERR_SSL_|ERR_TLS_|EPROTO$)/.test(code);
	if (tls && code.includes('ALERT')) return /PROTOCOL_VERSION/.test(code) ? 'protocol' : 'handshake';
	if (CERTIFICATE_CODES.has(code) || code.includes('CERT')) return 'certificate';
	if (!tls) return undefined;
	return /PROTOCOL|VERSION|EPROTO|WRONG_VERSION/.test(code) ? 'protocol' : 'handshake';
}

/** Every TLS fault but an untrusted certificate: none got a request through, the handshake comes first. */
function tlsFault(kind: 'handshake' | 'protocol', code: string): FaultInfo {
	return {
		message: `The TLS ${kind} with the SCNet server failed (${code})`,
		description:
			kind === 'protocol'
				? "The server and n8n share no TLS version or cipher, or the address is not a TLS port. Check the scheme and port in the credential's URL."
				: 'The server refused or broke off the secure connection (it may want a client certificate, or a proxy is in the way). Check the address with the SCNet administrator.',
		scope: 'account',
		transient: false,
		unsent: true,
	};
}

/** The first error code found on the error or its causes (n8n wraps axios errors in NodeApiError). */
function networkErrorCode(error: unknown): string | undefined {
	for (const { code } of causeChain(error) as Array<{ code?: unknown }>) {
		if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) return code;
	}
	return undefined;
}

/**
 * Maps a request that got no HTTP answer to a failure. Returns undefined for errors that are not
 * network faults (e.g. a cancelled execution): those must propagate unchanged.
 */
export function networkFailure(error: unknown, timeoutMs: number): NetworkFault | undefined {
	const code = networkErrorCode(error);
	if (code === undefined || code === 'ERR_CANCELED') return undefined;
	if (TIMEOUT_CODES.has(code)) {
		const failure: ScnetFailure = {
			code: 'TIMEOUT',
			message: `SCNet did not answer within ${timeoutMs} ms`,
			description: "Raise 'Timeout' in the node options or run the workflow again later.",
			scope: 'batch',
		};
		return { failure, transient: true, unsent: false };
	}
	const kind = tlsKind(code);
	const fault = kind === 'certificate' ? CERTIFICATE_FAULT : kind ? tlsFault(kind, code) : (FAULTS[code] ?? OTHER_FAULT);
	const { transient, unsent, ...info } = fault;
	return { failure: { code, ...info }, transient, unsent };
}
