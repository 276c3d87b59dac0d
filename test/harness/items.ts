import type { INodeExecutionData, IPairedItemData } from 'n8n-workflow';

export const json = (items: INodeExecutionData[]) => items.map((item) => item.json);

/** The `id` of every output item. */
export const ids = (items: INodeExecutionData[]) => json(items).map((item) => item.id);

/** [id, index of the input item it is paired with] for every output item. */
export const pairs = (items: INodeExecutionData[]) =>
	items.map((item) => [item.json.id, (item.pairedItem as IPairedItemData).item]);
