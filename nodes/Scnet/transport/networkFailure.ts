import { causeChain } from '../helpers/causes';
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
	return CERTIFICATE_CODES.has(code);
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
		description: "Check the host in the credential's 'Base URL'.",
		scope: 'account',
		transient: false,
		unsent: true,
	},
	ECONNREFUSED: {
		message: 'SCNet refused the connection',
		description: "Check the host and port in the credential's 'Base URL'.",
		scope: 'account',
		transient: true,
		unsent: true,
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

/** The first error code found on the error or its causes (n8n wraps axios errors in NodeApiError). */
function networkErrorCode(error: unknown): string | undefined {
	for (const { code } of causeChain(error) as Array<{ code?: unknown }>) {
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
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
	const { transient, unsent, ...info } = CERTIFICATE_CODES.has(code) ? CERTIFICATE_FAULT : (FAULTS[code] ?? OTHER_FAULT);
	return { failure: { code, ...info }, transient, unsent };
}
