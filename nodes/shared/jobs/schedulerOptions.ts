import type { ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { EDITOR_LOOKUP } from '../parameters/options';
import { callError } from '../results';
import { ScnetClient } from '../transport';
import { HPC } from '../transport/endpoints';
import { readSchedulers } from './hpcAccount';

/** The editor's list of the region's Slurm schedulers (the node's and the trigger's 'Scheduler'), by name and ID. */
export async function getSchedulers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await ScnetClient.connect(this);
	const result = await client.request('hpc', 'GET', HPC.schedulers, {}, EDITOR_LOOKUP);
	if (!result.ok) throw callError(this.getNode(), result.failure);
	return readSchedulers(result.data).map((scheduler) => ({ name: `${scheduler.name} (${scheduler.id})`, value: scheduler.id, description: scheduler.type }));
}

/** The 'Scheduler' field of the job operations and the trigger's job events; empty for the first one listed. */
export const schedulerField: INodeProperties = {
	displayName: 'Scheduler Name or ID',
	name: 'scheduler',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSchedulers' },
	default: '',
	description:
		'The Slurm scheduler (cluster) of the region; empty for the first one SCNet lists. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
