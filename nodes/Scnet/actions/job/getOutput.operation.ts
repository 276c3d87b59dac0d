import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { lookUpJob } from '../../../shared/jobs/lookup';
import { jobStateOf, type JobState } from '../../../shared/jobs/states';
import { optionsCollection, readOptions, readRequestSettings, requestOptions, SCNET_TIME_ZONE } from '../../../shared/parameters/options';
import { readBoolean, readWholeNumber } from '../../../shared/parameters/readers';
import { acceptedValues, pickField, readPickParameter } from '../../../shared/parameters/picks';
import { OUTPUT_STREAM_CHOICES } from '../common/choices';
import { AGENT_VERSION, beforeVersion, fromVersion } from '../common/versions';
import { jobSubject, succeeded, type ItemFailure } from '../../../shared/results';
import { ScnetClient, type RequestSettings } from '../../../shared/transport';
import { HPC } from '../../../shared/transport/endpoints';
import type { ScnetFailure } from '../../../shared/transport/errorCodes';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { HpcSession, jobFailure, jobIdField, readJobId, schedulerFields } from './fields';

export const option: OperationOption = {
	name: 'Get Output',
	value: 'getOutput',
	description: "Read a job's output (stdout) or error output (stderr): its last lines, or all of it, also while it runs",
	action: 'Get job output',
	toolDescription:
		'Read a Slurm job\'s output (stdout, or stderr) on SCNet by job ID: the whole file or its last lines. Returns {jobId, file, text, lineCount, totalLines, truncated}.',
};

const show = { resource: ['job'], operation: ['getOutput'] };

export const description: INodeProperties[] = updateDisplayOptions({ show }, [
	jobIdField,
	...schedulerFields,
	{
		displayName: 'Stream',
		name: 'stream',
		type: 'options',
		options: [...OUTPUT_STREAM_CHOICES],
		default: 'stdout',
		displayOptions: { show: { '@version': beforeVersion(AGENT_VERSION) } },
		description: 'Which of the job\'s two output files to read',
	},
	{
		// Version 3: a picker an AI agent can fill (see shared/parameters/picks.ts).
		...pickField({
			displayName: 'Stream',
			name: 'stream',
			default: 'stdout',
			description: `Which of the job's two output files to read: ${acceptedValues(OUTPUT_STREAM_CHOICES)}`,
			searchListMethod: 'searchOutputStreams',
			listPlaceholder: 'Select a stream…',
			placeholder: 'e.g. stdout',
			staticList: true,
		}),
		displayOptions: { show: { '@version': fromVersion(AGENT_VERSION) } },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Lines',
		name: 'lines',
		type: 'number',
		default: 100,
		typeOptions: { minValue: 1, maxValue: 100000, numberPrecision: 0 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'How many lines to return, counted from the end of the file',
	},
	optionsCollection(requestOptions),
]);

/** SCNet pages a file by 1,000 lines (reference §2.11). */
const LINES_PER_PAGE = 1000;
/** However the file grows while it is read, a read ends within this many pages (ten million lines). */
const MAX_PAGES = 10000;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	const session = new HpcSession(client, readRequestSettings(this, readOptions(this, 0)));
	await session.checkEveryItem(this, (itemIndex) => readInput(this, itemIndex));
	return runPerItem(this, async (itemIndex) => {
		const input = readInput(this, itemIndex);
		if ('failure' in input) return input.failure;
		const { jobId, stream, lines, settings } = input;
		const found = await session.schedulerFor(this, itemIndex, jobSubject(jobId));
		if ('failure' in found) return found.failure;
		const job = await lookUpJob(client, found.scheduler.id, jobId, settings, SCNET_TIME_ZONE);
		if (!job.ok) return jobFailure(jobSubject(jobId), job.failure, itemIndex);
		const file = outputFileOf(job.job, jobId, stream);
		if (!file) return jobFailure(jobSubject(jobId), noFile(stream), itemIndex);
		const read = lines === undefined ? await readWhole(client, file, settings) : await readTail(client, file, lines, settings);
		// The job is what the item names; the file is where it was read.
		if (!read.ok) return jobFailure(jobSubject(jobId), 'unreadable' in read ? unreadable(stream, file, jobStateOf(job.job), read.unreadable) : read.failure, itemIndex, { file });
		const lineCount = read.lines.length;
		return succeeded({ jobId, file, text: read.lines.join('\n'), lineCount, totalLines: read.total, truncated: lineCount < read.total });
	});
}

interface Input {
	jobId: string;
	stream: Stream;
	/** How many lines from the end; undefined for the whole file ('Return All'). */
	lines: number | undefined;
	settings: RequestSettings;
}

/** What one item asks for, read strictly: a refusal throws (naming the parameter), a missing or invalid job ID is the item's failure. */
function readInput(context: IExecuteFunctions, itemIndex: number): Input | { failure: ItemFailure } {
	const node = context.getNode();
	const settings = readRequestSettings(context, readOptions(context, itemIndex));
	const input = readJobId(context, itemIndex);
	if ('failure' in input) return input;
	const stream = readPickParameter(context, 'stream', itemIndex, 'Stream', OUTPUT_STREAM_CHOICES) as Stream;
	const returnAll = readBoolean({ node, label: 'Return All', itemIndex }, context.getNodeParameter('returnAll', itemIndex));
	const lines = returnAll ? undefined : readWholeNumber({ node, label: 'Lines', itemIndex }, context.getNodeParameter('lines', itemIndex), { min: 1, max: 100000 });
	return { jobId: input.jobId, stream, lines, settings };
}

