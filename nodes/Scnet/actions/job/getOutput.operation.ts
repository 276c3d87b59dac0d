import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { lookUpJob } from '../../../shared/jobs/lookup';
import { optionsCollection, readOptions, readRequestSettings, requestOptions, SCNET_TIME_ZONE } from '../../../shared/parameters/options';
import { readBoolean, readChoice, readWholeNumber } from '../../../shared/parameters/readers';
import { fileSubject, jobSubject, succeeded } from '../../../shared/results';
import { ScnetClient, type RequestSettings } from '../../../shared/transport';
import { HPC } from '../../../shared/transport/endpoints';
import type { ScnetFailure } from '../../../shared/transport/errorCodes';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { HpcSession, jobFailure, jobIdField, readJobId, schedulerField } from './fields';

export const option: OperationOption = {
	name: 'Get Output',
	value: 'getOutput',
	description: "Read a job's output (stdout) or error output (stderr): its last lines, or all of it, also while it runs",
	action: 'Get the output of a job',
};

const show = { resource: ['job'], operation: ['getOutput'] };

export const description: INodeProperties[] = updateDisplayOptions({ show }, [
	jobIdField,
	schedulerField,
	{
		displayName: 'Stream',
		name: 'stream',
		type: 'options',
		options: [
			{ name: 'Stdout', value: 'stdout', description: "The job's output file" },
			{ name: 'Stderr', value: 'stderr', description: "The job's error output file" },
		],
		default: 'stdout',
		description: 'Which of the job\'s two output files to read',
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
	return runPerItem(this, async (itemIndex) => {
		const settings = readRequestSettings(this, readOptions(this, itemIndex));
		const node = this.getNode();
		const input = readJobId(this, itemIndex);
		if ('failure' in input) return input.failure;
		const stream = readChoice({ node, label: 'Stream', itemIndex }, this.getNodeParameter('stream', itemIndex), ['stdout', 'stderr']) as Stream;
		const returnAll = readBoolean({ node, label: 'Return All', itemIndex }, this.getNodeParameter('returnAll', itemIndex));
		const lines = returnAll ? undefined : readWholeNumber({ node, label: 'Lines', itemIndex }, this.getNodeParameter('lines', itemIndex), { min: 1, max: 100000 });
		const found = await session.scheduler(this, itemIndex);
		if ('failure' in found) return jobFailure(jobSubject(input.jobId), found.failure, itemIndex);
		const job = await lookUpJob(client, found.scheduler.id, input.jobId, settings, SCNET_TIME_ZONE);
		if (!job.ok) return jobFailure(jobSubject(input.jobId), job.failure, itemIndex);
		const file = outputFileOf(job.job, input.jobId, stream);
		if (!file) return jobFailure(jobSubject(input.jobId), noFile(stream), itemIndex);
		const read = lines === undefined ? await readWhole(client, file, settings) : await readTail(client, file, lines, settings);
		if (!read.ok) return jobFailure(fileSubject(file), read.failure, itemIndex, { jobId: input.jobId });
		const lineCount = read.lines.length;
		return succeeded({ jobId: input.jobId, file, text: read.lines.join('\n'), lineCount, totalLines: read.total, truncated: lineCount < read.total });
	});
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

type Read = { ok: true; lines: string[]; total: number } | { ok: false; failure: ScnetFailure };

/** One page of the file: its lines, and the file's length in lines and pages as SCNet counts them now. */
async function page(client: ScnetClient, file: string, number: number, direction: 'UP' | 'DOWN', settings: RequestSettings) {
	const form = { hostName: '', dirPath: file, triggerNum: number, rollDirection: direction };
	const result = await client.request('hpc', 'POST', HPC.fileContent, { form }, settings);
	if (!result.ok) return result;
	const data = (result.data && typeof result.data === 'object' ? result.data : {}) as IDataObject;
	// `success` is text ("true"); a file that does not exist (yet) comes with code "0" and `success` false.
	if (String(data.success) !== 'true') return { ok: false as const, failure: unreadable(file, String(data.errmsg ?? '')) };
	const text = typeof data.data === 'string' ? data.data.replace(/\n$/, '') : '';
	return { ok: true as const, lines: text === '' ? [] : text.split('\n'), total: countOf(data.allLineTotal), pages: countOf(data.totalTriggerTimes) };
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

/** The last `wanted` lines: pages from the end until there are enough or the file has no more. */
async function readTail(client: ScnetClient, file: string, wanted: number, settings: RequestSettings): Promise<Read> {
	let lines: string[] = [];
	let total = 0;
	for (let number = 1; lines.length < wanted && number <= Math.ceil(wanted / LINES_PER_PAGE) + 1; number++) {
		const answer = await page(client, file, number, 'UP', settings);
		if (!answer.ok) return answer;
		total = Math.max(total, answer.total);
		lines = [...answer.lines, ...lines];
		if (answer.lines.length < LINES_PER_PAGE || number >= answer.pages) break;
	}
	return { ok: true, lines: lines.slice(-wanted), total: Math.max(total, lines.length) };
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

function unreadable(file: string, why: string): ScnetFailure {
	return {
		code: 'OUTPUT_NOT_READABLE',
		message: `SCNet could not read the file${why ? `: ${why}` : ''}`,
		description: "A queued job has written nothing yet, and its file may not exist: read it again once the job runs. Otherwise check the file's path.",
		scope: 'batch',
		...(why ? { scnetMessage: why } : {}),
	};
}
