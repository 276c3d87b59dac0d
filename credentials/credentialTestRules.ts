import type { ICredentialTestRequest } from 'n8n-workflow';

import { SCNET_ERROR_CODES } from '../nodes/shared/transport/errorCodes';

type Rule = NonNullable<ICredentialTestRequest['rules']>[number];

/*
 * Why a generator: n8n's credential test can only say "fail with this message when the value at
 * this lodash path of the answer EQUALS this value" (the first matching rule wins). There is no
 * "not equal", so "passes only on code '0'" has to be spelt out as every other answer we can name:
 *
 * 1. no `code` at all: an HTML page (n8n hands the test the page as text, which has no `code`), an
 *    empty body, JSON of another service;
 * 2. every code SCNet documents, as text and as a number;
 * 3. any other text code, by its length (`code.length`): "0" is one character, so a text code of
 *    0 or 2..MAX_CODE_LENGTH characters is an error, and so is any one printable character but '0'.
 *
 * What it cannot catch: a number that is not a documented code (numbers have no length, and there
 * are too many to list), and a text code longer than MAX_CODE_LENGTH characters (or of one
 * character outside printable ASCII). Such an answer passes the test; the node still reports it on
 * its first request.
 */

/** The longest text code rule 3 recognises; SCNet's codes are 5 or 6 digits. */
export const MAX_CODE_LENGTH = 64;

export function bodyRule(key: string, value: unknown, message: string): Rule {
	return { type: 'responseSuccessBody', properties: { key, value, message } };
}

const NO_CODE =
	"The container service did not answer as SCNet does (no result code): an HTML page or another service is at that address. Check the credential's 'Container Service URL'.";

const UNKNOWN_CODE_REMEDY =
	'Check the account and the region in the SCNet console, or ask SCNet support what the code means.';

/** Rule 1: no result code. `null` too, as JSON may carry it. */
export const noCodeRules = (): Rule[] => [bodyRule('code', undefined, NO_CODE), bodyRule('code', null, NO_CODE)];

/**
 * Rule 2: the documented codes, with the table's English message, or with the plainer words
 * given in `ownWords` (codes the credential explains better for someone filling it in), followed
 * by the code.
 */
export function documentedCodeRules(ownWords: Readonly<Record<string, string>> = {}): Rule[] {
	return Object.entries(SCNET_ERROR_CODES).flatMap(([code, { message }]) => {
		const words = code in ownWords ? `${ownWords[code]} (SCNet answered ${code})` : `SCNet answered ${code}: ${message}`;
		const asNumber = Number(code);
		return String(asNumber) === code
			? [bodyRule('code', code, words), bodyRule('code', asNumber, words)]
			: [bodyRule('code', code, words)];
	});
}

/** Rule 3: any other text code. Must come after rule 2, whose messages are more precise. */
export function otherTextCodeRules(): Rule[] {
	const notZero = (what: string) =>
		`SCNet answered an error code, not "0": ${what}, not in the SCNet documentation. ${UNKNOWN_CODE_REMEDY}`;
	const byLength = [0, ...range(2, MAX_CODE_LENGTH)].map((length) =>
		bodyRule('code.length', length, notZero(length === 0 ? 'an empty code' : `a code of ${length} characters`)),
	);
	// One-character codes have the length of "0", so they are listed: the printable ASCII characters.
	const oneCharacter = range(0x20, 0x7e)
		.map((charCode) => String.fromCharCode(charCode))
		.filter((character) => character !== '0')
		.map((character) => bodyRule('code', character, notZero(`the code ${JSON.stringify(character)}`)));
	return [...byLength, ...oneCharacter];
}

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
