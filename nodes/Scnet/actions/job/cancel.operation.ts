import {
	NodeOperationError,
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { planBatches } from '../../../shared/helpers/batches';
import { NO_CLUSTER_USER } from '../../../shared/jobs/hpcAccount';
import { lookUpJob } from '../../../shared/jobs/lookup';
import { jobStateOf } from '../../../shared/jobs/states';
import { optionsCollection, readOptions, readWholeNumbers, REQUEST_NUMBERS, requestOptions, SCNET_TIME_ZONE, wholeNumberOption, type WholeNumber } from '../../../shared/parameters/options';
import { describeValue } from '../../../shared/parameters/readers';
import { forItem, inputProblem, jobSubject, outputItem, stopError, succeeded, type ItemFailure, type ItemResult } from '../../../shared/results';
import { ScnetClient, type RequestSettings } from '../../../shared/transport';
import { HPC } from '../../../shared/transport/endpoints';
import { withRemedy, type Remedies, type ScnetFailure } from '../../../shared/transport/errorCodes';
import { MAX_URL_LENGTH, SERVICE_URL_RESERVE } from '../common/batchedIds';
import type { OperationOption } from '../common/operation';
import { HpcSession, jobFailure, schedulerFields } from './fields';
import { continuesOnFail } from '../../../shared/onError';

export const option: OperationOption = {
	name: 'Cancel',
	value: 'cancel',
	description: 'Cancel queued or running jobs (scancel), many per request',
	action: 'Cancel jobs',
	toolDescription:
		'Cancel queued or running Slurm jobs on SCNet by job ID (several IDs separated by commas). Returns one item per job with cancelled true/false, its state, or an error object. Report each job\'s outcome.',
};

const BATCH_SIZE: WholeNumber = { label: 'IDs per Request', min: 1, max: 500, default: 50 };

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['job'], operation: ['cancel'] } }, [
	{
		displayName: 'Job IDs',
		name: 'jobIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 834040, 834041',
		description: 'The jobs to cancel: one ID, several separated by commas or spaces, or a list an expression gives',
	},
	...schedulerFields,
	optionsCollection([
		wholeNumberOption('batchSize', BATCH_SIZE, 'Maximum number of jobs cancelled in one request. Requests are also split so that each URL stays under 8,000 characters.'),
		...requestOptions,
	]),
]);

const JOB_ID = /^\d+(?:[_+]\d+)?$/;

/**
 * Where the cancel's `jobMethod` and `strJobInfoMap` go: the page sends a form body on DELETE, a
 * live client found the gateway ignores DELETE bodies and sends them in the query. The query goes
 * first; a "missing parameters" answer (`10003`) sends the form body instead, kept for the run.
 */
type Encoding = 'query' | 'form';

/** What comes before `strJobInfoMap`'s value in the URL. */
const QUERY_HEAD = '?jobMethod=5&strJobInfoMap=';

/** Cancel's own wording of the codes whose general one would mislead. */
const REMEDIES: Remedies = {
	// scancel's refusals come back as 10001 with its lines in `msg`: not an internal error.
	'10001': {
		message: 'SCNet could not cancel the job',
		description:
			"The scheduler's reason is in scnetMessage. A job that has already finished, or has left the realtime list, cannot be cancelled: check it with Get.",
	},
	'10003': {
		message: 'SCNet found no cancel parameters in the request',
		description:
			"They were sent in the query string and then as a form body. Check that the credential's HPC service URL is the region's HPC service (hpcUrls), and report it if it persists.",
	},
};

/** One job to cancel: on which scheduler, as which cluster user. */
interface Target {
	key: string;
	id: string;
	scheduler: string;
	user: string;
}

