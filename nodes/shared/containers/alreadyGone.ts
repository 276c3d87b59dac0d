import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../transport';
import { CONTAINER } from '../transport/endpoints';

/*
 * A delete that is sent again — after a lost answer, or by n8n's Retry On Fail — finds the
 * containers its first attempt deleted gone, and SCNet answers 716866 ("delete task failed") for
 * them. Before that is reported as a failure, a Get asks whether the container still exists.
 * SCNet does not document Get's answer for a container that does not exist: it is taken as gone
 * on 716020 (SCNet's "database query error", what it answers for an unknown ID), 10004 (invalid
 * ID), HTTP 404, or success without a container. Anything else — the container, a fault — keeps
 * the failure: unknown means not gone.
 */
const GONE_CODES = new Set(['716020', '10004', 'HTTP_404']);

/** What a Get says of a container: certainly gone, still there (as SCNet describes it now), or not known. */
export type Whereabouts = { gone: true } | { gone: false; container: IDataObject } | { gone: false; container?: undefined };

/** Asks SCNet whether it still has the container `id`; a fault is "not known", never "gone". */
export async function whereabouts(client: ScnetClient, id: string, settings: RequestSettings): Promise<Whereabouts> {
	const answer = await client.request('ai', 'GET', CONTAINER.detail(id), {}, settings);
	if (!answer.ok) return GONE_CODES.has(answer.failure.code) ? { gone: true } : { gone: false };
	const data = answer.data as IDataObject | null | undefined;
	if (data === null || data === undefined) return { gone: true };
	if (typeof data !== 'object' || Array.isArray(data)) return { gone: false };
	if (data.id === undefined && data.status === undefined && data.instanceServiceName === undefined) return { gone: true };
	return { gone: false, container: data };
}

/** Whether SCNet certainly no longer has the container `id`. */
export async function isGone(client: ScnetClient, id: string, settings: RequestSettings): Promise<boolean> {
	return (await whereabouts(client, id, settings)).gone;
}

/** The output of a container found gone, by the operation's own field (e.g. `deleted`). */
export function goneJson(id: string, doneField: string): IDataObject {
	return {
		id,
		[doneField]: true,
		alreadyGone: true,
		code: '0',
		message: 'Already gone: an earlier attempt of this run deleted it (SCNet answered 716866, and no longer has the container)',
	};
}
