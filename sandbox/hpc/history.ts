/**
 * `GET /historyjobs` (reference §2.7): finished jobs from `historyDelayMs` after they ended, in a
 * required time window. The scheduler comes in `strClusterNameList` as documented; a live client
 * sent `strClusterIDList` instead, so `historySchedulerParams` says which names are accepted.
 */
import { invalid, missing, type HpcHandler } from './exchange';
import { isAnswer, listAnswer, readPage, readSchedulers } from './listing';
import { historyEntry } from './views';

/** SCNet's time format, China time without a zone, which also sorts as text. */
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const REQUIRED = ['startTime', 'endTime', 'timeType', 'isQueryByQueueTime'];

export const historyList: HpcHandler = ({ query }, { store }) => {
	const names = store.settings.historySchedulerParams;
	const schedulerParam = names.find((name) => query.has(name));
	if (!schedulerParam) return missing(names.join(' / '));
	const schedulers = readSchedulers(query, schedulerParam);
	if (isAnswer(schedulers)) return schedulers;
	const absent = REQUIRED.find((name) => !query.get(name));
	if (absent) return missing(absent);
	const page = readPage(query, true);
	if (isAnswer(page)) return page;
	const [startTime, endTime] = [query.get('startTime') as string, query.get('endTime') as string];
	if (!TIME.test(startTime)) return invalid('startTime');
	if (!TIME.test(endTime)) return invalid('endTime');
	// Only CUSTOM is documented; other values (a day, a week?) are UNKNOWN, so refused.
	if (query.get('timeType') !== 'CUSTOM') return invalid('timeType');
	const byQueueTime = query.get('isQueryByQueueTime');
	if (byQueueTime !== 'true' && byQueueTime !== 'false') return invalid('isQueryByQueueTime');
	const sort = query.get('sort') ?? 'DESC';
	if (sort !== 'DESC' && sort !== 'ASC') return invalid('sort');

	const wanted = (name: string, value: string) => {
		const filter = query.get(name);
		return !filter || filter === value;
	};
	const now = Date.now();
	const entries = store
		.all(now)
		.filter((job) => store.inHistory(job, now) && schedulers.includes(job.schedulerId))
		.map(historyEntry)
		.filter((entry) => {
			// `false` (the recommended value) filters by end time, `true` by queue time.
			const at = (byQueueTime === 'true' ? entry.jobQueueTime : entry.jobEndTime) as string;
			return (
				at >= startTime &&
				at <= endTime &&
				wanted('jobId', entry.jobId) &&
				wanted('jobState', entry.jobState) &&
				wanted('queue', entry.queue) &&
				wanted('strUser', entry.userName) &&
				wanted('appType', entry.appType) &&
				entry.jobName.includes(query.get('jobName') ?? '') &&
				entry.nodeUsed.split(',').some((node) => wanted('hostName', node))
			);
		});
	// Ordered by job ID whatever `orderBy` says: the only value the page shows.
	if (sort === 'ASC') entries.reverse();
	return listAnswer(entries, page, store.settings.pageCap, (entry) => entry);
};
