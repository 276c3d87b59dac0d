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
import type { ScnetFailure } from '../../../shared/transport/errorCodes';
import type { OperationOption } from '../common/operation';
import { HpcSession, jobFailure, schedulerField } from './fields';

export const option: OperationOption = {
	name: 'Cancel',
	value: 'cancel',
	description: 'Cancel queued or running jobs (scancel), many per request',
	action: 'Cancel jobs',
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
	schedulerField,
	optionsCollection([wholeNumberOption('batchSize', BATCH_SIZE, 'Maximum number of jobs cancelled in one request'), ...requestOptions]),
]);

const JOB_ID = /^\d+(?:[_+]\d+)?$/;

/**
 * Where the cancel's `jobMethod` and `strJobInfoMap` go: the page sends a form body on DELETE, a
 * live client found the gateway ignores DELETE bodies and sends them in the query. The query goes
 * first; a "missing parameters" answer (`10003`) sends the form body instead, kept for the run.
 */
type Encoding = 'query' | 'form';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const raw = readOptions(this);
	const { batchSize, ...request } = readWholeNumbers(this, raw, { batchSize: BATCH_SIZE, ...REQUEST_NUMBERS });
	const client = await ScnetClient.connect(this);
	const stopOnError = !this.continueOnFail();
	const perItem = this.getInputData().map((_, itemIndex) => readJobIds(this, itemIndex));
	if (stopOnError) {
		const bad = perItem.findIndex((ids) => 'failure' in ids);
		if (bad >= 0) throw new NodeOperationError(this.getNode(), (perItem[bad] as { failure: ItemFailure }).failure.headline, { itemIndex: bad });
	}
	const ids = [...new Set(perItem.flatMap((entry) => ('ids' in entry ? entry.ids : [])))];
	const results = ids.length === 0 ? new Map<string, ItemResult>() : await cancelAll(this, client, ids, batchSize, request);

	const output: INodeExecutionData[] = [];
	perItem.forEach((entry, itemIndex) => {
		if ('failure' in entry) {
			output.push(outputItem(this, entry.failure, itemIndex));
			return;
		}
		for (const id of entry.ids) {
			const own = forItem(results.get(id) as ItemResult, itemIndex);
			if (!own.ok && stopOnError) throw own.failure ? stopError(this, jobSubject(id), own.failure, itemIndex) : new NodeOperationError(this.getNode(), own.headline, { itemIndex });
			output.push(outputItem(this, own, itemIndex));
		}
	});
	return output;
}

/** The job IDs of one item, or its input failure. */
function readJobIds(context: IExecuteFunctions, itemIndex: number): { ids: string[] } | { failure: ItemFailure } {
	const value = context.getNodeParameter('jobIds', itemIndex, '') as unknown;
	const parts = (Array.isArray(value) ? value : [value]).flatMap((part) => (typeof part === 'number' ? [String(part)] : typeof part === 'string' ? part.split(/[\s,;]+/) : [part]));
	const ids = parts.filter((part) => part !== '');
	const wrong = ids.find((id) => typeof id !== 'string' || !JOB_ID.test(id));
	const description = 'Enter job IDs as Submit returns them (digits, such as 834040), or map them with an expression such as {{ $json.jobId }}.';
	if (ids.length === 0) return { failure: inputProblem({ jobId: null, cancelled: false, code: 'NO_JOB_ID', description }, "No job ID in 'Job IDs'", itemIndex) };
	if (wrong !== undefined) return { failure: inputProblem({ jobId: null, cancelled: false, code: 'INVALID_JOB_ID', description }, `Invalid job ID ${describeValue(wrong)}: a Slurm job ID is digits, such as 834040`, itemIndex) };
	return { ids: [...new Set(ids as string[])] };
}

/** Cancels the jobs in batches; one result per job ID. */
async function cancelAll(context: IExecuteFunctions, client: ScnetClient, ids: string[], batchSize: number, request: RequestSettings): Promise<Map<string, ItemResult>> {
	const results = new Map<string, ItemResult>();
	const failAll = (failure: ScnetFailure) => {
		for (const id of ids) results.set(id, jobFailure(jobSubject(id), failure, 0, { cancelled: false }));
		return results;
	};
	const found = await new HpcSession(client, request).scheduler(context, 0);
	if ('failure' in found) return failAll(found.failure);
	const user = found.account.clusterUser;
	if (!user) return failAll(NO_CLUSTER_USER);
	const scheduler = found.scheduler.id;
	let encoding: Encoding = 'query';
	for (const batch of planBatches(ids, batchSize, (id) => id.length + scheduler.length + user.length + 4, 6000)) {
		const fields = { jobMethod: '5', strJobInfoMap: batch.map((id) => `${scheduler},${user}:${id}:`).join(';') };
		const send = (how: Encoding) => client.request('hpc', 'DELETE', HPC.jobs, how === 'query' ? { qs: fields } : { form: fields }, request);
		let result = await send(encoding);
		if (!result.ok && result.failure.code === '10003' && encoding === 'query') {
			encoding = 'form';
			result = await send(encoding);
		}
		if (result.ok) {
			for (const id of batch) results.set(id, succeeded({ jobId: id, cancelled: true, code: '0', message: result.message || 'Cancelled' }));
			continue;
		}
		if (result.failure.scope === 'account') {
			for (const id of batch) results.set(id, jobFailure(jobSubject(id), result.failure, 0, { cancelled: false }));
			continue;
		}
		// SCNet answers one code for the batch; scancel cancels the others all the same. So each job's
		// own state says whether it was cancelled, and scancel's line about it why not.
		for (const id of batch) results.set(id, await settleOne(client, scheduler, id, result.failure, request));
	}
	return results;
}

async function settleOne(client: ScnetClient, scheduler: string, id: string, failure: ScnetFailure, request: RequestSettings): Promise<ItemResult> {
	const job = await lookUpJob(client, scheduler, id, request, SCNET_TIME_ZONE);
	if (job.ok && jobStateOf(job.job) === 'Cancelled') return succeeded({ jobId: id, cancelled: true, code: '0', message: 'Cancelled' });
	const line = (failure.scnetMessage ?? '').split('\n').find((text) => new RegExp(`job id ${id.replace('+', '\\+')}\\b`).test(text));
	return jobFailure(jobSubject(id), line ? { ...failure, scnetMessage: line.trim() } : failure, 0, { cancelled: false });
}
