import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readDateTime } from '../../../shared/helpers/dates';
import { JobLister, type JobFilters } from '../../../shared/jobs/jobLists';
import { jobView, SIMPLIFIED_JOB_FIELDS, simplifiedJob } from '../../../shared/jobs/jobView';
import { withoutAddedId } from '../../../shared/jobs/lookup';
import { JOB_STATES, type JobState } from '../../../shared/jobs/states';
import { optionsCollection, readLimit, readOptions, readRequestSettings, readTimezone, requestOptions, returnAllFields, timezoneOption } from '../../../shared/parameters/options';
import { readChoices } from '../../../shared/parameters/readers';
import { acceptedValues, pickField, readPickParameter } from '../../../shared/parameters/picks';
import { JOB_SOURCE_CHOICES } from '../common/choices';
import { readSimplify, simplifyField } from '../../../shared/parameters/simplify';
import { failedRun } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import type { OperationOption } from '../common/operation';
import { AGENT_VERSION, beforeVersion, fromVersion } from '../common/versions';
import { HpcSession, schedulerFields } from './fields';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'list',
	description: 'List jobs: those queued and running (and just finished), finished ones from history, or both',
	action: 'Get many jobs',
	toolDescription:
		'List Slurm jobs on SCNet: queued and running ones, finished ones from history, or both; filter by state (comma-separated: Queued, Running, Completed, Failed, Cancelled, TimedOut), name, queue and finish time. Returns one item per job with jobId, name, state, queue and times (ISO 8601).',
};

const show = { resource: ['job'], operation: ['list'] };

export const description: INodeProperties[] = updateDisplayOptions({ show }, [
	...schedulerFields,
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [...JOB_SOURCE_CHOICES],
		default: 'active',
		displayOptions: { show: { '@version': beforeVersion(AGENT_VERSION) } },
		description: 'Which of SCNet\'s two job lists to read',
	},
	{
		// Version 3: a picker an AI agent can fill (see shared/parameters/picks.ts).
		...pickField({
			displayName: 'Source',
			name: 'source',
			default: 'active',
			description: `Which of SCNet's two job lists to read: ${acceptedValues(JOB_SOURCE_CHOICES)} (active = queued, running and just finished; finished = history; both = each job once)`,
			searchListMethod: 'searchJobSources',
			listPlaceholder: 'Select a list…',
			placeholder: 'e.g. active',
			staticList: true,
		}),
		displayOptions: { show: { '@version': fromVersion(AGENT_VERSION) } },
	},
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Finished After', name: 'finishedAfter', type: 'dateTime', default: '', description: 'History: jobs that finished after this time (default: 7 days ago)' },
			{ displayName: 'Finished Before', name: 'finishedBefore', type: 'dateTime', default: '', description: 'History: jobs that finished before this time (default: now)' },
			{ displayName: 'Name Contains', name: 'name', type: 'string', default: '', description: "Jobs whose name contains this text" },
			{ displayName: 'Queue', name: 'queue', type: 'string', default: '', placeholder: 'e.g. debug', description: 'Jobs of this queue' },
			{
				displayName: 'States',
				name: 'states',
				type: 'multiOptions',
				options: JOB_STATES.map((state) => ({ name: state, value: state })),
				default: [],
				description: 'Jobs in one of these states (normalised, see the README); none for any',
			},
		],
	},
	simplifyField(SIMPLIFIED_JOB_FIELDS, fromVersion(AGENT_VERSION)),
	optionsCollection([...requestOptions, timezoneOption]),
]);

const PAGE_SIZE = 100;
const DAY_MS = 86400000;

export const runsOnce = true;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const options = readOptions(this);
	const [settings, zone] = [readRequestSettings(this, options), readTimezone(this, options)];
	const source = readPickParameter(this, 'source', 0, 'Source', JOB_SOURCE_CHOICES);
	const limit = readLimit(this);
	const raw = this.getNodeParameter('filters', 0, {}) as IDataObject;
	const states = raw.states === undefined ? [] : (readChoices({ node, label: 'States' }, raw.states, JOB_STATES, { required: false }) as JobState[]);
	const filters: JobFilters = { name: text(raw.name), queue: text(raw.queue) };
	const window = readWindow(this, raw, zone);
	const simplify = readSimplify(this);

	const client = await ScnetClient.connect(this);
	const found = await new HpcSession(client, settings).scheduler(this, 0);
	if ('failure' in found) return failedRun(this, found.failure);
	const lister = new JobLister(client, found.scheduler.id, settings);
	// Each job is shown once, whether to filter it or to output it.
	const views = new WeakMap<IDataObject, IDataObject>();
	const view = (job: IDataObject) => {
		const known = views.get(job);
		if (known) return known;
		const shown = jobView(withoutAddedId(job), zone);
		views.set(job, shown);
		return shown;
	};
	// SCNet's filters are asked for, and checked again here: a server that ignores one must not widen the list.
	const keep = (job: IDataObject) => {
		const shown = view(job);
		return (
			(states.length === 0 || states.includes(shown.state as JobState)) &&
			(filters.name === undefined || String(shown.name ?? '').includes(filters.name)) &&
			(filters.queue === undefined || shown.queue === filters.queue)
		);
	};
	// The view's finishedAt is ISO 8601 already: no second reading in a zone.
	const inWindow = (job: IDataObject) => {
		const { finishedAt } = view(job);
		const finished = typeof finishedAt === 'string' ? Date.parse(finishedAt) : NaN;
		return Number.isNaN(finished) || (finished >= window.from.getTime() && finished <= window.to.getTime());
	};

	let history: IDataObject[] = [];
	if (source !== 'active') {
		const read = await lister.history(window, filters, PAGE_SIZE, limit, (job) => keep(job) && inWindow(job));
		if (!read.ok) return failedRun(this, read.failure);
		history = read.jobs;
	}
	let active: IDataObject[] = [];
	if (source !== 'finished') {
		const read = await lister.realtime(filters, PAGE_SIZE, limit, keep);
		if (!read.ok) return failedRun(this, read.failure);
		active = read.jobs;
	}
	// Each job once. For a job in both lists its history entry is the truth (the realtime one can lag).
	const finished = new Map(history.map((job) => [job.id, job]));
	const activeIds = new Set(active.map((job) => job.id));
	const jobs = [...active.map((job) => finished.get(job.id) ?? job), ...history.filter((job) => !activeIds.has(job.id))];
	return jobs.slice(0, limit).map((job) => ({ json: simplify ? simplifiedJob(view(job)) : view(job), pairedItem: { item: 0 } }));
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** History's window: the filters, or the last 7 days; refused when a time cannot be read or they are the wrong way round. */
function readWindow(context: IExecuteFunctions, raw: IDataObject, zone: string): { from: Date; to: Date; zone: string } {
	const node = context.getNode();
	const at = (name: string, label: string, fallback: Date) => {
		const value = raw[name];
		if (value === undefined || value === '' || value === null) return fallback;
		// n8n's date picker gives the instance's local time without a zone; an expression may give a zone.
		const date = readDateTime(String(value), context.getTimezone());
		if (!date) throw new NodeOperationError(node, `'${label}' must be a date and time, not '${String(value)}'`);
		return date;
	};
	const now = Date.now();
	const to = at('finishedBefore', 'Finished Before', new Date(now + 60000));
	const from = at('finishedAfter', 'Finished After', new Date(Math.min(now, to.getTime()) - 7 * DAY_MS));
	if (from > to) throw new NodeOperationError(node, "'Finished After' must come before 'Finished Before'");
	return { from, to, zone };
}
