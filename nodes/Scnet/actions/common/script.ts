import type { INodeProperties } from 'n8n-workflow';

/** Which containers of an instance run a script: SCNet's `startScriptActionScope`. */
export const scriptScopeField: INodeProperties = {
	displayName: 'Run In',
	name: 'startScriptActionScope',
	type: 'options',
	options: [
		{ name: 'All Containers', value: 'all', description: 'Every container (task) of the instance' },
		{ name: 'First Container', value: 'header', description: 'Only the first container (task) of the instance' },
	],
	default: 'all',
	description: 'In which containers of the instance the script runs',
};

/** The values of 'Run In'. */
export const SCRIPT_SCOPES = (scriptScopeField.options as Array<{ value: string }>).map((option) => option.value);

/**
 * A script as SCNet wants it: every line ends in a line feed (its docs ask for `\n` after each
 * line of a multi-line script), Windows line ends made plain. Empty for a script of blanks.
 */
export function scriptText(value: unknown): string {
	const text = typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
	if (text.trim() === '') return '';
	return text.endsWith('\n') ? text : `${text}\n`;
}
