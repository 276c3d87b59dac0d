import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../transport';
import { CONTAINER } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';
import { readAll, readPage, type Page } from '../listing';

/*
 * Listing containers. SCNet documents the list as a GET with a JSON body, which n8n's request
 * helper cannot send (it drops the body of every GET), and does not document the answer's shape.
 * So the fields go as query parameters, first to `…/task/list` (the form live clients use), then,
 * if that path is missing or answers something that is not a list, to the documented `…/task`;
 * and the answer is read in every plausible shape.
 */

/** The fields SCNet's list takes, sent as query parameters. */
export interface ListQuery {
	status?: string;
	taskType?: string;
	instanceServiceName?: string;
}

/** Where SCNet may put a container's ID. */
const ID_KEYS = ['id', 'instanceServiceId'];

/** A page of the container list, each container's `id` set (SCNet may call it `instanceServiceId`). */
export const readContainerPage = (data: unknown): Page | undefined => readPage(data, ID_KEYS);

/** The two forms of the list call, in the order they are tried. */
const LIST_PATHS = [CONTAINER.taskList, CONTAINER.tasks];

/** Failures that mean "no list here", not "the list failed": the next form is tried. */
function meansNoList(failure: ScnetFailure): boolean {
	return failure.code === 'HTTP_404' || failure.code === 'HTTP_405' || failure.code === 'INVALID_RESPONSE';
}

/**
 * Lists containers page by page for one run (or one editor lookup, or one poll), keeping the
 * form of the call that worked.
 */
export class ContainerLister {
	private path: string | undefined;

	constructor(
		private readonly client: ScnetClient,
		private readonly settings: RequestSettings,
	) {}

	/** One page from offset `start`, of at most `limit` containers, newest first. */
	async page(start: number, limit: number, query: ListQuery): Promise<{ ok: true; page: Page } | { ok: false; failure: ScnetFailure }> {
		const qs = { start, limit, sort: 'desc', ...query };
		const paths = this.path ? [this.path] : LIST_PATHS;
		let last: { ok: false; failure: ScnetFailure } | undefined;
		for (const path of paths) {
			const result = await this.client.request('ai', 'GET', path, { qs }, this.settings);
			if (!result.ok) {
				last = { ok: false, failure: result.failure };
				if (meansNoList(result.failure)) continue;
				return last;
			}
			const page = readContainerPage(result.data);
			if (!page) {
				last = { ok: false, failure: notAList(result.data) };
				continue;
			}
			this.path = path;
			return { ok: true, page };
		}
		return last as { ok: false; failure: ScnetFailure };
	}

	/** Every container (see `readAll`), each once: all of them or `INCOMPLETE_LISTING`, or the first `wanted` that pass `keep`. */
	async collect(
		query: ListQuery,
		{ pageSize, wanted, keep }: { pageSize: number; wanted?: number; keep?: (container: IDataObject) => boolean },
	): Promise<{ ok: true; containers: IDataObject[] } | { ok: false; failure: ScnetFailure }> {
		const read = await readAll((start, limit) => this.page(start, limit, query), { noun: 'container', pageSize, wanted, keep });
		return read.ok ? { ok: true, containers: read.entries } : read;
	}
}

function notAList(data: unknown): ScnetFailure {
	const shape = Array.isArray(data) ? 'a list' : data === null ? 'null' : typeof data;
	return {
		code: 'INVALID_RESPONSE',
		message: `SCNet answered the container list with ${shape === 'object' ? 'an object without a list' : shape} in 'data'`,
		description:
			"Neither form of the list call (…/task/list, …/task) returned containers. Check that the credential's container service URL is right; if it is, please report the answer's shape.",
		scope: 'batch',
	};
}