type Stream = 'stdout' | 'stderr';

/**
 * Where the job wrote `stream`: the path SCNet names (`outputPath` / `errorPath`, `%j` replaced),
 * else the file Submit names by default in the job's working directory.
 */
function outputFileOf(job: IDataObject, jobId: string, stream: Stream): string | undefined {
	const named = job[stream === 'stdout' ? 'outputPath' : 'errorPath'];
	if (typeof named === 'string' && named.startsWith('/')) return named.split('%j').join(jobId);
	const workDir = job.workDir ?? job.workdir;
	return typeof workDir === 'string' && workDir.startsWith('/') ? `${workDir.replace(/\/+$/, '')}/std.${stream === 'stdout' ? 'out' : 'err'}.${jobId}` : undefined;
}

type Read = { ok: true; lines: string[]; total: number } | { ok: false; failure: ScnetFailure } | { ok: false; unreadable: string };

type Page = { ok: true; lines: string[]; total: number; pages: number } | Exclude<Read, { ok: true }>;

/** One page of the file: its lines, and the file's length in lines and pages as SCNet counts them now. */
async function page(client: ScnetClient, file: string, number: number, direction: 'UP' | 'DOWN', settings: RequestSettings): Promise<Page> {
	const form = { hostName: '', dirPath: file, triggerNum: number, rollDirection: direction };
	const result = await client.request('hpc', 'POST', HPC.fileContent, { form }, settings);
	if (!result.ok) return result;
	const data = (result.data && typeof result.data === 'object' ? result.data : {}) as IDataObject;
	// `success` is text ("true"); a file that does not exist (yet) comes with code "0" and `success` false.
	if (String(data.success) !== 'true') return { ok: false, unreadable: typeof data.errmsg === 'string' ? data.errmsg.trim() : '' };
	const text = typeof data.data === 'string' ? data.data.replace(/\n$/, '') : '';
	const lines = text === '' ? [] : text.split('\n');
	// However SCNet counts, the file holds at least the lines it sent.
	return { ok: true, lines, total: Math.max(countOf(data.allLineTotal), lines.length), pages: countOf(data.totalTriggerTimes) };
}

/** The whole file from the start, page after page, following it while it grows. */
async function readWhole(client: ScnetClient, file: string, settings: RequestSettings): Promise<Read> {
	const lines: string[] = [];
	let total = 0;
	for (let number = 1, pages = 1; number <= pages && number <= MAX_PAGES; number++) {
		const answer = await page(client, file, number, 'DOWN', settings);
		if (!answer.ok) return answer;
		for (const line of answer.lines) lines.push(line);
		total = Math.max(answer.total, lines.length);
		pages = Math.max(answer.pages, Math.ceil(answer.total / LINES_PER_PAGE));
	}
	return { ok: true, lines, total };
}

/**
 * The last `wanted` lines of the file as it was at the first answer: its last page (`UP`), then
 * the lines before it by their place from the start (`DOWN` pages), which do not move while a
 * running job adds lines at the end (pages counted from the end do).
 */
async function readTail(client: ScnetClient, file: string, wanted: number, settings: RequestSettings): Promise<Read> {
	const last = await page(client, file, 1, 'UP', settings);
	if (!last.ok) return last;
	const end = last.total;
	const start = Math.max(0, end - wanted);
	// The 0-based line the last page begins with.
	const tailStart = end - last.lines.length;
	if (start >= tailStart) return { ok: true, lines: last.lines.slice(start - tailStart), total: end };
	const before: string[] = [];
	for (let number = Math.floor(start / LINES_PER_PAGE) + 1; number <= Math.ceil(tailStart / LINES_PER_PAGE); number++) {
		const answer = await page(client, file, number, 'DOWN', settings);
		if (!answer.ok) return answer;
		const first = (number - 1) * LINES_PER_PAGE;
		before.push(...answer.lines.slice(Math.max(0, start - first), Math.max(0, tailStart - first)));
	}
	return { ok: true, lines: [...before, ...last.lines], total: end };
}

function countOf(value: unknown): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : 0;
	return Number.isInteger(number) && number > 0 ? number : 0;
}

function noFile(stream: Stream): ScnetFailure {
	return {
		code: 'NO_OUTPUT_FILE',
		message: `SCNet names no ${stream} file for the job, nor its working directory`,
		description: 'Read the file with the path the job writes to (its stdout or stderr file, as Submit output it).',
		scope: 'batch',
	};
}

/** A file SCNet could not read (it answered `success: false`, with `why`); for a queued job, one not written yet. */
function unreadable(stream: Stream, file: string, state: JobState, why: string): ScnetFailure {
	const said = why ? { scnetMessage: why } : {};
	if (state === 'Queued') {
		return {
			code: 'OUTPUT_NOT_READABLE',
			message: `The job is queued and has not written its ${stream} file ${file} yet`,
			description: 'Read it again once the job runs (Get shows its state).',
			scope: 'batch',
			...said,
		};
	}
	return {
		code: 'OUTPUT_NOT_READABLE',
		message: `SCNet could not read the job's ${stream} file ${file}`,
		description: "Check the file's path: a job writes where its stdout or stderr file was set at submission, and the file may have been moved or deleted since.",
		scope: 'batch',
		...said,
	};
}
