import { normalizeBaseUrl } from '../baseUrl';
import { REGION_SERVICE_NAMES, REGION_SERVICES, type RegionService } from '../services';
import { signInFailure } from './signInError';

/** One entry of a sign-in answer: a region and the user's token for it (null: account disabled there). */
export interface RegionToken {
	id: string;
	name: string;
	token: string | null;
}

const TOP_UP =
	'The region is listed, but SCNet issues no token for it while the account is disabled or in arrears. Top up or re-enable the account in the SCNet user centre, then run the workflow again.';

/** Reads the sign-in answer's `data`: an array of `{ clusterId, clusterName, token }`. */
export function readRegionTokens(data: unknown): RegionToken[] {
	const entries = Array.isArray(data) ? data : data && typeof data === 'object' ? [data] : [];
	return entries.flatMap((entry: Record<string, unknown> | null) => {
		if (!entry || typeof entry !== 'object') return [];
		const id = entry.clusterId === undefined || entry.clusterId === null ? '' : String(entry.clusterId);
		const name = typeof entry.clusterName === 'string' ? entry.clusterName : '';
		if (id === '' && name === '') return [];
		const token = typeof entry.token === 'string' && entry.token !== '' ? entry.token : null;
		return [{ id, name, token }];
	});
}

/** The platform-level token (cluster 0, "ac") only opens platform APIs, never the container service. */
function isPlatform(region: RegionToken): boolean {
	return region.id === '0' || region.name.toLowerCase() === 'ac';
}

/** The platform-level token of a sign-in answer (cluster 0, "ac"): it opens the platform's own calls, such as the account. */
export function platformTokenOf(all: readonly RegionToken[]): string | undefined {
	return all.find((region) => isPlatform(region) && region.token !== null)?.token ?? undefined;
}

export function describeRegion(region: Pick<RegionToken, 'id' | 'name'>): string {
	return region.name && region.id ? `${region.name} (${region.id})` : region.name || region.id;
}

/**
 * The regions to try, in order: the one the user named (by cluster name or ID), or else every
 * region that has a token. Throws a plain error when none qualifies.
 */
export function candidateRegions(all: readonly RegionToken[], wanted: string): RegionToken[] {
	const regions = all.filter((region) => !isPlatform(region));
	const listed = regions.map(describeRegion).join(', ') || 'none';
	const needle = wanted.trim().toLowerCase();
	if (needle !== '') {
		const match = regions.find((region) => region.id.toLowerCase() === needle || region.name.toLowerCase() === needle);
		if (!match) {
			throw signInFailure(
				'REGION_NOT_FOUND',
				`The SCNet account has no region '${wanted.trim()}' (its regions: ${listed})`,
				"Set 'Region' to the name or ID of one of the account's regions, or leave it empty to use the first region with a container service.",
			);
		}
		if (match.token === null) {
			throw signInFailure('ACCOUNT_DISABLED', `The SCNet account is disabled or in arrears in region ${describeRegion(match)}`, TOP_UP);
		}
		return [match];
	}
	const usable = regions.filter((region) => region.token !== null);
	if (usable.length === 0) {
		throw regions.length > 0
			? signInFailure('ACCOUNT_DISABLED', `The SCNet account is disabled or in arrears in every region (${listed})`, TOP_UP)
			: signInFailure(
					'REGION_NOT_FOUND',
					'SCNet signed the user in but returned no computing region',
					'The account has no region with container access. Ask the SCNet administrator to grant one.',
				);
	}
	return usable;
}

function isEnabled(value: unknown): boolean {
	return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

/** What region discovery says of one region: its services' URLs and its cluster user. */
export interface Discovered {
	urls: Partial<Record<RegionService, string>>;
	clusterUser?: string;
	homePath?: string;
	/** Services named over plain http by a discovery over https: their origin, not used. */
	insecure?: Partial<Record<RegionService, string>>;
}

/**
 * Reads a region discovery answer's `data` (documented both as one object and as an array of
 * them) for `region`: the first enabled URL of each service, normalised, and the cluster user.
 * Of several entries, the region's own (by ID, or by name) is read; failing that, the first.
 */
export function readDiscovery(data: unknown, region: Pick<RegionToken, 'id' | 'name'>): Discovered {
	const entries = (Array.isArray(data) ? data : [data]).filter(
		(entry): entry is Record<string, unknown> => !!entry && typeof entry === 'object',
	);
	const isRegion = (entry: Record<string, unknown>) =>
		String(entry.id ?? '') === region.id || (region.name !== '' && entry.name === region.name);
	const entry = entries.find(isRegion) ?? entries[0] ?? {};
	const urls: Partial<Record<RegionService, string>> = {};
	for (const service of REGION_SERVICE_NAMES) {
		const url = firstEnabledUrl(entry[REGION_SERVICES[service].discovery]);
		if (url) urls[service] = url;
	}
	const user = (entry.clusterUserInfo ?? {}) as Record<string, unknown>;
	const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
	return { urls, clusterUser: text(user.userName), homePath: text(user.homePath) };
}

function firstEnabledUrl(list: unknown): string | undefined {
	for (const candidate of Array.isArray(list) ? (list as Array<Record<string, unknown> | null>) : []) {
		if (!candidate || !isEnabled(candidate.enable) || typeof candidate.url !== 'string') continue;
		const url = normalizeBaseUrl(candidate.url);
		if (url) return url;
	}
	return undefined;
}
