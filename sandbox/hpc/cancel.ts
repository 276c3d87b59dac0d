/**
 * `DELETE /jobs` (reference §2.8): `jobMethod=5` and `strJobInfoMap` =
 * `scheduler,user:jobId:` entries joined by `;`. Read from the query string, or only from a form
 * body (`cancelParams`), the two encodings live clients disagree on.
 *
 * The answer is UNKNOWN officially. A live client reads `data[schedulerId]` as a message, so each
 * scheduler gets one: `success`, or scancel's own error lines. The sandbox guesses that a batch
 * with a failed entry still cancels the rest (as scancel does) and answers code 10001 with those
 * lines in `msg`; a job that already finished counts as failed, as scancel says it is.
 */
import { schedulerOf } from './cluster';
import { fail, formOf, invalid, missing, ok, type HpcContext, type HpcHandler } from './exchange';
import { isTerminal } from './states';

const ENTRY = /^(\d+),([^:;,]+):([^:;]+):$/;

interface Entry {
	schedulerId: number;
	user: string;
	jobId: string;
}

export const cancel: HpcHandler = (request, context) => {
	const params = context.store.settings.cancelParams === 'query' ? request.query : formOf(request);
	const jobMethod = params.get('jobMethod');
	const map = params.get('strJobInfoMap');
	if (!jobMethod) return missing('jobMethod');
	if (!map) return missing('strJobInfoMap');
	// 5 (delete) is the only value the page names.
	if (jobMethod !== '5') return invalid('jobMethod');
	const entries = readEntries(map);
	if (!entries) return invalid('strJobInfoMap');

	const messages = new Map<number, string[]>();
	for (const entry of entries) {
		const error = cancelOne(entry, context);
		const list = messages.get(entry.schedulerId) ?? [];
		if (error) list.push(`scancel: error: Kill job error on job id ${entry.jobId}: ${error}`);
		messages.set(entry.schedulerId, list);
	}
	const data = Object.fromEntries([...messages].map(([id, errors]) => [String(id), errors.length === 0 ? 'success' : errors.join('\n')]));
	const errors = [...messages.values()].flat();
	return errors.length === 0 ? ok(data) : fail('10001', errors.join('\n'), data);
};

/** The entries of `strJobInfoMap` (a trailing `;` is fine), or undefined when one is malformed or names an unknown scheduler. */
function readEntries(map: string): Entry[] | undefined {
	const parts = map.split(';').filter((part) => part.trim() !== '');
	const entries = parts.map((part) => ENTRY.exec(part.trim()));
	if (entries.length === 0 || entries.some((match) => !match || !schedulerOf(match[1]))) return undefined;
	return entries.map((match) => ({ schedulerId: Number(match?.[1]), user: match?.[2] as string, jobId: match?.[3] as string }));
}

/** Cancels one job; scancel's reason when it cannot. */
function cancelOne({ schedulerId, user, jobId }: Entry, { store, clusterUser }: HpcContext): string | undefined {
	const job = store.get(jobId);
	// A job that left the realtime list is gone from Slurm's memory, as if it never was.
	if (!job || job.schedulerId !== schedulerId || !store.inRealtime(job)) return 'Invalid job id specified';
	if (user !== clusterUser() || job.user !== user) return 'Access/permission denied';
	if (isTerminal(job.state)) return 'Job/step already completing or completed';
	store.setState(jobId, 'statDE');
	return undefined;
}
