/*
 * A static check for the regular expressions users type into the node. JavaScript's engine
 * backtracks, so a repeated group that can match the same text in many ways, such as `(a+)+$`,
 * tries exponentially many splits before failing and blocks the whole n8n process meanwhile.
 * The check is deliberately conservative: it refuses every repeated group that holds a repetition,
 * alternatives or a backreference, harmless ones included, because those are what such splits need.
 */

/** An open group: where it starts and what it holds so far, at any depth. */
interface Group {
	start: number;
	repetition: boolean;
	alternatives: boolean;
	backreference: boolean;
}

// A quantifier with its optional lazy `?`; `{` forms one only as `{n}`, `{n,}` or `{n,m}`, else it is a literal.
const QUANTIFIER = /(?:[*+?]|\{(\d+)(?:(,)(\d*))?\})\??/y;
// What may follow `(`: `?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>` and modifiers such as `?i:`.
const GROUP_PREFIX = /\?(?:<[=!]|<[^>]*>|[a-z-]*[:=!])/y;
// `\1`..`\9` (longer numbers start the same way) and `\k<name>`; taking every one for a backreference is the safe side.
const BACKREFERENCE = /\\(?:[1-9]|k<)/y;

function openGroup(start: number): Group {
	return { start, repetition: false, alternatives: false, backreference: false };
}

/** Whether the sticky `pattern` matches `source` exactly at `index`. */
function matchesAt(pattern: RegExp, source: string, index: number): RegExpExecArray | null {
	pattern.lastIndex = index;
	return pattern.exec(source);
}

/** The index just past the `]` closing the character class opened at `index`; its contents are literal. */
function classEnd(source: string, index: number): number {
	let end = index + 1;
	while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
	return end + 1;
}

/** Whether a quantifier lets its atom match more than once: `?`, `{0,1}`, `{1}` and `{0}` do not. */
function repeats(quantifier: RegExpExecArray): boolean {
	if (quantifier[1] === undefined) return quantifier[0][0] !== '?';
	const most = quantifier[2] ? quantifier[3] : quantifier[1];
	return most === '' || Number(most) > 1;
}

/** Why a repeated group could backtrack catastrophically, or undefined if what it holds cannot. */
function riskOf(group: Group, text: string): string | undefined {
	if (group.repetition) return `the group '${text}' repeats and holds a repetition itself`;
	if (group.alternatives) return `the group '${text}' repeats and holds alternatives`;
	if (group.backreference) return `the group '${text}' repeats and holds a backreference`;
	return undefined;
}

/** A group holds whatever the groups inside it hold. */
function absorb(parent: Group, child: Group): void {
	parent.repetition ||= child.repetition;
	parent.alternatives ||= child.alternatives;
	parent.backreference ||= child.backreference;
}

/**
 * Why `source` (which must compile with `new RegExp(source)`) could backtrack catastrophically, as a
 * sentence fragment naming the group to rewrite, or undefined for a pattern judged safe.
 */
export function backtrackingRisk(source: string): string | undefined {
	// The whole pattern sits in an outer group that never repeats, so there is always a group to mark.
	const groups: Group[] = [openGroup(-1)];
	let index = 0;
	while (index < source.length) {
		const char = source[index];
		if (char === '(') {
			groups.push(openGroup(index));
			index = matchesAt(GROUP_PREFIX, source, index + 1) ? GROUP_PREFIX.lastIndex : index + 1;
			continue;
		}
		if (char === '|') {
			groups[groups.length - 1].alternatives = true;
			index++;
			continue;
		}
		// Everything else is an atom that a quantifier may follow.
		let closed: Group | undefined;
		if (char === '\\') {
			if (matchesAt(BACKREFERENCE, source, index)) groups[groups.length - 1].backreference = true;
			index += 2;
		} else if (char === '[') {
			index = classEnd(source, index);
		} else {
			if (char === ')' && groups.length > 1) closed = groups.pop();
			index++;
		}
		const quantifier = matchesAt(QUANTIFIER, source, index);
		if (quantifier) index = QUANTIFIER.lastIndex;
		const parent = groups[groups.length - 1];
		if (closed) {
			const risk = quantifier && repeats(quantifier) ? riskOf(closed, source.slice(closed.start, index - quantifier[0].length)) : undefined;
			if (risk) return risk;
			absorb(parent, closed);
		}
		if (quantifier) parent.repetition = true;
	}
	return undefined;
}
