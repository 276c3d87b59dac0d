import type { IExecuteFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { allowedSpelling, refusal, type Origin } from './readers';

/*
 * Fields an AI agent can fill, and the one reader of what they hold.
 *
 * n8n offers "let the model define this parameter" ($fromAI) on every field but those of type
 * 'options' (the editor's PROP_TYPE_DENYLIST is ['options', 'credentialsSelect']), so from node
 * version 3 every choice is a resource locator instead: 'From List' keeps the picker people had,
 * 'By Value' (mode `id`) takes the value itself — what an agent, an expression or a person typing
 * gives. A fixed enumeration (service type, script scope, …) is a resource locator with a static
 * list rather than a plain string with the values in its description: a person still picks from
 * the values SCNet knows instead of typing one from memory, and an agent's value is read by the
 * same reader as the pick. Whatever the field, a value that is none of the accepted ones stops the
 * item before anything is sent, naming the field and the values it takes; never a quiet default.
 */

/** One value of a fixed enumeration, as the editor lists it. */
export interface Choice {
	name: string;
	value: string;
	description?: string;
}

interface Locator {
	__rl: true;
	value: unknown;
	mode?: string;
}

const isLocator = (raw: unknown): raw is Locator => typeof raw === 'object' && raw !== null && (raw as { __rl?: unknown }).__rl === true;

/**
 * What a field holds: a resource locator's value (version 3), or the value itself (an option of
 * versions 1 and 2, an expression's result). A locator inside a collection reaches the node whole.
 */
export function pickedValue(raw: unknown): unknown {
	return isLocator(raw) ? raw.value : raw;
}

/** Whether a field's stored value (`node.parameters[name]`) is an expression, in a locator or not. */
export function isExpression(stored: unknown): boolean {
	const value = pickedValue(stored);
	return typeof value === 'string' && value.startsWith('=');
}

const valuesOf = (allowed: ReadonlyArray<string | Choice>): string[] => allowed.map((choice) => (typeof choice === 'string' ? choice : choice.value));

/**
 * THE reader of a choice, for every version: the plain text of an option (versions 1 and 2) or of
 * an expression or $fromAI, and a resource locator's value (version 3). It must be one of
 * `allowed`; a different case is read when it names one value only ('GPU' for gpu). Anything
 * else throws, naming the field and the accepted values.
 */
export function readPick(origin: Origin, raw: unknown, allowed: ReadonlyArray<string | Choice>): string {
	const values = valuesOf(allowed);
	const value = pickedValue(raw);
	const known = typeof value === 'string' ? allowedSpelling(value.trim(), values) : undefined;
	if (known !== undefined) return known;
	throw refusal(origin, `one of ${values.join(', ')}`, value);
}

/** `readPick` of a top-level field of the item, as n8n resolves it (a locator's value extracted). */
export function readPickParameter(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
	allowed: ReadonlyArray<string | Choice>,
): string {
	const raw = context.getNodeParameter(name, itemIndex, undefined, { extractValue: true });
	return readPick({ node: context.getNode(), label, itemIndex }, raw, allowed);
}

/**
 * The text of a field whose values SCNet lists (a resource group, a scheduler, a queue): picked,
 * typed or given by an expression, trimmed; '' for none. A number is read as its text; anything
 * else (a list, an object, true) throws, naming the field — what it is must be checked by the caller.
 */
export function readPickedText(origin: Origin, raw: unknown, mustBe: string): string {
	const value = pickedValue(raw);
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw refusal(origin, mustBe, value);
}

/** The accepted values as a field's description ends with them. */
export const acceptedValues = (choices: readonly Choice[]): string => choices.map((choice) => `'${choice.value}'`).join(', ');

interface PickFieldOptions {
	displayName: string;
	name: string;
	description: string;
	/** The value the field starts with; '' for none. */
	default?: string;
	required?: boolean;
	/** The 'From List' mode's listSearch method (methods/listSearch.ts). */
	searchListMethod: string;
	/** What the 'From List' mode shows while empty, e.g. 'Select a queue…'. */
	listPlaceholder: string;
	/** The 'By Value' mode's example, e.g. 'e.g. debug'. */
	placeholder: string;
	/** The name of the 'By Value' mode, e.g. 'By Name'. */
	byValue?: string;
	/** A list the node knows without asking SCNet: the editor may show it before a credential is chosen. */
	staticList?: boolean;
	hint?: string;
}

/** A choice field of version 3: a resource locator picked 'From List', or given 'By Value' (mode `id`). */
export function pickField(options: PickFieldOptions): INodeProperties {
	const { displayName, name, description, required, searchListMethod, listPlaceholder, placeholder, byValue = 'By Value', staticList = false, hint } = options;
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: options.default ?? '' },
		...(required ? { required } : {}),
		description,
		...(hint ? { hint } : {}),
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: listPlaceholder,
				typeOptions: { searchListMethod, searchable: true, ...(staticList ? { skipCredentialsCheckInRLC: true } : {}) },
			},
			{ displayName: byValue, name: 'id', type: 'string', placeholder },
		],
	};
}

/** A static list for a 'From List' mode, narrowed to the values whose name or value contains the text typed. */
export function choiceList(choices: readonly Choice[], filter?: string): INodeListSearchResult {
	const needle = (filter ?? '').trim().toLowerCase();
	const results = choices.filter((choice) => needle === '' || choice.name.toLowerCase().includes(needle) || choice.value.toLowerCase().includes(needle));
	return { results: results.map(({ name, value, description }) => ({ name, value, ...(description ? { description } : {}) })) };
}
