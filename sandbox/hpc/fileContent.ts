/**
 * `POST /file/content` (reference §2.11): a page of a job's output file, 1000 lines a page,
 * counted from the start (`DOWN`) or from the end (`UP`, a tail). Form fields; Spring also reads
 * them from the query string. The file grows while the job runs.
 *
 * The answer's fields are third-party (three clients agree): `data` = { data: the text,
 * allLineTotal, totalTriggerTimes (pages), success: "true", errmsg }. Guessed: lines are joined by
 * `\n` with no trailing one; the counts are numbers; a file that does not exist (yet: the job is
 * still queued) is code "0" with `success: "false"` and the reason in `errmsg`, which is why a
 * client checks `success`.
 */
import { intParam, invalid, missing, ok, postParams, type HpcHandler } from './exchange';

export const LINES_PER_PAGE = 1000;

export const fileContent: HpcHandler = (request, { store }) => {
	const params = postParams(request);
	const dirPath = params.get('dirPath');
	const page = intParam(params, 'triggerNum');
	const direction = params.get('rollDirection');
	if (!dirPath) return missing('dirPath');
	if (page === undefined) return missing('triggerNum');
	if (!direction) return missing('rollDirection');
	if (Number.isNaN(page) || page < 1) return invalid('triggerNum');
	if (direction !== 'UP' && direction !== 'DOWN') return invalid('rollDirection');

	const found = store.file(dirPath);
	if (!found) return ok({ data: '', allLineTotal: 0, totalTriggerTimes: 0, success: 'false', errmsg: `文件不存在: ${dirPath}` });
	const { file, written } = found;
	const [from, to] =
		direction === 'DOWN'
			? [(page - 1) * LINES_PER_PAGE, Math.min(written, page * LINES_PER_PAGE)]
			: [Math.max(0, written - page * LINES_PER_PAGE), Math.max(0, written - (page - 1) * LINES_PER_PAGE)];
	return ok({
		data: file.lines(from, to).join('\n'),
		allLineTotal: written,
		totalTriggerTimes: Math.ceil(written / LINES_PER_PAGE),
		success: 'true',
		errmsg: '',
	});
};
