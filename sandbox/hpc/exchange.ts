/**
 * One HPC route's exchange: the request as a handler sees it, the ways SCNet's Spring back end
 * reads parameters (the query string always; a form body only when it says it is one; JSON for
 * submit), and the answer a handler gives back.
 */
import type { IncomingHttpHeaders } from 'node:http';

import { envelope } from '../auth';
import type { HpcStore } from './store';

export interface HpcRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	/** The body as sent (text). */
	body: string;
	headers: IncomingHttpHeaders;
	/** The path's parameters (`{jobId}`, `{username}`), decoded. */
	pathParams: string[];
}

/** The form body, if the request declares one (Spring parses no other as form fields). */
export function formOf(request: HpcRequest): URLSearchParams {
	const type = String(request.headers['content-type'] ?? '').toLowerCase();
	return type.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.body) : new URLSearchParams();
}

/** A POST's request parameters as Spring sees them: the query string, then the form body. */
export function postParams(request: HpcRequest): URLSearchParams {
	return new URLSearchParams([...request.query, ...formOf(request)]);
}

export function jsonOf(request: HpcRequest): unknown {
	try {
		return JSON.parse(request.body);
	} catch {
		return undefined;
	}
}

/** A non-negative integer parameter: its value, undefined when absent, NaN when malformed. */
export function intParam(params: URLSearchParams, name: string): number | undefined {
	const value = params.get(name);
	if (value === null || value.trim() === '') return undefined;
	return /^\d+$/.test(value.trim()) ? Number(value) : NaN;
}

/** What a handler works on: the jobs, and who the cluster user is (from the sign-in side). */
export interface HpcContext {
	store: HpcStore;
	clusterUser(): string;
}

/** A handler's answer: HTTP 200 with an envelope, unless `status` says otherwise. */
export interface HpcAnswer {
	status?: number;
	body: unknown;
}

export type HpcHandler = (request: HpcRequest, context: HpcContext) => HpcAnswer;

export const ok = (data: unknown = null): HpcAnswer => ({ body: envelope('0', 'success', data) });
export const fail = (code: string, msg: string, data: unknown = null): HpcAnswer => ({ body: envelope(code, msg, data) });
export const missing = (name: string): HpcAnswer => fail('10003', `参数不全: ${name}`);
export const invalid = (name: string): HpcAnswer => fail('10004', `参数无效: ${name}`);
