import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../../helpers/dates';

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
