import type { IDataObject } from 'n8n-workflow';

/**
 * At most this many containers (or notebooks) missing from a poll's listing are looked up in one
 * poll; the others stay as they were and are looked up by the next polls (a mass deletion is
 * reported over a few polls, never wrongly).
 */
export const MAX_LOOKUPS_PER_POLL = 20;

/** What one look-up says of an object: certainly gone, still there (as SCNet describes it now), or not known (`found` absent). */
export type LookedUp = { gone: true } | { gone: false; found?: IDataObject };

/**
 * Asks SCNet, with one look-up (`lookUp`, a Get) each, about the objects the last poll knew and
 * this listing lacks: which are certainly gone, and which are still there (a listing that changed
 * as it was read may miss one). Those it cannot tell are left for the next poll.
 */
export async function lookUpMissing(missing: string[], lookUp: (id: string) => Promise<LookedUp>): Promise<{ gone: Set<string>; found: IDataObject[] }> {
	const gone = new Set<string>();
	const found: IDataObject[] = [];
	for (const id of missing.slice(0, MAX_LOOKUPS_PER_POLL)) {
		const answer = await lookUp(id);
		if (answer.gone) gone.add(id);
		else if (answer.found) found.push({ ...answer.found, id });
	}
	return { gone, found };
}
