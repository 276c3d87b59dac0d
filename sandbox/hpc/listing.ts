/**
 * What the two job lists (realtime and history) read alike: the scheduler IDs and the page.
 * Both answer `{ total, list }`, the shape a live client reads (T); the page cap is a setting
 * because the platform's maximum `limit` is UNKNOWN.
 */
import { schedulerOf } from './cluster';
import { intParam, invalid, missing, ok, type HpcAnswer } from './exchange';

/** The scheduler IDs of a `…List` parameter (comma-separated, as the name suggests), or its refusal. */
export function readSchedulers(params: URLSearchParams, name: string): number[] | HpcAnswer {
	const value = (params.get(name) ?? '').trim();
	if (value === '') return missing(name);
	const schedulers = value.split(',').map((id) => schedulerOf(id));
	if (schedulers.some((scheduler) => !scheduler)) return invalid(name);
	return schedulers.map((scheduler) => scheduler?.id as number);
}

export interface Page {
	start: number;
	limit: number;
}

/**
 * `start` and `limit`, or the refusal. History requires both (C); the realtime list does not, and
 * then starts at 0 with 25 entries (the page's example value; the real default is UNKNOWN).
 */
export function readPage(params: URLSearchParams, required: boolean): Page | HpcAnswer {
	const start = intParam(params, 'start');
	const limit = intParam(params, 'limit');
	if (required && start === undefined) return missing('start');
	if (required && limit === undefined) return missing('limit');
	if (Number.isNaN(start)) return invalid('start');
	if (Number.isNaN(limit) || limit === 0) return invalid('limit');
	return { start: start ?? 0, limit: limit ?? 25 };
}

export function listAnswer<T>(items: T[], { start, limit }: Page, pageCap: number, entry: (item: T) => unknown): HpcAnswer {
	return ok({ total: items.length, list: items.slice(start, start + Math.min(limit, pageCap)).map(entry) });
}

/** Whether a result (a list of scheduler IDs, a page) is a refusal instead. */
export const isAnswer = (value: unknown): value is HpcAnswer => typeof value === 'object' && value !== null && 'body' in value;
