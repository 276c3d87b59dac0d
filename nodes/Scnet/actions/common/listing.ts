import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../../transport';
import { CONTAINER } from '../../transport/endpoints';
import type { ScnetFailure } from '../../transport/errorCodes';

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

export interface Page {
	containers: IDataObject[];
	/** The total SCNet reports, when it does. */
	total?: number;
}

/** Where the list's array may sit when `data` is an object. */
const LIST_KEYS = ['list', 'records', 'rows', 'items', 'content', 'data'];
/** Not `count`: an API may mean the entries of this page by it, which would end listing after one page. */
const TOTAL_KEYS = ['total', 'totalCount', 'totalElements'];

/** Reads a list answer's `data`; undefined when it holds no list at all. */
export function readPage(data: unknown): Page | undefined {
	let entries: unknown;
	let total: number | undefined;
	if (Array.isArray(data)) {
		entries = data;
	} else if (data && typeof data === 'object') {
		const object = data as IDataObject;
		entries = LIST_KEYS.map((key) => object[key]).find(Array.isArray);
		total = TOTAL_KEYS.map((key) => countOf(object[key])).find((value) => value !== undefined);
	}
	if (!Array.isArray(entries)) return undefined;
	const containers = entries.flatMap((entry) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return [];
		const container = entry as IDataObject;
		const id = container.id ?? container.instanceServiceId;
		if ((typeof id !== 'string' || id === '') && typeof id !== 'number') return [];
		return [{ ...container, id: String(id) }];
	});
	return { containers, total };
}

/** A count given as a number or as digits; `Number()` alone would read null, '' and [] as 0 and end the listing early. */
function countOf(value: unknown): number | undefined {
	const count = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
	return Number.isInteger(count) && count >= 0 ? count : undefined;
}

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
			const result = await this.client.request('GET', path, { qs }, this.settings);
			if (!result.ok) {
				last = { ok: false, failure: result.failure };
				if (meansNoList(result.failure)) continue;
				return last;
			}
			const page = readPage(result.data);
			if (!page) {
				last = { ok: false, failure: notAList(result.data) };
				continue;
			}
			this.path = path;
			return { ok: true, page };
		}
		return last as { ok: false; failure: ScnetFailure };
	}

	/**
	 * Every container, across pages, until `wanted` containers passed `keep` (all of them when
	 * undefined). The next offset is where the last page ended, not the size asked for, since
	 * SCNet may cap its pages; listing ends on an empty page, at the total SCNet reports, or when
	 * a page brings nothing new (a server that ignores the offset would otherwise never end).
	 */
	async collect(
		query: ListQuery,
		{ pageSize, wanted, keep = () => true }: { pageSize: number; wanted?: number; keep?: (container: IDataObject) => boolean },
	): Promise<{ ok: true; containers: IDataObject[] } | { ok: false; failure: ScnetFailure }> {
		const seen = new Set<string>();
		const kept: IDataObject[] = [];
		for (let start = 0; wanted === undefined || kept.length < wanted; ) {
			const answer = await this.page(start, pageSize, query);
			if (!answer.ok) return answer;
			const { containers, total } = answer.page;
			// Each container once, also when a page lists it twice.
			let fresh = 0;
			for (const container of containers) {
				if (seen.has(container.id as string)) continue;
				seen.add(container.id as string);
				fresh++;
				if (keep(container)) kept.push(container);
			}
			start += containers.length;
			if (fresh === 0 || (total !== undefined && start >= total)) break;
		}
		return { ok: true, containers: wanted === undefined ? kept : kept.slice(0, wanted) };
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
