import type { INode } from 'n8n-workflow';

import { readBoolean, readChoices, readNumber, readWholeNumber } from '../../nodes/shared/parameters/readers';

const origin = { node: { name: 'SCNet' } as INode, label: 'Field' };
const refused = (read: () => unknown) => {
	try {
		read();
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('it was read');
};

describe('the strict readers', () => {
	it.each([
		[true, true],
		[false, false],
		['true', true],
		[' FALSE ', false],
		['True', true],
	])('reads %p as the boolean %p', (value, expected) => expect(readBoolean(origin, value)).toBe(expected));

	it.each([[undefined], [null], [''], ['yes'], [1], [0], ['on'], [[]]])('refuses %p for a boolean, never "off"', (value) => {
		expect(refused(() => readBoolean(origin, value))).toMatch(/^'Field' must be true or false, not /);
	});

	it.each([
		[5, 5],
		['5', 5],
		[' 12 ', 12],
	])('reads %p as the whole number %p', (value, expected) => expect(readWholeNumber(origin, value, { min: 1, max: 100 })).toBe(expected));

	it.each([[undefined], [''], ['ten'], [Number.NaN], [1.5], ['1.5'], [0], [101], ['-3'], [Infinity]])('refuses %p for a whole number', (value) => {
		expect(refused(() => readWholeNumber(origin, value, { min: 1, max: 100 }))).toMatch(/^'Field' must be a whole number from 1 to 100, not /);
	});

	it('reads decimals as numbers, and refuses NaN, text and out-of-range values', () => {
		expect(readNumber(origin, '1.5', { min: 0 })).toBe(1.5);
		expect(readNumber(origin, 0, { min: 0 })).toBe(0);
		for (const value of [Number.NaN, 'a day', '', undefined, -1]) expect(refused(() => readNumber(origin, value, { min: 0 }))).toMatch(/must be a number from 0/);
	});

	it('reads a multi-select from a list, a comma-separated text or a JSON list, each value known (in any case), once', () => {
		const allowed = ['Failed', 'Completed', 'Running'];
		expect(readChoices(origin, ['Failed', 'Completed'], allowed, { required: true })).toEqual(['Failed', 'Completed']);
		expect(readChoices(origin, ' Failed, Completed ,Failed', allowed, { required: true })).toEqual(['Failed', 'Completed']);
		expect(readChoices(origin, '', allowed, { required: false })).toEqual([]);
		expect(refused(() => readChoices(origin, '', allowed, { required: true }))).toBe("'Field' must be one or more of Failed, Completed, Running, not an empty text");
		expect(readChoices(origin, ['failed', 'RUNNING'], allowed, { required: false })).toEqual(['Failed', 'Running']);
		expect(readChoices(origin, '["Failed", "completed"]', allowed, { required: true })).toEqual(['Failed', 'Completed']);
		expect(refused(() => readChoices(origin, ['Failing'], allowed, { required: false }))).toBe("'Field' must be none or some of Failed, Completed, Running, not 'Failing'");
		expect(refused(() => readChoices(origin, '["Failed", 2]', allowed, { required: false }))).toMatch(/, not 2$/);
		expect(refused(() => readChoices(origin, ['ab'], ['Ab', 'aB'], { required: false }))).toMatch(/not 'ab'$/);
		expect(refused(() => readChoices(origin, undefined, allowed, { required: false }))).toMatch(/not nothing/);
		expect(refused(() => readChoices(origin, [1], allowed, { required: false }))).toMatch(/, not 1$/);
	});
});
