import type { IDataObject } from 'n8n-workflow';

import type { ScnetFailure } from './transport/errorCodes';

/*
 * Reading a whole SCNet list that pages by offset (containers, jobs), so that the listing is
 * complete or fails: what `readAll` does is explained on it. The kinds differ only in how a page
 * is fetched and where an entry's ID sits.
 */

export interface Page {
	/** The entries that carry an ID (as `id`, text), in the order SCNet listed them (a repeated one included). */
	entries: IDataObject[];
	/** The total SCNet reports, when it does. */
	total?: number;
	/** Object entries without a usable ID: a listing that holds some cannot say what exists. */
	withoutId: number;
}

/** Where the list's array may sit when `data` is an object. */
const LIST_KEYS = ['list', 'records', 'rows', 'items', 'content', 'data'];
/** Not `count`: an API may mean the entries of this page by it, which would end listing after one page. */
const TOTAL_KEYS = ['total', 'totalCount', 'totalElements'];

/** Reads a list answer's `data`, each entry's ID from the first of `idKeys` that holds one; undefined when it holds no list at all. */
export function readPage(data: unknown, idKeys: readonly string[]): Page | undefined {
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
	const read = entries.flatMap((entry) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return [];
		const object = entry as IDataObject;
		const id = idKeys.map((key) => object[key]).find((value) => (typeof value === 'string' && value !== '') || typeof value === 'number');
		if (id === undefined) {
			withoutId++;
			return [];
		}
		return [{ ...object, id: String(id) }];
	});
	return { entries: read, total, withoutId };
}

/** A count given as a number or as digits; `Number()` alone would read null, '' and [] as 0 and end the listing early. */
function countOf(value: unknown): number | undefined {
	const count = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
	return Number.isInteger(count) && count >= 0 ? count : undefined;
}

export type PageResult = { ok: true; page: Page } | { ok: false; failure: ScnetFailure };

export interface ReadAllOptions {
	/** How the list and its entries are named in messages: `container`, `job`. */
	noun: string;
	pageSize: number;
	/** Stop once this many entries passed `keep` (every entry when undefined: then the read is complete or fails). */
	wanted?: number;
	keep?: (entry: IDataObject) => boolean;
}

/**
 * Every entry, across pages, until `wanted` entries passed `keep` (all of them when
 * undefined) — each once, and, when all are wanted, all of them or a failure
 * (`INCOMPLETE_LISTING`). How the read stays true while the list changes under it:
 * - SCNet pages by offset, newest first. An entry added meanwhile pushes the others down
 *   (they come again: removed as repeats); one removed pulls them up, so a page that starts
 *   where the last one ended would skip one. So each page after the first starts a little
 *   before (`overlapOf`) and must hold an entry already read; one that does not means more
 *   vanished than the overlap covers, and the read starts again from the top (a few times).
 * - The next offset is where the last page ended, not the size asked for, since SCNet may cap
 *   its pages. The read ends on an empty page, or once the offset passes the total SCNet
 *   reports — never on a page that merely brought nothing new — within a bound of requests.
 * - What cannot be trusted fails: entries without an ID, a server that ignores `start` (a later
 *   page equal to the first), an empty page or fewer entries than the total it reports.
 */
export async function readAll(
fetchPage: (start: number, limit: number) => Promise<PageResult>,
{ noun, pageSize, wanted, keep = () => true }: ReadAllOptions,
): Promise<{ ok: true; entries: IDataObject[] } | { ok: false; failure: ScnetFailure }> {
	const seen = new Set<string>();
	const kept: IDataObject[] = [];
	const read: ReadSoFar = { pages: 0, repeats: 0, doubles: 0, restarts: 0 };
	let firstPage = '';
	let start = 0;
	// How many entries of the last page this one asks for again (none for the first page).
	let overlap = 0;
	// The fewest new positions a page moved the read on: SCNet may send fewer than asked.
	let step = Math.max(1, pageSize - overlapOf(pageSize));
	const take = (entries: IDataObject[]) => {
		for (const entry of entries) {
			const id = entry.id as string;
			if (seen.has(id)) continue;
			seen.add(id);
			if (keep(entry)) kept.push(entry);
		}
	};
	while (wanted === undefined || kept.length < wanted) {
		if (read.pages >= requestBound(read.total ?? seen.size, step)) return incomplete(noun, read, seen.size, 'it took more requests than such a list needs');
		const answer = await fetchPage(start, pageSize);
		if (!answer.ok) return answer;
		read.pages++;
		const { entries, total, withoutId } = answer.page;
		if (total !== undefined) read.total = total;
		if (withoutId > 0) return incomplete(noun, read, seen.size, `${withoutId} of its entries had no ID`);
		if (entries.length === 0 && read.total !== undefined && read.total > start) {
			return incomplete(noun, read, seen.size, `the page at ${start} was empty`);
		}
		const ids = entries.map((entry) => entry.id as string);
		if (start > 0 && ids.join('\n') === firstPage) return incomplete(noun, read, seen.size, `the page at ${start} was the first page again: SCNet seems to ignore 'start'`);
		if (overlap > 0 && !ids.some((id) => seen.has(id))) {
			// Even the entries asked for again are gone: more vanished between two pages than the overlap covers.
			if (++read.restarts > MAX_RESTARTS) return incomplete(noun, read, seen.size, 'the list changed too much while it was read');
			[start, overlap] = [0, 0];
			continue;
		}
		if (entries.length === 0) break;
		if (start === 0) firstPage = ids.join('\n');
		const before = seen.size;
		read.doubles += ids.length - new Set(ids).size;
		read.repeats += ids.filter((id) => seen.has(id)).length;
		take(entries);
		const end = start + entries.length;
		if (read.total !== undefined ? end >= read.total : seen.size === before && entries.length < pageSize) break;
		overlap = overlapOf(entries.length);
		step = Math.min(step, entries.length - overlap);
		start = end - overlap;
	}
	if (wanted !== undefined) return { ok: true, entries: kept.slice(0, wanted) };
	if (read.total !== undefined && seen.size + read.doubles < read.total) {
		// Entries added during the read sit above it: one look at the top finds them.
		const top = await fetchPage(0, pageSize);
		if (!top.ok) return top;
		read.pages++;
		if (top.page.withoutId > 0) return incomplete(noun, read, seen.size, `${top.page.withoutId} of its entries had no ID`);
		take(top.page.entries);
		if (top.page.total !== undefined) read.total = top.page.total;
		if (seen.size + read.doubles < read.total) return incomplete(noun, read, seen.size, `SCNet reported ${read.total} ${noun}s`);
	}
	return { ok: true, entries: kept };
}


