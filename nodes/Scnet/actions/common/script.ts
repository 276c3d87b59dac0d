import type { INodeProperties } from 'n8n-workflow';

import { acceptedValues, pickField, type Choice } from '../../../shared/parameters/picks';
import { AGENT_VERSION, beforeVersion, fromVersion } from './versions';

/** The values of SCNet's `startScriptActionScope`. */
export const SCRIPT_SCOPE_CHOICES: readonly Choice[] = [
	{ name: 'All Containers', value: 'all', description: 'Every container (task) of the instance' },
	{ name: 'First Container', value: 'header', description: 'Only the first container (task) of the instance' },
];

/** Which containers of an instance run a script: SCNet's `startScriptActionScope` (versions 1 and 2). */
export const scriptScopeField: INodeProperties = {
	displayName: 'Run In',
	name: 'startScriptActionScope',
	type: 'options',
	options: [...SCRIPT_SCOPE_CHOICES],
	default: 'all',
	description: 'In which containers of the instance the script runs',
};

/** The values of 'Run In'. */
export const SCRIPT_SCOPES = SCRIPT_SCOPE_CHOICES.map((option) => option.value);

/**
 * 'Run In' for every version, as `name` with `label` and `description`: the dropdown of versions
 * 1 and 2, and from version 3 a picker an AI agent can fill (see shared/parameters/picks.ts). Read
 * with `readPick(…, SCRIPT_SCOPES)`.
 */
export function scriptScopeFields({ name, displayName, description }: { name: string; displayName: string; description: string }): INodeProperties[] {
	return [
		{ ...scriptScopeField, name, displayName, description, displayOptions: { show: { '@version': beforeVersion(AGENT_VERSION) } } },
		{
			...pickField({
				displayName,
				name,
				default: 'all',
				description: `${description}: ${acceptedValues(SCRIPT_SCOPE_CHOICES)} (all = every container, header = the first one only)`,
				searchListMethod: 'searchScriptScopes',
				listPlaceholder: 'Select where the script runs…',
				placeholder: 'e.g. all',
				staticList: true,
			}),
			displayOptions: { show: { '@version': fromVersion(AGENT_VERSION) } },
		},
	];
}

/**
 * A script as SCNet wants it: every line ends in a line feed (its docs ask for `\n` after each
 * line of a multi-line script), Windows line ends made plain. Empty for a script of blanks.
 */
export function scriptText(value: unknown): string {
	const text = typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
	if (text.trim() === '') return '';
	return text.endsWith('\n') ? text : `${text}\n`;
}
