import type { IDataObject } from 'n8n-workflow';

import { whereabouts } from '../shared/containers/alreadyGone';
import type { RequestSettings, ScnetClient } from '../shared/transport';

/**
 * At most this many containers missing from a poll's listing are looked up in one poll; the
 * others stay as they were and are looked up by the next polls (a mass deletion is reported
 * over a few polls, never wrongly).
 */
export const MAX_LOOKUPS_PER_POLL = 20;

/**
 * Asks SCNet, with a Get each, about the containers the last poll knew and this listing lacks:
 * which are certainly gone, and which are still there (a listing that changed as it was read
 * may miss one). Those it cannot tell are left for the next poll.
 */
export async function lookUpMissing(
	client: ScnetClient,
	missing: string[],
	settings: RequestSettings,
): Promise<{ gone: Set<string>; found: IDataObject[] }> {
	const gone = new Set<string>();
	const found: IDataObject[] = [];
	for (const id of missing.slice(0, MAX_LOOKUPS_PER_POLL)) {
		const answer = await whereabouts(client, id, settings);
		if (answer.gone) gone.add(id);
		else if (answer.container) found.push({ ...answer.container, id });
	}
	return { gone, found };
}
