import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { jobStateOf, rawStateOf } from '../../../shared/jobs/states';
import { exitCodeOf } from '../../../shared/jobs/jobView';
import { optionsCollection, readOptions, readRequestSettings, readTimezone, requestOptions, timezoneOption } from '../../../shared/parameters/options';
import { describeValue, readBoolean, readWholeNumber, type Origin } from '../../../shared/parameters/readers';
import { pickField, readPickedText } from '../../../shared/parameters/picks';
import { isObject, jsonValue } from '../../../shared/parameters/lists';
import { inputProblem, jobSubject, succeeded, unnamedJob, type ItemFailure, type ItemResult } from '../../../shared/results';
import { ScnetClient, type RequestSettings } from '../../../shared/transport';
import { HPC } from '../../../shared/transport/endpoints';
import { withRemedy, type Remedies } from '../../../shared/transport/errorCodes';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { scriptText } from '../common/script';
import { AGENT_VERSION, beforeVersion, fromVersion } from '../common/versions';
import { HpcSession, jobFailure, schedulerFields } from './fields';
import { readJobWait, waitForJob, waitOptions, type JobWait } from './waitForJob';

export const option: OperationOption = {
	name: 'Submit',
	value: 'submit',
	description: 'Submit a Slurm job that runs a script, and optionally wait until it has finished',
	action: 'Submit job',
	toolDescription:
		'Submit a Slurm job on SCNet that runs a shell script, with its name, queue, nodes, cores, GPUs/DCUs, wall time and working directory; optionally wait until it finishes. Returns {jobId, jobName, submitted, state}; a submit is never sent twice.',
};

const show = { resource: ['job'], operation: ['submit'] };

const ENV_EXAMPLE = '{"OMP_NUM_THREADS":"8","DATA_DIR":"/public/home/user/data"}';

export const description: INodeProperties[] = updateDisplayOptions({ show }, [
	...schedulerFields,
	{
		displayName: 'Queue Name or ID',
		name: 'queue',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getQueues', loadOptionsDependsOn: ['scheduler'] },
		default: '',
		required: true,
		displayOptions: { show: { '@version': beforeVersion(AGENT_VERSION) } },
		description:
			'The queue (Slurm partition) to run in, e.g. debug. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		...pickField({
			displayName: 'Queue',
			name: 'queue',
			required: true,
			description: "The queue (Slurm partition) to run in, e.g. debug, by its name: the cluster user's queues on the chosen scheduler",
			searchListMethod: 'searchQueues',
			listPlaceholder: 'Select a queue…',
			placeholder: 'e.g. debug',
			byValue: 'By Name',
		}),
		displayOptions: { show: { '@version': fromVersion(AGENT_VERSION) } },
	},
	{
		displayName: 'Job Name',
		name: 'jobName',
		type: 'string',
		default: 'n8n-job',
		required: true,
		description: 'The name Slurm shows for the job',
	},
	{
		displayName: 'Script',
		name: 'script',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: 'module load python\npython train.py --epochs 10',
		description: 'The commands the job runs, one per line, as in the body of an sbatch script',
	},
	{
		displayName: 'Working Directory',
		name: 'workDir',
		type: 'string',
		default: '',
		placeholder: 'e.g. /public/home/acx3fh878f/jobs/run1',
		description: "The absolute directory the job runs in. Leave empty for the cluster user's home directory, as SCNet names it.",
	},
	{
		displayName: 'Wall Time',
		name: 'wallTime',
		type: 'string',
		default: '01:00:00',
		required: true,
		placeholder: 'HH:MM:SS',
		description: 'The longest the job may run (HH:MM:SS); Slurm ends it as TimedOut after that',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Cores per Node', name: 'coresPerNode', type: 'number', default: 1, typeOptions: { minValue: 1, numberPrecision: 0 }, description: 'CPU cores on each node' },
			{ displayName: 'DCUs per Node', name: 'dcusPerNode', type: 'number', default: 1, typeOptions: { minValue: 0, numberPrecision: 0 }, description: 'DCU accelerators on each node (DCU queues refuse 0)' },
			{
				displayName: 'Environment Variables',
				name: 'environment',
				type: 'json',
				default: '{}',
				displayOptions: { show: { '@version': fromVersion(AGENT_VERSION) } },
				description: `Variables the script sees, as JSON: an object of names and values, e.g. ${ENV_EXAMPLE}, or a list such as [{"name":"OMP_NUM_THREADS","value":"8"}]. SCNet has no field for them: the job's script starts with one export line per variable.`,
			},
			{ displayName: 'Exclusive', name: 'exclusive', type: 'boolean', default: false, description: 'Whether the job has its nodes to itself' },
			{ displayName: 'GPUs per Node', name: 'gpusPerNode', type: 'number', default: 1, typeOptions: { minValue: 0, numberPrecision: 0 }, description: 'GPUs on each node' },
			{ displayName: 'Memory', name: 'memory', type: 'string', default: '', placeholder: 'e.g. 16GB', description: 'Memory per node, in MB or GB' },
			{ displayName: 'Nodes', name: 'nodes', type: 'number', default: 1, typeOptions: { minValue: 1, numberPrecision: 0 }, description: 'How many nodes the job runs on' },
			{ displayName: 'Stderr File', name: 'stderrFile', type: 'string', default: '', placeholder: '<Working Directory>/std.err.%j', description: "Where the job's error output goes; %j stands for the job ID" },
			{ displayName: 'Stdout File', name: 'stdoutFile', type: 'string', default: '', placeholder: '<Working Directory>/std.out.%j', description: "Where the job's output goes; %j stands for the job ID" },
		],
	},
	optionsCollection([...waitOptions, ...requestOptions, timezoneOption]),
]);

