import { NodeOperationError, type INode } from 'n8n-workflow';

/*
 * The strict readers. Every value that decides what gets deleted, stopped, restarted, created or
 * run is read by one of these, in every operation and in the trigger. Expressions and AI agents
 * hand over strings, so the strings a person means are read ('true', '25', 'Failed,Completed');
 * anything else — nothing, an empty text, NaN, a word for a number — stops the run before any
 * request, naming the parameter and the value. Never a quiet "off", "0" or "any".
 */

/** Where a value came from, for the error that refuses it. */
export interface Origin {
	node: INode;
	/** The parameter's label as the editor shows it, e.g. 'Max Deletions'. */
	label: string;
	itemIndex?: number;
}

/** The value as an error message shows it: quoted, on one line, cut short. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing (the expression gave no value)';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		if (value.trim() === '') return 'an empty text';
		const short = value.length > 60 ? `${value.slice(0, 59)}…` : value;
		return `'${short.replace(/[\n\r\t]/g, ' ')}'`;
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	const json = JSON.stringify(value) ?? String(value);
	return json.length > 60 ? `${json.slice(0, 59)}…` : json;
}

/** The error that refuses a value: what the parameter must be, and what it was. */
export function refusal({ node, label, itemIndex }: Origin, mustBe: string, value: unknown, description?: string): NodeOperationError {
	return new NodeOperationError(node, `'${label}' must be ${mustBe}, not ${describeValue(value)}`, {
		itemIndex,
		description: description ?? 'Nothing was sent to SCNet. Check the value, or the expression that gives it.',
	});
}

/** true / false, or the texts 'true' / 'false' in any case. */
export function readBoolean(origin: Origin, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const word = value.trim().toLowerCase();
		if (word === 'true') return true;
		if (word === 'false') return false;
	}
	throw refusal(origin, 'true or false', value);
}

/** The number a text of digits (`whole`) or a decimal stands for; any other value as it is, for the caller to refuse. */
export function numeric(value: unknown, { whole }: { whole: boolean }): unknown {
	const shape = whole ? /^\s*\d+\s*$/ : /^\s*\d+(?:\.\d+)?\s*$/;
	return typeof value === 'string' && shape.test(value) ? Number(value) : value;
}

/** A number, or a text of one (e.g. '1.5'), within bounds. */
export function readNumber(origin: Origin, value: unknown, { min, max = Number.MAX_SAFE_INTEGER }: { min: number; max?: number }): number {
	const number = numeric(value, { whole: false });
	if (typeof number !== 'number' || !Number.isFinite(number) || number < min || number > max) throw refusal(origin, `a number from ${min} to ${max}`, value);
	return number;
}

/** A whole number, or a text of digits, within bounds. */
export function readWholeNumber(origin: Origin, value: unknown, { min, max }: { min: number; max: number }): number {
	const number = numeric(value, { whole: true });
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) throw refusal(origin, `a whole number from ${min} to ${max}`, value);
	return number;
}

/**
 * The values of a multi-select: a list, a text of comma-separated values (what an expression or an
 * AI agent gives), or the text of a JSON list (`["Failed","Completed"]`, what a model may send for
 * a list). Each must be one of `allowed`, in any case ('failed' is Failed); `required` refuses an
 * empty selection.
 */
export function readChoices(origin: Origin, value: unknown, allowed: readonly string[], { required }: { required: boolean }): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? (jsonList(value) ?? value.split(',')) : undefined;
	const oneOf = `${required ? 'one or more' : 'none or some'} of ${allowed.join(', ')}`;
	if (!parts) throw refusal(origin, oneOf, value);
	const chosen = parts.map((part) => (typeof part === 'string' ? part.trim() : part)).filter((part) => part !== '');
	const known = chosen.map((part) => (typeof part === 'string' ? allowedSpelling(part, allowed) : undefined));
	const unknown = chosen.find((_, index) => known[index] === undefined);
	if (unknown !== undefined) throw refusal(origin, oneOf, unknown);
	if (required && chosen.length === 0) throw refusal(origin, oneOf, value, 'An empty selection would mean any value. Choose at least one.');
	return [...new Set(known as string[])];
}

/** The list a text of a JSON list stands for; undefined for any other text. */
function jsonList(text: string): unknown[] | undefined {
	if (!text.trim().startsWith('[')) return undefined;
	try {
		const parsed: unknown = JSON.parse(text);
		return Array.isArray(parsed) ? parsed : undefined;
	} catch {
		return undefined;
	}
}

/** The allowed value a text names, exactly or but for case (never two values that differ only by case). */
export function allowedSpelling(text: string, allowed: readonly string[]): string | undefined {
	if (allowed.includes(text)) return text;
	const matches = allowed.filter((value) => value.toLowerCase() === text.toLowerCase());
	return matches.length === 1 ? matches[0] : undefined;
}