/**
 * `readAll`'s offsets for a list SCNet pages by number (`page` from 1, `size`), such as the
 * notebook list. A window from any offset is a page of a size that offset is (nearly) a multiple
 * of: the size, of at most `limit`, whose page brings the most entries from the offset on; what
 * comes before the offset is dropped. So one request serves each of `readAll`'s overlapping
 * windows. A server that sends fewer than asked while it has more caps its pages: its size is
 * then taken as the largest (the page asked again with it when its start depended on the size).
 * A later page that starts with the first page's entry means SCNet ignores `page`: it fails.
 */
export function byPageNumber(fetchPage: (page: number, size: number) => Promise<PageResult>, noun: string): (start: number, limit: number) => Promise<PageResult> {
	let cap: number | undefined;
	let first: string | undefined;
	const fetchWindow = async (start: number, limit: number, again: boolean): Promise<PageResult> => {
		const most = Math.max(1, Math.min(limit, cap ?? limit));
		const size = start === 0 ? most : sizeFor(start, most);
		const page = Math.floor(start / size) + 1;
		const answer = await fetchPage(page, size);
		if (!answer.ok) return answer;
		const { entries, total } = answer.page;
		// Without a total, only the first page can tell: a short one may also be the whole list (the next window then finds nothing new).
		const more = total === undefined ? page === 1 : (page - 1) * size + entries.length < total;
		if (entries.length > 0 && entries.length < size && more) {
			cap = entries.length;
			// This page's start was worked out with a size SCNet does not give: it is asked again with SCNet's.
			if (page > 1) return again ? untrusted(noun, 'its page size kept changing') : fetchWindow(start, limit, true);
		}
		if (page === 1) first = entries[0]?.id as string | undefined;
		else if (first !== undefined && entries[0]?.id === first) return untrusted(noun, `page ${page} began as the first page: SCNet seems to ignore 'page'`);
		return { ok: true, page: { ...answer.page, entries: entries.slice(start - (page - 1) * size) } };
	};
	return (start, limit) => fetchWindow(start, limit, false);
}

function untrusted(noun: string, why: string): { ok: false; failure: ScnetFailure } {
	const { failure } = incomplete(noun, { pages: 0, repeats: 0, doubles: 0, restarts: 0 }, 0, why);
	return { ok: false, failure: { ...failure, message: `The ${noun} list could not be read completely: ${why}` } };
}

/** The page size, from `most` down to half of it, whose page brings the most entries from `start` on (the largest on a tie). */
function sizeFor(start: number, most: number): number {
	let best = most;
	for (let size = most - 1; size >= Math.ceil(most / 2); size--) if (size - (start % size) > best - (start % best)) best = size;
	return best;
}

/** What a read has seen so far, for the failure that says why it cannot be trusted. */
interface ReadSoFar {
	pages: number;
	total?: number;
	/** Entries that came again on a later page: the overlap's, and those a new entry pushed down. */
	repeats: number;
	/** Entries a page listed twice: SCNet counts them in its total, as it seems, so they count as read. */
	doubles: number;
	restarts: number;
}

/** Times a read starts again from the top when the list changed too much between two pages. */
const MAX_RESTARTS = 3;

/**
 * How many entries of a page of `length` the next page asks for again: one in fifty, at least
 * two (so pages of 100 cost 2 % more requests). Asking for k again tolerates k - 1
 * deletions between two pages without reading again from the top; a page of one entry asks for
 * none, since it could not move on.
 */
function overlapOf(length: number): number {
	return Math.min(length - 1, Math.max(2, Math.floor(length / 50)));
}

/** However long a list is, a read ends within this many requests (a million entries in pages of 100). */
const MAX_REQUESTS = 10500;

/** The most requests a read of `known` entries, `step` new ones a page, may take: every restart, and some. */
function requestBound(known: number, step: number): number {
	return Math.min(MAX_REQUESTS, (MAX_RESTARTS + 1) * (Math.ceil(known / step) + 2) + 2);
}

function incomplete(noun: string, read: ReadSoFar, distinct: number, why: string): { ok: false; failure: ScnetFailure } {
	const total = read.total === undefined ? 'no total' : `a total of ${read.total}`;
	return {
		ok: false,
		failure: {
			code: 'INCOMPLETE_LISTING',
			message: `The ${noun} list could not be read completely: ${why} (${read.pages} pages, ${distinct} different ${noun}s, ${total}, ${read.repeats + read.doubles} repeats, ${read.restarts} restarts)`,
			description:
				'Nothing was decided from it. A list that changes a lot while it is read usually reads completely the next time: run again. If it keeps failing, please report the message: SCNet answered its pages in a way the node cannot trust.',
			scope: 'batch',
		},
	};
}