/** An item's jobs, each with its target, or the failures (one per job, or one for the item). */
type ItemPlan = { ids: string[]; targets?: Target[]; failures?: ItemFailure[] } | { failure: ItemFailure };

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const raw = readOptions(this);
	const { batchSize, ...request } = readWholeNumbers(this, raw, { batchSize: BATCH_SIZE, ...REQUEST_NUMBERS });
	const client = await ScnetClient.connect(this);
	const stopOnError = !continuesOnFail(this);
	const plans: ItemPlan[] = this.getInputData().map((_, itemIndex) => readJobIds(this, itemIndex));
	if (stopOnError) {
		const bad = plans.findIndex((plan) => 'failure' in plan);
		if (bad >= 0) {
			const { failure } = plans[bad] as { failure: ItemFailure };
			throw new NodeOperationError(this.getNode(), failure.headline, { itemIndex: bad, description: `${String(failure.json.description ?? '')} Nothing was sent to SCNet.` });
		}
	}

	// Every item's scheduler is known before anything is cancelled: one that names none of the
	// region's stops the run ("Stop"), or fails that item's jobs.
	const session = new HpcSession(client, request);
	for (const [itemIndex, plan] of plans.entries()) {
		if ('failure' in plan) continue;
		// Each job's own failure when the scheduler cannot be used (the list is read once).
		const found = await Promise.all(plan.ids.map((id) => session.schedulerFor(this, itemIndex, jobSubject(id), { cancelled: false })));
		const [first] = found;
		const user = 'failure' in first ? undefined : first.account.clusterUser;
		if ('failure' in first || !user) {
			plan.failures = found.map((one, index) => ('failure' in one ? one.failure : jobFailure(jobSubject(plan.ids[index]), NO_CLUSTER_USER, itemIndex, { cancelled: false })));
			continue;
		}
		const scheduler = first.scheduler.id;
		plan.targets = plan.ids.map((id) => ({ key: `${scheduler}:${id}`, id, scheduler, user }));
	}

	const targets = new Map<string, Target>();
	for (const plan of plans) for (const target of ('targets' in plan && plan.targets) || []) if (!targets.has(target.key)) targets.set(target.key, target);
	const results = targets.size === 0 ? new Map<string, ItemResult>() : await cancelAll(client, [...targets.values()], { batchSize, stopOnError, request });

	const outcomes = plans.map((plan, itemIndex): ItemResult[] => {
		if ('failure' in plan) return [plan.failure];
		if (plan.failures) return plan.failures;
		return (plan.targets ?? []).map((target) => forItem(results.get(target.key) as ItemResult, itemIndex));
	});
	if (stopOnError) throwFirstFailure(this, outcomes);
	return outcomes.flatMap((results, itemIndex) => results.map((result) => outputItem(this, result, itemIndex)));
}

/** "On Error: Stop": the first job, in item order, whose cancel really failed (one not sent only when none was sent). */
function throwFirstFailure(context: IExecuteFunctions, outcomes: ItemResult[][]): void {
	const failed = outcomes.flatMap((results, itemIndex) => results.flatMap((result) => (result.ok ? [] : [{ result, itemIndex }])));
	const first = failed.find(({ result }) => result.sent !== false) ?? failed[0];
	if (!first) return;
	const { result, itemIndex } = first;
	if (result.failure) throw stopError(context, result.subject, result.failure, itemIndex, result.headline);
	throw new NodeOperationError(context.getNode(), result.headline, { itemIndex, description: String(result.json.description ?? '') });
}

/** The job IDs of one item, or its input failure. */
function readJobIds(context: IExecuteFunctions, itemIndex: number): { ids: string[] } | { failure: ItemFailure } {
	const value = context.getNodeParameter('jobIds', itemIndex, '') as unknown;
	const given = value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
	const parts = given.flatMap((part: unknown) => (typeof part === 'number' ? [String(part)] : typeof part === 'string' ? part.split(/[\s,;]+/) : [part]));
	const ids = parts.filter((part) => part !== '');
	const wrong = ids.find((id) => typeof id !== 'string' || !JOB_ID.test(id));
	const description = 'Enter job IDs as Submit returns them (digits, such as 834040), or map them with an expression such as {{ $json.jobId }}.';
	if (ids.length === 0) return { failure: inputProblem({ jobId: null, cancelled: false, code: 'NO_JOB_ID', description }, "No job ID in 'Job IDs'", itemIndex) };
	if (wrong !== undefined) {
		const message = `Invalid job ID ${describeValue(wrong)} in 'Job IDs': a Slurm job ID is digits, such as 834040`;
		return { failure: inputProblem({ jobId: typeof wrong === 'string' ? wrong : null, cancelled: false, code: 'INVALID_JOB_ID', description }, message, itemIndex) };
	}
	return { ids: [...new Set(ids as string[])] };
}

