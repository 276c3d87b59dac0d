import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { describeRegion } from './auth/regions';
import { authenticationOf, readSession } from './auth/session';
import { normalizeBaseUrl } from './baseUrl';
import type { ScnetFailure } from './errorCodes';

/**
 * The SCNet services a request can go to. Region discovery hands out a base URL for each of the
 * first three per region (`aiUrls`, `hpcUrls`, `efileUrls`); `platform` is the discovery host
 * itself, which serves the platform's own calls (`/ac/openapi/v2/…`).
 */
export type ScnetService = 'ai' | 'hpc' | 'efile' | 'platform';

/** The services whose base URL comes from region discovery (or the credential's override). */
export type RegionService = Exclude<ScnetService, 'platform'>;

interface RegionServiceInfo {
	/** Its list in a region discovery answer. */
	discovery: 'aiUrls' | 'hpcUrls' | 'efileUrls';
	/** How messages name it, and what a user does with it ("may use …"). */
	what: string;
	use: string;
	/** The credential field that overrides (sign-in) or holds (Access Token) its URL, and that field's labels. */
	field: string;
	signInLabel: string;
	tokenLabel: string;
	/** The failure code of a call to it in a region that lacks it. */
	missingCode: string;
}

export const REGION_SERVICES: Readonly<Record<RegionService, RegionServiceInfo>> = {
	ai: {
		discovery: 'aiUrls',
		what: 'container service',
		use: 'containers',
		field: 'baseUrl',
		signInLabel: 'Container Service URL',
		tokenLabel: 'Container Service URL',
		missingCode: 'NO_CONTAINER_SERVICE',
	},
	hpc: {
		discovery: 'hpcUrls',
		what: 'HPC job service',
		use: 'Slurm jobs',
		field: 'hpcUrl',
		signInLabel: 'HPC Service URL',
		tokenLabel: 'HPC Service URL',
		missingCode: 'NO_HPC_SERVICE',
	},
	efile: {
		discovery: 'efileUrls',
		what: 'file service',
		use: 'files',
		field: 'efileUrl',
		signInLabel: 'File Service URL',
		tokenLabel: 'File Service URL',
		missingCode: 'NO_FILE_SERVICE',
	},
};

export const REGION_SERVICE_NAMES = Object.keys(REGION_SERVICES) as RegionService[];

/** Region discovery's default host, which also serves the platform's own calls. */
export const DEFAULT_CENTER_URL = 'https://www.scnet.cn';

/** The label of the credential field holding a service's URL, in the credential's mode. */
export function urlFieldLabel(credentials: ICredentialDataDecryptedObject, service: ScnetService): string {
	if (service === 'platform') return 'Region Discovery URL';
	const info = REGION_SERVICES[service];
	return authenticationOf(credentials) === 'accessToken' ? info.tokenLabel : info.signInLabel;
}

/**
 * Where a request to `service` goes: the platform host, the URL the user filled in, or the one
 * the signed-in session discovered. Undefined when the credential has none (yet, or at all).
 */
export function serviceUrlOf(credentials: ICredentialDataDecryptedObject, service: ScnetService): string | undefined {
	if (service === 'platform') {
		const configured = String(credentials.centerUrl ?? '').trim();
		return normalizeBaseUrl(configured === '' ? DEFAULT_CENTER_URL : configured);
	}
	const override = String(credentials[REGION_SERVICES[service].field] ?? '').trim();
	if (override !== '' || authenticationOf(credentials) === 'accessToken') return normalizeBaseUrl(override);
	return readSession(credentials)?.urls[service];
}

/** The failure of a call to a service the credential has no URL for: which service, which region, what to do. */
export function missingServiceFailure(credentials: ICredentialDataDecryptedObject, service: RegionService): ScnetFailure {
	const info = REGION_SERVICES[service];
	const label = urlFieldLabel(credentials, service);
	if (authenticationOf(credentials) === 'accessToken') {
		return {
			code: info.missingCode,
			message: `The SCNet API credential has no '${label}', so n8n cannot reach the ${info.what}`,
			description: `Enter the region's ${info.what} URL (the '${info.discovery}' entry of region discovery) in '${label}'.`,
			scope: 'account',
			unsent: true,
		};
	}
	const session = readSession(credentials);
	const insecure = session?.insecure?.[service];
	if (insecure) {
		return {
			code: 'INSECURE_SERVICE_URL',
			message: `SCNet's region discovery (over https) named a ${info.what} over plain http (${insecure}); n8n does not send the token there`,
			description: `If that address is right and you accept the token travelling unencrypted, enter it in the credential's '${label}'.`,
			scope: 'account',
			unsent: true,
		};
	}
	const searched = service === 'ai' ? (session?.searched ?? []) : [];
	const region = searched.length > 1 ? `any region (${searched.join(', ')})` : session ? `region ${describeRegion(session.region)}` : "the credential's region";
	return {
		code: info.missingCode,
		message: `SCNet lists no enabled ${info.what} for ${region}`,
		description: `Region discovery returned no '${info.discovery}' entry that is enabled. Pick another 'Region', or enter the ${info.what} URL in '${label}'.`,
		scope: 'account',
		unsent: true,
	};
}
