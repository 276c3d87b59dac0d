import type { IDataObject } from 'n8n-workflow';

import { entriesOf, textAt } from '../helpers/entries';
import type { RequestSettings, ScnetClient } from '../transport';
import type { ScnetFailure } from '../transport/errorCodes';
import { CONTAINER } from '../transport/endpoints';

/*
 * The account's resource groups (GET …/instance-service/resource-group). SCNet documents the call
 * but not its answer: a group may come as a bare name, or as an object naming it, and perhaps its
 * accelerator type, card model and count, cores and memory. Each is read only under names that
 * plainly mean it; what the answer does not say stays unknown, never guessed (from the group's
 * name, say).
 */

/** The accelerator types SCNet's containers take (acceleratorType). */
export const CONTAINER_ACCELERATORS = ['cpu', 'dcu', 'gpu', 'mlu'] as const;
export type ContainerAccelerator = (typeof CONTAINER_ACCELERATORS)[number];

export interface ResourceGroup {
	name: string;
	/** The group's accelerator type, when the answer names one of SCNet's. */
	acceleratorType?: ContainerAccelerator;
	/** The card model, e.g. 'Tesla M40'. */
	card?: string;
	/** Cards per node. */
	cards?: number;
	cores?: number;
	/** Memory per node, in MB. */
	memoryMb?: number;
}

const NAME_KEYS = ['resourceGroup', 'name', 'groupName', 'code', 'value', 'label'];
const ACCELERATOR_KEYS = ['acceleratorType', 'accelerateType', 'accType'];
const CARD_KEYS = ['cardType', 'cardModel', 'cardName', 'acceleratorName', 'acceleratorModel', 'gpuType', 'gpuModel'];
const CARD_COUNT_KEYS = ['cardNumber', 'cardNum', 'acceleratorNumber', 'acceleratorNum', 'gpuNumber', 'gpuNum'];
const CORE_KEYS = ['cpuNumber', 'cpuNum', 'cpuCores'];
const MEMORY_KEYS = ['memorySize', 'ramSize'];

const countAt = (entry: unknown, keys: readonly string[]): number | undefined => {
	if (!entry || typeof entry !== 'object') return undefined;
	for (const key of keys) {
		const value = (entry as IDataObject)[key];
		const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
		if (number !== undefined && Number.isInteger(number) && number >= 0) return number;
	}
	return undefined;
};

/** The groups an answer names, each once (the first entry of a name counts), with what it says of them. */
export function readResourceGroups(data: unknown): ResourceGroup[] {
	const groups: ResourceGroup[] = [];
	for (const entry of entriesOf(data)) {
		const name = textAt(entry, NAME_KEYS)?.trim();
		if (!name || groups.some((group) => group.name === name)) continue;
		const type = textAt(entry, ACCELERATOR_KEYS)?.trim().toLowerCase();
		const group: ResourceGroup = { name };
		if (type && (CONTAINER_ACCELERATORS as readonly string[]).includes(type)) group.acceleratorType = type as ContainerAccelerator;
		const card = typeof entry === 'object' ? textAt(entry, CARD_KEYS)?.trim() : undefined;
		if (card) group.card = card;
		const [cards, cores, memoryMb] = [countAt(entry, CARD_COUNT_KEYS), countAt(entry, CORE_KEYS), countAt(entry, MEMORY_KEYS)];
		if (cards !== undefined) group.cards = cards;
		if (cores !== undefined) group.cores = cores;
		if (memoryMb !== undefined) group.memoryMb = memoryMb;
		groups.push(group);
	}
	return groups;
}

/** What the editor shows under a group: 'GPU · Tesla M40 · 4 cards · 28 cores · 120 GB', or undefined when the answer said nothing of it. */
export function describeGroup(group: ResourceGroup): string | undefined {
	const parts = [
		group.acceleratorType === undefined ? undefined : group.acceleratorType === 'cpu' ? 'CPU only' : group.acceleratorType.toUpperCase(),
		group.card,
		group.cards === undefined ? undefined : `${group.cards} card${group.cards === 1 ? '' : 's'}`,
		group.cores === undefined ? undefined : `${group.cores} cores`,
		group.memoryMb === undefined ? undefined : group.memoryMb % 1024 === 0 ? `${group.memoryMb / 1024} GB` : `${group.memoryMb} MB`,
	].filter((part): part is string => part !== undefined);
	return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** The account's resource groups, or the failure of asking SCNet for them. */
export async function listResourceGroups(client: ScnetClient, settings: RequestSettings): Promise<{ ok: true; groups: ResourceGroup[] } | { ok: false; failure: ScnetFailure }> {
	const result = await client.request('ai', 'GET', CONTAINER.resourceGroups, {}, settings);
	return result.ok ? { ok: true, groups: readResourceGroups(result.data) } : result;
}