/** A submission must never happen twice: after a fault that may have reached SCNet it is not sent again. */
const MAY_HAVE_BEEN_SUBMITTED = 'The job may have been submitted: look for it with Get Many (by its name) before running the workflow again.';

/** Slurm's refusals come back as code 10001 with sbatch's words in `msg` (a live client saw it): not an internal error. */
const REMEDIES: Remedies = {
	'10001': {
		message: 'SCNet refused the job',
		description: "The scheduler's reason follows (scnetMessage). Check the queue, 'Wall Time' and the resources asked for against what the queue allows (see the queue in the SCNet console).",
	},
};

const WALL_TIME = /^\d{1,4}:[0-5]\d:[0-5]\d$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MEMORY = /^\d+(?:\.\d+)?\s*(?:MB|GB|M|G)$/i;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	const session = new HpcSession(client, readRequestSettings(this, readOptions(this, 0)));
	// A job runs (and bills) what it is given: with "Stop", every item is read before any is submitted.
	await session.checkEveryItem(this, (itemIndex) => readItem(this, itemIndex));
	return runPerItem(this, async (itemIndex) => {
		const item = readItem(this, itemIndex);
		if ('failure' in item) return item.failure;
		const { spec, wait, settings, zone } = item;
		const found = await session.schedulerFor(this, itemIndex, unnamedJob(spec.jobName), { submitted: false });
		if ('failure' in found) return found.failure;
		const { scheduler, account } = found;
		const workDir = spec.workDir ?? account.homePath;
		if (!workDir) {
			const description = "SCNet named no home directory for the cluster user: enter the directory in 'Working Directory'.";
			return inputProblem({ jobId: null, submitted: false, code: 'NO_WORK_DIR', description }, "No directory in 'Working Directory'", itemIndex);
		}
		const stdoutFile = spec.stdoutFile ?? `${workDir}/std.out.%j`;
		const stderrFile = spec.stderrFile ?? `${workDir}/std.err.%j`;
		const body = { strJobManagerID: scheduler.id, mapAppJobInfo: { ...spec.info, GAP_WORK_DIR: workDir, GAP_STD_OUT_FILE: stdoutFile, GAP_STD_ERR_FILE: stderrFile } };

		const result = await client.request('hpc', 'POST', HPC.submit, { body }, { ...settings, notRepeatable: MAY_HAVE_BEEN_SUBMITTED });
		if (!result.ok) {
			// A refusal comes with HTTP 200; a 10001 with a failing HTTP status is the server's own fault.
			const refused = result.failure.httpCode === undefined || result.failure.httpCode < 300;
			return jobFailure(unnamedJob(spec.jobName), refused ? withRemedy(result.failure, REMEDIES) : result.failure, itemIndex, { submitted: false });
		}
		const jobId = submittedId(result.data);
		if (!jobId) {
			const failure = { code: 'NO_JOB_ID', message: 'SCNet accepted the job but returned no job ID', description: `Find the job '${spec.jobName}' with Get Many, by name.`, scope: 'batch' as const };
			return jobFailure(unnamedJob(spec.jobName), failure, itemIndex, { submitted: true });
		}
		const submitted: IDataObject = {
			jobId,
			submitted: true,
			code: '0',
			message: result.message || 'Submitted',
			scheduler: scheduler.id,
			queue: spec.queue,
			workDir,
			// Slurm replaces %j with the job ID: the paths as they are, for Get Output or a download.
			stdoutFile: stdoutFile.split('%j').join(jobId),
			stderrFile: stderrFile.split('%j').join(jobId),
		};
		if (!wait) return succeeded(submitted);
		const waited = await waitForJob(this, client, { scheduler: scheduler.id, jobId, zone }, wait, settings);
		const last = waited.job;
		const ended = last ? { state: jobStateOf(last), rawState: rawStateOf(last) || null, exitCode: exitCodeOf(last) } : {};
		if (waited.ok) return succeeded({ ...submitted, ...ended });
		const failed: ItemResult = jobFailure(jobSubject(jobId), waited.failure, itemIndex, { submitted: true });
		return { ...failed, json: { ...submitted, ...failed.json, ...ended } };
	}, { once: true });
}

