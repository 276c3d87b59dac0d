import type { IDataObject } from 'n8n-workflow';

import { textAt } from '../helpers/entries';
import { countOf, isoTime, memoryGbOf, textOrNull } from '../helpers/simplified';

/** The statuses SCNet documents for notebooks, in its order (开机中 "Restarting" is a start under way, 关机中 "Shutting" a stop). */
export const NOTEBOOK_STATUSES = ['Creating', 'Restarting', 'Running', 'Terminated', 'Failed', 'Shutting'];

/** Where SCNet may put a notebook's ID, name and status (the list documents `id`, `notebookName`, `notebookStatus`; live clients read the others too). */
export const NOTEBOOK_ID_KEYS = ['id', 'notebookId'];
const NAME_KEYS = ['notebookName', 'name'];
const STATUS_KEYS = ['notebookStatus', 'status'];

/** Keys whose values are passwords (a notebook's `sshPassword`): never output. */
const PASSWORD_KEY = /password/i;

/**
 * A notebook as the node outputs it: SCNet's fields as they came, without any password (the
 * detail carries the notebook's `sshPassword`), and `id`, `name` and `status` always set (null
 * when SCNet gives none), whichever of its names SCNet used.
 */
export function notebookView(notebook: IDataObject, fallbackId?: string): IDataObject {
	const shown = withoutPasswords(notebook) as IDataObject;
	const id = textAt(notebook, NOTEBOOK_ID_KEYS) ?? fallbackId;
	return { ...shown, id: id ?? null, name: textAt(notebook, NAME_KEYS) ?? null, status: textAt(notebook, STATUS_KEYS) ?? null };
}

/** The status of a notebook as SCNet names it (`notebookStatus`, or `status`), or '' when it gives none. */
export const notebookStatusOf = (notebook: IDataObject): string => textAt(notebook, STATUS_KEYS) ?? '';

/** The name of a notebook (`notebookName`, or `name`), if it has one. */
export const notebookNameOf = (notebook: IDataObject): string | undefined => textAt(notebook, NAME_KEYS);

/** `value` without the keys that hold passwords, at any depth. */
export function withoutPasswords(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutPasswords);
	if (!value || typeof value !== 'object') return value;
	return Object.fromEntries(Object.entries(value).flatMap(([key, inner]) => (PASSWORD_KEY.test(key) ? [] : [[key, withoutPasswords(inner)]])));
}

/** What 'Simplify' keeps of a notebook, as its description says it. */
export const SIMPLIFIED_NOTEBOOK_FIELDS = "each notebook's ID, name, status, image, times (ISO 8601) and resources (CPU, memory, accelerators)";

/**
 * A notebook as 'Simplify' outputs it (`notebook` is its `notebookView`): flat — ID, name,
 * status, image, times (SCNet's, read in `zone`) as ISO 8601 in UTC, and resources (CPU cores,
 * memory in GB, accelerator type and count). Never a password or an entry URL (Get URL gives
 * that, with its token).
 */
export function simplifiedNotebook(notebook: IDataObject, zone: string): IDataObject {
	const imagePath = textOrNull(notebook.imagePath);
	return {
		id: textOrNull(notebook.id),
		name: textOrNull(notebook.name),
		status: textOrNull(notebook.status),
		image: textOrNull(notebook.imageName) ?? (imagePath ? (imagePath.split('/').pop() ?? imagePath) : null),
		createdAt: isoTime(notebook.createTime, zone),
		startedAt: isoTime(notebook.startTime, zone),
		cpuCount: countOf(notebook.cpuNumber),
		memoryGb: memoryGbOf(notebook.ramSize),
		acceleratorType: textOrNull(notebook.acceleratorType),
		acceleratorCount: countOf(notebook.acceleratorNumber),
	};
}
