import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../helpers/dates';

/**
 * A container as the node outputs it: SCNet's fields as they came, `id` always set (SCNet may
 * call it `instanceServiceId`), and `createdAt`, the zone-less `createTime` read in `zone` and
 * written as ISO 8601 (null when SCNet gives none).
 */
export function containerView(container: IDataObject, zone: string, fallbackId?: string): IDataObject {
	const id = container.id ?? container.instanceServiceId ?? fallbackId;
	const created = readDateTime(container.createTime, zone);
	return { ...container, id: id === undefined || id === null ? null : String(id), createdAt: created ? created.toISOString() : null };
}

/** Where a container's name may sit: SCNet's list does not document it (the detail calls it instanceServiceName). */
const NAME_KEYS = ['instanceServiceName', 'name', 'instanceName', 'serviceName'];

/** A container's name from the first of those keys that holds text; undefined when none does. */
export function nameOf(container: IDataObject): string | undefined {
	const name = NAME_KEYS.map((key) => container[key]).find((value) => typeof value === 'string' && value !== '');
	return name as string | undefined;
}