/** What one item asks for: the job, how to wait for it, the request options; or its input failure. Refusals throw. */
function readItem(context: IExecuteFunctions, itemIndex: number): { spec: Spec; wait: JobWait | undefined; settings: RequestSettings; zone: string } | { failure: ItemFailure } {
	const options = readOptions(context, itemIndex);
	const [settings, zone] = [readRequestSettings(context, options), readTimezone(context, options)];
	const wait = readJobWait(context, options, itemIndex);
	const spec = readSpec(context, itemIndex);
	if ('problem' in spec) return { failure: inputProblem({ jobId: null, submitted: false, code: 'INVALID_INPUT', description: spec.problem.description }, spec.problem.message, itemIndex) };
	return { spec, wait, settings, zone };
}

/** SCNet answers the job ID as `data` (text, e.g. "834040"); a number or an object holding it is read too. */
function submittedId(data: unknown): string | undefined {
	const id = typeof data === 'string' || typeof data === 'number' ? data : (data as IDataObject | null)?.jobId;
	return (typeof id === 'string' && id.trim() !== '') || typeof id === 'number' ? String(id).trim() : undefined;
}

interface Spec {
	jobName: string;
	queue: string;
	workDir?: string;
	stdoutFile?: string;
	stderrFile?: string;
	/** `mapAppJobInfo` without the paths (every value text, as the page has it). */
	info: Record<string, string>;
}

type Problem = { message: string; description: string };

/**
 * The job the item asks for, read strictly: a job runs (and bills) what it is given, so a value
 * that cannot be read for certain stops the item before anything is sent.
 */
function readSpec(context: IExecuteFunctions, itemIndex: number): Spec | { problem: Problem } {
	const node = context.getNode();
	const origin = (label: string): Origin => ({ node, label, itemIndex });
	const text = (name: string) => {
		const value = context.getNodeParameter(name, itemIndex, '') as unknown;
		return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
	};
	const queue = readPickedText(origin('Queue'), context.getNodeParameter('queue', itemIndex, '', { extractValue: true }), "a queue's name");
	if (queue === '') return problem("No queue in 'Queue'", "Choose the queue (partition) to run in, e.g. debug.");
	const jobName = text('jobName');
	if (jobName === '' || /[\r\n]/.test(jobName)) return problem("No job name in 'Job Name'", 'Give the job a name on one line.');
	const commands = scriptText(context.getNodeParameter('script', itemIndex, ''));
	if (commands === '') return problem("No script in 'Script'", "Enter the commands the job runs in 'Script', or map them with an expression such as {{ $json.script }}.");
	const workDir = optionalPath(text('workDir'), 'Working Directory');
	if (typeof workDir === 'object') return workDir;
	const wallTime = text('wallTime');
	if (!WALL_TIME.test(wallTime)) return problem(`'Wall Time' must be HH:MM:SS, such as 01:00:00, not '${wallTime}'`, 'Slurm ends a job that runs longer than its wall time.');

	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const count = (name: string, label: string, min: number) => (extra[name] === undefined ? undefined : String(readWholeNumber(origin(label), extra[name], { min, max: 100000 })));
	const memory = extra.memory === undefined || String(extra.memory).trim() === '' ? '' : String(extra.memory).trim();
	if (memory !== '' && !MEMORY.test(memory)) throw new NodeOperationError(node, `'Memory' must be an amount in MB or GB, such as 16GB, not '${memory}'`, { itemIndex });
	const exclusive = extra.exclusive === undefined ? false : readBoolean(origin('Exclusive'), extra.exclusive);
	const stdoutFile = optionalPath(String(extra.stdoutFile ?? '').trim(), 'Stdout File');
	if (typeof stdoutFile === 'object') return stdoutFile;
	const stderrFile = optionalPath(String(extra.stderrFile ?? '').trim(), 'Stderr File');
	if (typeof stderrFile === 'object') return stderrFile;
	const environment = context.getNode().typeVersion >= AGENT_VERSION ? readEnvironment(extra.environment) : { exports: '' };
	if ('problem' in environment) return environment;
	const script = `${environment.exports}${commands}`;

	return {
		jobName,
		queue,
		workDir,
		stdoutFile,
		stderrFile,
		info: {
			GAP_CMD_FILE: script,
			GAP_NNODE: count('nodes', 'Nodes', 1) ?? '1',
			GAP_NODE_STRING: '',
			GAP_SUBMIT_TYPE: 'cmd',
			GAP_JOB_NAME: jobName,
			GAP_QUEUE: queue,
			GAP_NPROC: '',
			GAP_PPN: count('coresPerNode', 'Cores per Node', 1) ?? '1',
			GAP_NGPU: count('gpusPerNode', 'GPUs per Node', 0) ?? '',
			GAP_NDCU: count('dcusPerNode', 'DCUs per Node', 0) ?? '',
			GAP_JOB_MEM: memory.replace(/\s+/g, '').toUpperCase(),
			GAP_WALL_TIME: wallTime,
			GAP_EXCLUSIVE: exclusive ? '1' : '',
			GAP_APPNAME: 'BASE',
			GAP_MULTI_SUB: '',
		},
	};
}

