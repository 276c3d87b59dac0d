import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { callError } from '../../shared/results';
import { ScnetClient } from '../../shared/transport';
import { CONTAINER, HPC } from '../../shared/transport/endpoints';
import { HpcAccount, NO_CLUSTER_USER } from '../../shared/jobs/hpcAccount';
import { entriesOf, LOOKUP_SETTINGS, textAt } from './lookups';

const GROUP_KEYS = ['resourceGroup', 'name', 'groupName', 'code', 'value', 'label'];

/** The resource groups of the account (the answer's shape is undocumented: names, or objects naming them). */
export async function getResourceGroups(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await ScnetClient.connect(this);
	const result = await client.request('ai', 'GET', CONTAINER.resourceGroups, {}, LOOKUP_SETTINGS);
	if (!result.ok) throw callError(this.getNode(), result.failure);
	const names = entriesOf(result.data).flatMap((entry) => textAt(entry, GROUP_KEYS) ?? []);
	return [...new Set(names)].map((name) => ({ name, value: name }));
}

export { getSchedulers } from '../../shared/jobs/schedulerOptions';

const QUEUE_KEYS = ['id', 'queueName', 'text', 'name'];

/** The cluster user's queues on the chosen scheduler (the first one when none is chosen). */
export async function getQueues(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const client = await ScnetClient.connect(this);
	const account = await HpcAccount.open(client, LOOKUP_SETTINGS);
	if (!(account instanceof HpcAccount)) throw callError(this.getNode(), account.failure);
	const chosen = this.getCurrentNodeParameter('scheduler');
	const scheduler = account.scheduler(typeof chosen === 'string' || typeof chosen === 'number' ? String(chosen) : '');
	const user = account.clusterUser;
	if (!scheduler) return [];
	if (!user) throw callError(this.getNode(), NO_CLUSTER_USER);
	const result = await client.request('hpc', 'GET', HPC.queues(user), { qs: { strJobManagerID: scheduler.id } }, LOOKUP_SETTINGS);
	if (!result.ok) throw callError(this.getNode(), result.failure);
	const names = entriesOf(result.data).flatMap((entry) => textAt(entry, QUEUE_KEYS) ?? []);
	return [...new Set(names)].map((name) => ({ name, value: name }));
}
