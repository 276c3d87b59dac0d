import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

/*
 * Values as an AI agent hands them to the node. n8n runs a tool node as an ordinary node, and a
 * `$fromAI('key')` in a parameter reads `key` from the JSON of the item the node gets: the
 * harness's input items play the agent's arguments.
 */

/** A parameter the model fills ("let the model define this parameter"), of $fromAI's `type`. */
export const fromAI = (key: string, type: 'string' | 'number' | 'boolean' | 'json' = 'string') => `={{ $fromAI('${key}', \`\`, '${type}') }}`;

/** A resource locator's value as the editor stores it: picked 'From List' (mode list) or given 'By Value' (mode id). */
export const locator = (value: string, mode: 'list' | 'id' = 'id'): INodeParameterResourceLocator => ({ __rl: true, mode, value });

/** The message of a failure item of version 3 (its `error` object), or of an older version. */
export const failureMessage = (json: IDataObject): unknown => {
	const { error } = json;
	return error && typeof error === 'object' ? (error as IDataObject).message : (error ?? json.message);
};
