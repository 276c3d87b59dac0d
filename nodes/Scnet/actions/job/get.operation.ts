import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { jobView } from '../../../shared/jobs/jobView';
import { lookUpJob } from '../../../shared/jobs/lookup';
import { optionsCollection, readOptions, readRequestSettings, readTimezone, requestOptions, timezoneOption } from '../../../shared/parameters/options';
import { inputProblem, jobSubject, succeeded, type ItemFailure } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { HpcSession, jobFailure, jobIdField, readJobId, schedulerField } from './fields';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	description: 'Get one job with its state, exit code and times, from the realtime list or, once it has left it, from history',
	action: 'Get a job',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['job'], operation: ['get'] } }, [
	jobIdField,
	schedulerField,
	optionsCollection([...requestOptions, timezoneOption]),
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	const session = new HpcSession(client, readRequestSettings(this, readOptions(this, 0)));
	if (!this.continueOnFail()) {
		// Fail closed: with "Stop", every item's job ID, then its scheduler, is read before any job is asked for.
		const items = this.getInputData();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const input = readJobId(this, itemIndex);
			if ('failure' in input) {
				throw new NodeOperationError(this.getNode(), input.failure.headline, { itemIndex, description: `${String(input.failure.json.description ?? '')} Nothing was sent to SCNet.` });
			}
		}
		// A scheduler list that cannot be read is the first item's failure, below.
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) if ('failure' in (await session.scheduler(this, itemIndex))) break;
	}
	return runPerItem(this, async (itemIndex) => {
		const options = readOptions(this, itemIndex);
		const [settings, zone] = [readRequestSettings(this, options), readTimezone(this, options)];
		const input = readJobId(this, itemIndex);
		if ('failure' in input) return input.failure;
		const found = await schedulerOf(this, session, input.jobId, itemIndex);
		if ('refused' in found) return found.refused;
		if ('failure' in found) return named(jobFailure(jobSubject(input.jobId), found.failure, itemIndex));
		const job = await lookUpJob(client, found.scheduler.id, input.jobId, settings, zone);
		if (!job.ok) return named(jobFailure(jobSubject(input.jobId), job.failure, itemIndex));
		return succeeded(jobView(job.job, zone, input.jobId));
	});
}

/**
 * A failure item whose message is its headline, as for bad input: it names the job and the code
 * (`… (job 834040, code JOB_NOT_FOUND) [item 0]`) on the main output too, where items of several
 * jobs meet.
 */
const named = (failure: ItemFailure): ItemFailure => ({ ...failure, json: { ...failure.json, message: failure.headline } });

/**
 * The item's scheduler. One that names none of the region's throws ("Stop" has met it before any
 * job was read); under "Continue" it is the item's failure, naming the job.
 */
async function schedulerOf(context: IExecuteFunctions, session: HpcSession, jobId: string, itemIndex: number) {
	try {
		return await session.scheduler(context, itemIndex);
	} catch (error) {
		const refusal = error instanceof NodeOperationError ? error : new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		if (!context.continueOnFail()) throw refusal;
		const code = 'UNKNOWN_SCHEDULER';
		return { refused: inputProblem({ jobId, code, description: refusal.description ?? '' }, `${refusal.message} (job ${jobId}, code ${code})`, itemIndex) };
	}
}
