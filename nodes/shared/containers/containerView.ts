import type { IDataObject } from 'n8n-workflow';

import { readDateTime } from '../helpers/dates';
import { countOf, isoTime, memoryGbOf, textOrNull } from '../helpers/simplified';

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

/** What 'Simplify' keeps of a container, as its description says it. */
export const SIMPLIFIED_CONTAINER_FIELDS = "each container's ID, name, status, service type, times (ISO 8601) and resources (CPU, memory, accelerators)";

/**
 * A container as 'Simplify' outputs it (`container` is its `containerView`): what a person or an
 * agent needs, flat — ID, name, status, service type, times as ISO 8601 in UTC, and resources
 * (CPU cores, memory in GB, accelerator type and count; SCNet's list gives no resources, so they
 * are null there). Never an entry URL: SCNet's carry an access token (Get URL gives them).
 */
export function simplifiedContainer(container: IDataObject, zone: string): IDataObject {
	const id = container.id ?? container.instanceServiceId;
	return {
		id: id === undefined || id === null ? null : String(id),
		name: nameOf(container) ?? null,
		status: textOrNull(container.status),
		taskType: textOrNull(container.taskType),
		createdAt: isoTime(container.createTime, zone),
		startedAt: isoTime(container.startTime, zone),
		endedAt: isoTime(container.endTime, zone),
		cpuCount: countOf(container.cpuNumber),
		memoryGb: memoryGbOf(container.ramSize),
		acceleratorType: textOrNull(container.acceleratorType),
		acceleratorCount: countOf(container.gpuNumber),
	};
}
