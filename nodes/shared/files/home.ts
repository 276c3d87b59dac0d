import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../transport';
import { EFILE } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';

const NO_HOME: ScnetFailure = {
	code: 'NO_HOME_FOLDER',
	message: 'SCNet did not say which folder is the cluster user’s home',
	description: 'Region discovery named none, and the file list did not either. Give an absolute folder path instead.',
	scope: 'batch',
	unsent: true,
};

/**
 * The cluster user's home folder: as region discovery names it (`clusterUserInfo.homePath`, known
 * once the credential signed in), else the folder SCNet lists when asked for none — its own
 * definition of home, which also serves a pasted token.
 */
export async function homeFolder(client: ScnetClient, settings: RequestSettings): Promise<{ ok: true; path: string } | { ok: false; failure: ScnetFailure }> {
	if (client.homePath !== undefined) return { ok: true, path: client.homePath };
	const answer = await client.request('efile', 'GET', EFILE.list, { qs: { start: 0, limit: 1 } }, settings);
	if (!answer.ok) return answer;
	const listed = (answer.data as IDataObject | null)?.path;
	const path = client.homePath ?? (typeof listed === 'string' && listed.startsWith('/') ? listed : undefined);
	return path === undefined ? { ok: false, failure: NO_HOME } : { ok: true, path };
}
