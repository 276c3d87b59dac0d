import type { IDataObject } from 'n8n-workflow';

import { textAt } from '../helpers/entries';

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
