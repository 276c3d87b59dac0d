import type { IDataObject } from 'n8n-workflow';

const JSON_PATH_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*)+)\s*\}\}$/;

/**
 * The property path of a parameter that is nothing but `{{ $json.a.b }}`, or undefined for any
 * other value. n8n 2.x evaluates expressions in a sandbox at roughly half a millisecond each,
 * seconds for thousands of items; a plain `$json` path reads the same value from the item directly.
 */
export function jsonPathOf(parameter: unknown): string[] | undefined {
	if (typeof parameter !== 'string') return undefined;
	const match = JSON_PATH_EXPRESSION.exec(parameter.trim());
	return match ? match[1].slice(1).split('.') : undefined;
}

/** The value at `path` in an item's JSON; undefined where the path leads nowhere. */
export function valueAt(json: IDataObject, path: readonly string[]): unknown {
	let value: unknown = json;
	for (const key of path) {
		if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}
