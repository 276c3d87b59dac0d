import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { jobView, SIMPLIFIED_JOB_FIELDS, simplifiedJob } from '../../../shared/jobs/jobView';
import { lookUpJob } from '../../../shared/jobs/lookup';
import { optionsCollection, readOptions, readRequestSettings, readTimezone, requestOptions, timezoneOption } from '../../../shared/parameters/options';
import { readSimplify, simplifyField } from '../../../shared/parameters/simplify';
import { jobSubject, succeeded } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { AGENT_VERSION, fromVersion } from '../common/versions';
import { HpcSession, jobFailure, jobIdField, readJobId, schedulerFields } from './fields';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	description: 'Get one job with its state, exit code and times, from the realtime list or, once it has left it, from history',
	action: 'Get job',
	toolDescription:
		'Get one Slurm job on SCNet by job ID: its state (Queued, Running, Completed, Failed, Cancelled, TimedOut), exit code, queue, times (ISO 8601) and output files. A job SCNet does not know comes back with an error object.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['job'], operation: ['get'] } }, [
	jobIdField,
	...schedulerFields,
	simplifyField(SIMPLIFIED_JOB_FIELDS, fromVersion(AGENT_VERSION)),
	optionsCollection([...requestOptions, timezoneOption]),
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	const session = new HpcSession(client, readRequestSettings(this, readOptions(this, 0)));
	await session.checkEveryItem(this, (itemIndex) => readJobId(this, itemIndex));
	return runPerItem(this, async (itemIndex) => {
		const options = readOptions(this, itemIndex);
		const [settings, zone] = [readRequestSettings(this, options), readTimezone(this, options)];
		const input = readJobId(this, itemIndex);
		if ('failure' in input) return input.failure;
		const simplify = readSimplify(this, itemIndex);
		const found = await session.schedulerFor(this, itemIndex, jobSubject(input.jobId));
		if ('failure' in found) return found.failure;
		const job = await lookUpJob(client, found.scheduler.id, input.jobId, settings, zone);
		if (!job.ok) return jobFailure(jobSubject(input.jobId), job.failure, itemIndex);
		const view = jobView(job.job, zone, input.jobId);
		return succeeded(simplify ? simplifiedJob(view) : view);
	});
}
