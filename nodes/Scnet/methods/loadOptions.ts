import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { callError } from '../../shared/results';
import { ScnetClient } from '../../shared/transport';
import { CONTAINER } from '../../shared/transport/endpoints';
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
