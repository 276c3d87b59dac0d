import type { IDataObject } from 'n8n-workflow';

import { describeValue } from './readers';

/*
 * The one reader of list-valued fields (mounts, ports): what versions 1 and 2 hold (a
 * fixedCollection, `{ mount: [...] }`) and what version 3 takes from a person, an expression or an
 * AI agent ($fromAI of type json): a list of objects, or a JSON text of one. A value that is not
 * such a list, an entry that is not an object, or a key the entry cannot have stops the item
 * before anything is sent, with a message that shows the shape expected.
 */

/** What a list-valued field takes. */
export interface ListShape {
	/** The field's label, e.g. 'Mounts'. */
	label: string;
	/** What one entry is, e.g. 'mount'. */
	noun: string;
	/** The fixedCollection's inner name in versions 1 and 2, e.g. 'mount'. */
	collection: string;
	/** Each key an entry may have (the name SCNet gives it), with the other names it is read under. */
	keys: Record<string, readonly string[]>;
	/** An example of the field's JSON, e.g. '[{"source":"/public/home/u/data","target":"/data"}]'. */
	example: string;
}

export interface Problem {
	message: string;
	description: string;
}

export type ListRead = { entries: IDataObject[] } | { problem: Problem };

/** A JSON text as the value it holds; anything else as it is. `unreadable` for a text that is not JSON. */
export function jsonValue(raw: unknown): { value: unknown } | { unreadable: string } {
	if (typeof raw !== 'string') return { value: raw };
	const text = raw.trim();
	if (text === '') return { value: undefined };
	try {
		return { value: JSON.parse(text) as unknown };
	} catch (error) {
		return { unreadable: (error as Error).message };
	}
}

/** A JSON object (not a list, not null). */
export const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The keys an entry takes, as a message lists them: 'source (or sourcePath), target (or targetPath), type'. */
function keyList(shape: ListShape): string {
	return Object.entries(shape.keys)
		.map(([key, aliases]) => (aliases.length > 0 ? `${aliases[0]} (or ${[key, ...aliases.slice(1)].join(', ')})` : key))
		.join(', ');
}

/**
 * The entries of a list-valued field, each with SCNet's key names: none for an empty field (no
 * value, an empty text, `[]`, a fixedCollection with no entry); a single object is a list of one.
 * Otherwise the problem, naming the field and the shape it takes.
 */
export function readList(raw: unknown, shape: ListShape): ListRead {
	const { label, noun, collection, example } = shape;
	const description = `Give a list with one object per ${noun}, e.g. ${example}. Each ${noun} takes ${keyList(shape)}. Nothing was sent to SCNet.`;
	const problem = (message: string): ListRead => ({ problem: { message, description } });
	const parsed = jsonValue(raw);
	if ('unreadable' in parsed) return problem(`'${label}' is not valid JSON (${parsed.unreadable})`);
	let value = parsed.value;
	if (value === undefined || value === null) return { entries: [] };
	// Versions 1 and 2: the fixedCollection's value.
	if (isObject(value) && Object.keys(value).length <= 1 && (Object.keys(value).length === 0 || Array.isArray(value[collection]))) value = value[collection] ?? [];
	if (isObject(value)) value = [value];
	if (!Array.isArray(value)) return problem(`'${label}' must be a list of ${noun}s such as ${example}, not ${describeValue(value)}`);
	const entries: IDataObject[] = [];
	for (const [index, entry] of value.entries()) {
		const position = `${noun} ${index + 1}`;
		if (!isObject(entry)) return problem(`'${label}': ${position} must be an object such as ${JSON.stringify((JSON.parse(example) as unknown[])[0])}, not ${describeValue(entry)}`);
		const read: IDataObject = {};
		for (const [given, item] of Object.entries(entry)) {
			const key = Object.keys(shape.keys).find((candidate) => candidate === given || shape.keys[candidate].includes(given));
			if (key === undefined) return problem(`'${label}': ${position} has a key SCNet does not take: '${given}'`);
			if (key in read) return problem(`'${label}': ${position} gives '${key}' twice (as '${given}' too)`);
			read[key] = item;
		}
		entries.push(read);
	}
	return { entries };
}