interface CancelSettings {
	batchSize: number;
	/** Send nothing more once a job could not be cancelled ("On Error: Stop"). */
	stopOnError: boolean;
	request: RequestSettings;
}

/** Cancels the jobs in batches; one result per target key. */
async function cancelAll(client: ScnetClient, targets: Target[], { batchSize, stopOnError, request }: CancelSettings): Promise<Map<string, ItemResult>> {
	const results = new Map<string, ItemResult>();
	const entryOf = ({ scheduler, user, id }: Target) => `${scheduler},${user}:${id}:`;
	// Percent-encoded in the query, with the `;` that joins them.
	const cost = (target: Target) => encodeURIComponent(`${entryOf(target)};`).length;
	const budget = MAX_URL_LENGTH - 1 - SERVICE_URL_RESERVE - HPC.jobs.length - QUERY_HEAD.length;
	let encoding: Encoding = 'query';
	let halt: ScnetFailure | undefined;
	for (const batch of planBatches(targets, batchSize, cost, budget)) {
		if (halt) {
			for (const target of batch) results.set(target.key, { ...jobFailure(jobSubject(target.id), notSent(halt), 0, { cancelled: false }), sent: false });
			continue;
		}
		const fields = { jobMethod: '5', strJobInfoMap: batch.map(entryOf).join(';') };
		const send = (how: Encoding) => client.request('hpc', 'DELETE', HPC.jobs, how === 'query' ? { qs: fields } : { form: fields }, request);
		let result = await send(encoding);
		if (!result.ok && result.failure.code === '10003' && encoding === 'query') {
			encoding = 'form';
			result = await send(encoding);
		}
		if (result.ok) {
			for (const target of batch) results.set(target.key, succeeded({ jobId: target.id, cancelled: true, code: '0', message: result.message || 'Cancelled' }));
			continue;
		}
		const failure = withRemedy(result.failure, REMEDIES);
		if (failure.scope === 'account') {
			for (const target of batch) results.set(target.key, jobFailure(jobSubject(target.id), failure, 0, { cancelled: false }));
			halt = failure;
			continue;
		}
		// SCNet answers one code for the batch; scancel cancels the others all the same. So each job's
		// own state says whether it was cancelled, and scancel's line about it why not.
		for (const target of batch) results.set(target.key, await settleOne(client, target, failure, request));
		if (stopOnError && batch.some((target) => !results.get(target.key)?.ok)) halt = failure;
	}
	return results;
}

async function settleOne(client: ScnetClient, { scheduler, id }: Target, failure: ScnetFailure, request: RequestSettings): Promise<ItemResult> {
	const job = await lookUpJob(client, scheduler, id, request, SCNET_TIME_ZONE);
	if (job.ok && jobStateOf(job.job) === 'Cancelled') return succeeded({ jobId: id, cancelled: true, code: '0', message: 'Cancelled' });
	// scancel's line about this job: `… on job id 5: …`, not the one about `5_1` or `5+1`.
	const about = new RegExp(`job id ${id.replace('+', '\\+')}(?![\\w+])`);
	const line = (failure.scnetMessage ?? '').split('\n').find((text) => about.test(text));
	return jobFailure(jobSubject(id), line ? { ...failure, scnetMessage: line.trim() } : failure, 0, { cancelled: false });
}

/** The failure of a job not sent because an earlier batch failed: that batch's code, without scancel's words about other jobs. */
function notSent(failure: ScnetFailure): ScnetFailure {
	const cause = { ...failure };
	delete cause.scnetMessage;
	return { ...cause, unsent: true, description: `Not sent, because an earlier request in this run failed with code ${cause.code}. ${cause.description}` };
}