function problem(message: string, description: string): { problem: Problem } {
	return { problem: { message, description } };
}

/** An absolute path on one line, or undefined for none given; the problem otherwise. */
function optionalPath(path: string, label: string): string | undefined | { problem: Problem } {
	if (path === '') return undefined;
	if (path.startsWith('/') && !/[\r\n]/.test(path)) return path.replace(/\/+$/, '') || '/';
	return problem(`'${label}' must be an absolute path, such as /public/home/user/jobs, not '${path}'`, 'Paths on the cluster start with /.');
}

/**
 * 'Environment Variables' (version 3) as the script's first lines, one `export NAME='value'` each
 * (SCNet's submit has no field for them): an object of names and values, or a list of
 * `{ name, value }`, as JSON or as the value an expression or $fromAI gives. A name that is not a
 * shell variable's, a value that is not text, a number or true/false, or one on several lines, is
 * the item's problem: nothing is submitted.
 */
function readEnvironment(raw: unknown): { exports: string } | { problem: Problem } {
	const refused = (message: string) =>
		problem(message, `Give an object of names and values, e.g. ${ENV_EXAMPLE}, or a list of {"name": …, "value": …}. Names are letters, digits and _, not starting with a digit. Nothing was sent to SCNet.`);
	const parsed = jsonValue(raw);
	if ('unreadable' in parsed) return refused(`'Environment Variables' is not valid JSON (${parsed.unreadable})`);
	const value = parsed.value;
	if (value === undefined || value === null) return { exports: '' };
	const single = isObject(value) && Object.keys(value).length === 2 && 'name' in value && 'value' in value;
	let pairs: Array<[unknown, unknown]>;
	if (Array.isArray(value) || single) {
		pairs = [];
		for (const entry of Array.isArray(value) ? value : [value]) {
			const keys = isObject(entry) ? Object.keys(entry).sort().join(',') : '';
			if (!isObject(entry) || keys !== 'name,value') return refused(`'Environment Variables' must list objects with a 'name' and a 'value', not ${describeValue(entry)}`);
			pairs.push([entry.name, entry.value]);
		}
	} else if (isObject(value)) {
		pairs = Object.entries(value);
	} else {
		return refused(`'Environment Variables' must be an object of names and values, not ${describeValue(value)}`);
	}
	const lines: string[] = [];
	for (const [name, given] of pairs) {
		if (typeof name !== 'string' || !ENV_NAME.test(name)) return refused(`'Environment Variables': ${describeValue(name)} is not a variable name`);
		if (typeof given !== 'string' && typeof given !== 'number' && typeof given !== 'boolean') return refused(`'Environment Variables': the value of ${name} must be a text or a number, not ${describeValue(given)}`);
		const text = String(given);
		if (/[\r\n\0]/.test(text)) return refused(`'Environment Variables': the value of ${name} must be on one line`);
		// In single quotes the shell takes every character as it is; a quote ends, is escaped, and opens again.
		lines.push(`export ${name}='${text.split("'").join(`'\\''`)}'\n`);
	}
	return { exports: lines.join('') };
}
