import type { IDataObject } from 'n8n-workflow';

import type { RequestSettings, ScnetClient } from '../transport';
import { CONTAINER } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';

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
	/** The entries that carry an ID, in the order SCNet listed them (a repeated one included). */
	containers: IDataObject[];
	/** The total SCNet reports, when it does. */
	total?: number;
	/** Object entries without a usable ID: a listing that holds some cannot say what exists. */
	withoutId: number;
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
	let withoutId = 0;
	const containers = entries.flatMap((entry) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return [];
		const container = entry as IDataObject;
		const id = container.id ?? container.instanceServiceId;
		if ((typeof id !== 'string' || id === '') && typeof id !== 'number') {
			withoutId++;
			return [];
		}
		return [{ ...container, id: String(id) }];
	});
	return { containers, total, withoutId };
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
	 * undefined) — each once, and, when all are wanted, all of them or a failure
	 * (`INCOMPLETE_LISTING`). How the read stays true while the list changes under it:
	 * - SCNet pages by offset, newest first. A container created meanwhile pushes the others down
	 *   (they come again: removed as repeats); one deleted pulls them up, so a page that starts
	 *   where the last one ended would skip one. So each page after the first starts a little
	 *   before (`overlapOf`) and must hold a container already read; one that does not means more
	 *   vanished than the overlap covers, and the read starts again from the top (a few times).
	 * - The next offset is where the last page ended, not the size asked for, since SCNet may cap
	 *   its pages. The read ends on an empty page, or once the offset passes the total SCNet
	 *   reports — never on a page that merely brought nothing new — within a bound of requests.
	 * - What cannot be trusted fails: entries without an ID, a server that ignores `start` (a later
	 *   page equal to the first), an empty page or fewer containers than the total it reports.
	 */
	async collect(
		query: ListQuery,
		{ pageSize, wanted, keep = () => true }: { pageSize: number; wanted?: number; keep?: (container: IDataObject) => boolean },
	): Promise<{ ok: true; containers: IDataObject[] } | { ok: false; failure: ScnetFailure }> {
		const seen = new Set<string>();
		const kept: IDataObject[] = [];
		const read: ReadSoFar = { pages: 0, repeats: 0, doubles: 0, restarts: 0 };
		let firstPage = '';
		let start = 0;
		// How many entries of the last page this one asks for again (none for the first page).
		let overlap = 0;
		// The fewest new positions a page moved the read on: SCNet may send fewer than asked.
		let step = Math.max(1, pageSize - overlapOf(pageSize));
		const take = (containers: IDataObject[]) => {
			for (const container of containers) {
				const id = container.id as string;
				if (seen.has(id)) continue;
				seen.add(id);
				if (keep(container)) kept.push(container);
			}
		};
		while (wanted === undefined || kept.length < wanted) {
			if (read.pages >= requestBound(read.total ?? seen.size, step)) return incomplete(read, seen.size, 'it took more requests than such a list needs');
			const answer = await this.page(start, pageSize, query);
			if (!answer.ok) return answer;
			read.pages++;
			const { containers, total, withoutId } = answer.page;
			if (total !== undefined) read.total = total;
			if (withoutId > 0) return incomplete(read, seen.size, `${withoutId} of its entries had no ID`);
			if (containers.length === 0 && read.total !== undefined && read.total > start) {
				return incomplete(read, seen.size, `the page at ${start} was empty`);
			}
			const ids = containers.map((container) => container.id as string);
			if (start > 0 && ids.join('\n') === firstPage) return incomplete(read, seen.size, `the page at ${start} was the first page again: SCNet seems to ignore 'start'`);
			if (overlap > 0 && !ids.some((id) => seen.has(id))) {
				// Even the entries asked for again are gone: more vanished between two pages than the overlap covers.
				if (++read.restarts > MAX_RESTARTS) return incomplete(read, seen.size, 'the list changed too much while it was read');
				[start, overlap] = [0, 0];
				continue;
			}
			if (containers.length === 0) break;
			if (start === 0) firstPage = ids.join('\n');
			const before = seen.size;
			read.doubles += ids.length - new Set(ids).size;
			read.repeats += ids.filter((id) => seen.has(id)).length;
			take(containers);
			const end = start + containers.length;
			if (read.total !== undefined ? end >= read.total : seen.size === before && containers.length < pageSize) break;
			overlap = overlapOf(containers.length);
			step = Math.min(step, containers.length - overlap);
			start = end - overlap;
		}
		if (wanted !== undefined) return { ok: true, containers: kept.slice(0, wanted) };
		if (read.total !== undefined && seen.size + read.doubles < read.total) {
			// Containers created during the read sit above it: one look at the top finds them.
			const top = await this.page(0, pageSize, query);
			if (!top.ok) return top;
			read.pages++;
			if (top.page.withoutId > 0) return incomplete(read, seen.size, `${top.page.withoutId} of its entries had no ID`);
			take(top.page.containers);
			if (top.page.total !== undefined) read.total = top.page.total;
			if (seen.size + read.doubles < read.total) return incomplete(read, seen.size, `SCNet reported ${read.total} containers`);
		}
		return { ok: true, containers: kept };
	}
}

/** What a read has seen so far, for the failure that says why it cannot be trusted. */
interface ReadSoFar {
	pages: number;
	total?: number;
	/** Entries that came again on a later page: the overlap's, and those a new container pushed down. */
	repeats: number;
	/** Entries a page listed twice: SCNet counts them in its total, as it seems, so they count as read. */
	doubles: number;
	restarts: number;
}

/** Times a read starts again from the top when the list changed too much between two pages. */
const MAX_RESTARTS = 3;

/**
 * How many entries of a page of `length` the next page asks for again: one in fifty, at least
 * two (so 100-container pages cost 2 % more requests). Asking for k again tolerates k - 1
 * deletions between two pages without reading again from the top; a page of one entry asks for
 * none, since it could not move on.
 */
function overlapOf(length: number): number {
	return Math.min(length - 1, Math.max(2, Math.floor(length / 50)));
}

/** However many containers an account holds, a read ends within this many requests (a million containers in pages of 100). */
const MAX_REQUESTS = 10500;

/** The most requests a read of `known` containers, `step` new ones a page, may take: every restart, and some. */
function requestBound(known: number, step: number): number {
	return Math.min(MAX_REQUESTS, (MAX_RESTARTS + 1) * (Math.ceil(known / step) + 2) + 2);
}

function incomplete(read: ReadSoFar, distinct: number, why: string): { ok: false; failure: ScnetFailure } {
	const total = read.total === undefined ? 'no total' : `a total of ${read.total}`;
	return {
		ok: false,
		failure: {
			code: 'INCOMPLETE_LISTING',
			message: `The container list could not be read completely: ${why} (${read.pages} pages, ${distinct} different containers, ${total}, ${read.repeats + read.doubles} repeats, ${read.restarts} restarts)`,
			description:
				'Nothing was decided from it. A list that changes a lot while it is read usually reads completely the next time: run again. If it keeps failing, please report the message: SCNet answered its pages in a way the node cannot trust.',
			scope: 'batch',
		},
	};
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
