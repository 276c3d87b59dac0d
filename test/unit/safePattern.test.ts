import { backtrackingRisk } from '../../nodes/shared/helpers/safePattern';

describe('backtrackingRisk', () => {
	it.each([
		'(a+)+$',
		'(a*)*',
		'(a+)*b',
		'(\\w+\\s?)*$',
		'([a-z]+)*',
		'(.*a){10}',
		'(a|a)*',
		'(a|ab)+c',
		'(?:a+)+',
		'(?<x>a+)+',
		'((a)+)+',
		'(a?)+',
		'(a{1,3})+',
		'((a)\\2)+',
		'(x+x+)+y',
	])('refuses %s', (source) => {
		expect(() => new RegExp(source)).not.toThrow();
		expect(backtrackingRisk(source)).toEqual(expect.any(String));
	});

	it.each([
		'^ci-[0-9]+$',
		'prod|keep',
		'(prod|keep)-\\d+',
		'[+*]+',
		'\\(a+\\)+',
		'(?:ab)+',
		'(a+)?',
		'(ab){1}',
		'[(a+)]+',
		'^training-\\d{2,4}$',
		'a{',
		'(a){0,1}',
		'(?:prod)|(?:keep-[0-9]+)',
		'[\\]+]+',
		'(a)\\1+',
	])('accepts %s', (source) => {
		expect(() => new RegExp(source)).not.toThrow();
		expect(backtrackingRisk(source)).toBeUndefined();
	});

	it.each([
		['(a+)+$', "the group '(a+)' repeats and holds a repetition itself"],
		['^x-((a)+)+$', "the group '((a)+)' repeats and holds a repetition itself"],
		['(a|ab)+c', "the group '(a|ab)' repeats and holds alternatives"],
		['(?<x>a|b){2,}', "the group '(?<x>a|b)' repeats and holds alternatives"],
		['((a)\\2)+', "the group '((a)\\2)' repeats and holds a backreference"],
	])('names the offending group of %s', (source, reason) => {
		expect(backtrackingRisk(source)).toBe(reason);
	});
});
