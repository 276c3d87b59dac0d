/**
 * The HPC service's endpoints (`hpcUrls`, prefix `/hpc/openapi/v2`), one handler each. The server
 * checks the token first, as for the container routes; each route has a name recorded requests
 * carry (`hpc.submit`, `hpc.jobs`, …). A known path asked with another method answers HTTP 405,
 * as a live client saw for `POST /jobs`.
 */
import { cancel } from './cancel';
import { queueEntry, queuesOf, schedulerOf, SCHEDULERS } from './cluster';
import { invalid, missing, ok, type HpcAnswer, type HpcHandler } from './exchange';
import { fileContent } from './fileContent';
import { historyList } from './history';
import { detail, realtimeList, submit } from './jobs';

export const HPC_PREFIX = '/hpc/openapi/v2';
export const CLUSTER_PATH = `${HPC_PREFIX}/cluster`;
export const SUBMIT_PATH = `${HPC_PREFIX}/apptemplates/BASIC/BASE/job`;
export const JOBS_PATH = `${HPC_PREFIX}/jobs`;
export const HISTORY_PATH = `${HPC_PREFIX}/historyjobs`;
export const FILE_CONTENT_PATH = `${HPC_PREFIX}/file/content`;
export const queuesPath = (user: string) => `${HPC_PREFIX}/queuenames/users/${encodeURIComponent(user)}`;
export const jobPath = (jobId: string) => `${JOBS_PATH}/${encodeURIComponent(jobId)}`;

interface HpcRoute {
	name: string;
	method: string;
	pattern: RegExp;
	handle: HpcHandler;
}

const exact = (path: string) => new RegExp(`^${path.replace(/[/.]/g, '\\$&')}$`);
/** A path with one trailing parameter (array-task job IDs such as `5_1` included). */
const withParam = (path: string) => new RegExp(`^${path.replace(/[/.]/g, '\\$&')}/([^/]+)$`);

/** `GET /queuenames/users/{username}`: the queues of a scheduler, for the cluster user only (another user's refusal is a guess). */
const queues: HpcHandler = ({ query, pathParams: [user] }, { clusterUser }) => {
	const schedulerId = query.get('strJobManagerID');
	if (!schedulerId) return missing('strJobManagerID');
	const scheduler = schedulerOf(schedulerId);
	if (!scheduler) return invalid('strJobManagerID');
	if (user !== clusterUser()) return invalid('username');
	return ok(queuesOf(scheduler.id).map(queueEntry));
};

const ROUTES: HpcRoute[] = [
	{ name: 'hpc.cluster', method: 'GET', pattern: exact(CLUSTER_PATH), handle: () => ok(SCHEDULERS) },
	{ name: 'hpc.queues', method: 'GET', pattern: withParam(`${HPC_PREFIX}/queuenames/users`), handle: queues },
	{ name: 'hpc.submit', method: 'POST', pattern: exact(SUBMIT_PATH), handle: submit },
	{ name: 'hpc.jobs', method: 'GET', pattern: exact(JOBS_PATH), handle: realtimeList },
	{ name: 'hpc.cancel', method: 'DELETE', pattern: exact(JOBS_PATH), handle: cancel },
	{ name: 'hpc.job', method: 'GET', pattern: withParam(JOBS_PATH), handle: detail },
	{ name: 'hpc.history', method: 'GET', pattern: exact(HISTORY_PATH), handle: historyList },
	{ name: 'hpc.fileContent', method: 'POST', pattern: exact(FILE_CONTENT_PATH), handle: fileContent },
];

/** A route found for a request: its name, the path's parameters, and its handler (or the 405). */
export interface FoundHpcRoute {
	name: string;
	pathParams: string[];
	handle: HpcHandler;
}

const methodNotAllowed = (method: string, path: string): HpcAnswer => ({
	status: 405,
	body: { timestamp: new Date().toISOString(), status: 405, error: 'Method Not Allowed', message: `Request method '${method}' not supported`, path },
});

/** A path parameter, decoded; a malformed escape is kept as sent rather than failing the request. */
function decode(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

export function findHpcRoute(method: string, path: string): FoundHpcRoute | undefined {
	const matching = ROUTES.filter((route) => route.pattern.test(path));
	const route = matching.find((candidate) => candidate.method === method);
	if (route) {
		const params = (route.pattern.exec(path) ?? []).slice(1).map(decode);
		return { name: route.name, pathParams: params, handle: route.handle };
	}
	return matching.length > 0 ? { name: 'hpc.methodNotAllowed', pathParams: [], handle: () => methodNotAllowed(method, path) } : undefined;
}
