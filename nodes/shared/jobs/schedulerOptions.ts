import type { IExecuteFunctions, ILoadOptionsFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { AGENT_VERSION, beforeVersion, fromVersion } from '../../Scnet/actions/common/versions';
import { EDITOR_LOOKUP } from '../parameters/options';
import { isExpression, pickedValue, pickField } from '../parameters/picks';
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

/**
 * 'Scheduler' of the node's job operations for every version: the dropdown of versions 1 and 2
 * (the trigger keeps it), and from version 3 a picker an AI agent can fill (see
 * shared/parameters/picks.ts), empty for the first scheduler as before. Read with `readScheduler`.
 */
export const schedulerFields: INodeProperties[] = [
	{ ...schedulerField, displayOptions: { show: { '@version': beforeVersion(AGENT_VERSION) } } },
	{
		...pickField({
			displayName: 'Scheduler',
			name: 'scheduler',
			description:
				"The Slurm scheduler (cluster) of the region, by its ID or its name as SCNet lists it; empty for the first one SCNet lists. A value that names none of the region's schedulers stops the item before anything is sent.",
			searchListMethod: 'searchSchedulers',
			listPlaceholder: 'The first one SCNet lists',
			placeholder: 'e.g. 1',
			byValue: 'By ID or Name',
		}),
		displayOptions: { show: { '@version': fromVersion(AGENT_VERSION) } },
	},
];

/**
 * The item's 'Scheduler' as given, for every version (an option's value, a picker's, an
 * expression's); `fromExpression` when an expression gives it, whose nothing is not "the first one".
 */
export function readScheduler(context: IExecuteFunctions, itemIndex: number): { value: unknown; fromExpression: boolean } {
	const value = pickedValue(context.getNodeParameter('scheduler', itemIndex, '', { extractValue: true }));
	return { value, fromExpression: isExpression(context.getNode().parameters.scheduler) };
}
