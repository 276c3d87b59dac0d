import { conceal } from '../../../shared/helpers/secrets';

/** SCNet container IDs are 32-character hex strings; this is the wider shape we let through. */
export const CONTAINER_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

const SEPARATORS = /[\s,]+/;
/** Room for two 32-character IDs pasted into one list element, with their separator. */
const SHOWN_MAX = 80;

export type IdEntry =
	| { valid: true; id: string }
	/** `value` is the offending text (secrets masked), or null when it was not text at all. */
	| { valid: false; value: string | null; shown: string; reason: string };

/**
 * Reads the 'Container IDs' value of one item: a text with one or more IDs separated by commas,
 * whitespace or new lines, a number, or (through an expression) a list of those.
 *
 * Only a plain text is split. An element of a list is exactly one ID, trimmed and checked whole:
 * the operations that read IDs delete and stop containers, so `"not a valid id!"` in a list must
 * be reported as it is, never sent as the three IDs `not`, `a` and `valid`.
 * Empty entries of a text are dropped; everything else comes back as a valid ID or as an invalid
 * entry in input order, so that each one can be reported. `secrets` are masked in what is shown.
 */
export function parseContainerIds(value: unknown, secrets: readonly string[] = []): IdEntry[] {
	const entries: IdEntry[] = [];
	const visit = (part: unknown, inList: boolean): void => {
		if (Array.isArray(part)) {
			for (const element of part) visit(element, true);
		} else if (typeof part === 'string' && inList) {
			const id = part.trim();
			entries.push(id === '' ? emptyListEntry(JSON.stringify(part)) : checkId(id, secrets));
		} else if (typeof part === 'string') {
			for (const token of part.split(SEPARATORS)) {
				if (token !== '') entries.push(checkId(token, secrets));
			}
		} else if (typeof part === 'number' && Number.isSafeInteger(part) && part >= 0) {
			entries.push(checkId(String(part), secrets));
		} else if (part !== undefined && part !== null) {
			const shown = typeof part === 'object' ? 'an object' : String(part);
			entries.push({ valid: false, value: null, shown, reason: 'a container ID must be text' });
		} else if (inList) {
			// A hole in a list is an ID the user meant and lost; at top level it just means "no ID".
			entries.push(emptyListEntry(String(part)));
		}
	};
	visit(value, false);
	return entries;
}

function emptyListEntry(shown: string): IdEntry {
	return { valid: false, value: null, shown, reason: 'the list has an empty entry' };
}

function checkId(candidate: string, secrets: readonly string[]): IdEntry {
	if (CONTAINER_ID_PATTERN.test(candidate)) return { valid: true, id: candidate };
	const reason =
		candidate.length > 128
			? 'it is longer than 128 characters'
			: "only letters, digits, '-' and '_' are allowed";
	const value = conceal(candidate, secrets);
	return { valid: false, value, shown: quote(value), reason };
}

const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The value as a one-line quote: line breaks and tabs escaped, long values cut short. */
function quote(text: string): string {
	const short = text.length > SHOWN_MAX ? `${text.slice(0, SHOWN_MAX - 1)}…` : text;
	return `'${short.replace(/[\n\r\t]/g, (character) => ESCAPES[character])}'`;
}
