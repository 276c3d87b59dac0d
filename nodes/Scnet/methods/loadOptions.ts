import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { describeGroup, listResourceGroups } from '../../shared/containers/resourceGroups';
import { pickedValue } from '../../shared/parameters/picks';
import { callError } from '../../shared/results';
import { ScnetClient } from '../../shared/transport';
import { HPC } from '../../shared/transport/endpoints';
import { HpcAccount, NO_CLUSTER_USER } from '../../shared/jobs/hpcAccount';
import { entriesOf, LOOKUP_SETTINGS, textAt } from './lookups';

/**
 * The resource groups of the account (versions 1 and 2; the answer's shape is undocumented:
 * names, or objects naming them), each described by what the answer says of it.
 */
export async function getResourceGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await ScnetClient.connect(this);
	const result = await listResourceGroups(client, LOOKUP_SETTINGS);
	if (!result.ok) throw callError(this.getNode(), result.failure);
	return result.groups.map((group) => {
		const description = describeGroup(group);
		return { name: group.name, value: group.name, ...(description ? { description } : {}) };
	});
}

export { getSchedulers } from '../../shared/jobs/schedulerOptions';

const QUEUE_KEYS = ['id', 'queueName', 'text', 'name'];

/** The cluster user's queues on the chosen scheduler (the first one when none is chosen). */
export async function getQueues(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await ScnetClient.connect(this);
	const account = await HpcAccount.open(client, LOOKUP_SETTINGS);
	if (!(account instanceof HpcAccount)) throw callError(this.getNode(), account.failure);
	const chosen = pickedValue(this.getCurrentNodeParameter('scheduler'));
	const scheduler = account.scheduler(typeof chosen === 'string' || typeof chosen === 'number' ? String(chosen) : '');
	const user = account.clusterUser;
	if (!scheduler) return [];
	if (!user) throw callError(this.getNode(), NO_CLUSTER_USER);
	const result = await client.request('hpc', 'GET', HPC.queues(user), { qs: { strJobManagerID: scheduler.id } }, LOOKUP_SETTINGS);
	if (!result.ok) throw callError(this.getNode(), result.failure);
	const names = entriesOf(result.data).flatMap((entry) => textAt(entry, QUEUE_KEYS) ?? []);
	return [...new Set(names)].map((name) => ({ name, value: name }));
}
