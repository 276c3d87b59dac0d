import { parseContainerIds, type IdEntry } from '../../nodes/Scnet/actions/common/containerIds';

const ids = (entries: IdEntry[]) => entries.map((e) => (e.valid ? e.id : `!${e.shown}`));

describe('parseContainerIds', () => {
	it.each([
		['one ID', 'abc123', ['abc123']],
		['commas', 'a,b,c', ['a', 'b', 'c']],
		['commas and spaces', ' a , b ,c ', ['a', 'b', 'c']],
		['new lines and tabs', 'a\nb\r\n\tc', ['a', 'b', 'c']],
		['empty entries dropped', ',,a,, ,\n,b,', ['a', 'b']],
		['an array', ['a', 'b'], ['a', 'b']],
		['list elements, trimmed', [' a ', '\tb\n'], ['a', 'b']],
		['nested arrays', [['a'], [['b']]], ['a', 'b']],
		['a whole number', 12345, ['12345']],
		['dashes and underscores', 'a-b_C-9', ['a-b_C-9']],
		['the longest ID', 'x'.repeat(128), ['x'.repeat(128)]],
	])('reads %s', (_, value, expected) => {
		expect(ids(parseContainerIds(value))).toEqual(expected);
	});

	it.each([
		['an empty string', ''],
		['blanks only', ' \n , '],
		['undefined', undefined],
		['null', null],
		['an empty array', []],
	])('yields nothing for %s', (_, value) => {
		expect(parseContainerIds(value)).toEqual([]);
	});

	it.each([
		['a smuggled parameter', 'a&ids=b', "only letters, digits, '-' and '_' are allowed"],
		['an equals sign', 'a=b', "only letters, digits, '-' and '_' are allowed"],
		['a hash', 'a#b', "only letters, digits, '-' and '_' are allowed"],
		['unicode', 'контейнер', "only letters, digits, '-' and '_' are allowed"],
		['a full-width comma', 'a，b', "only letters, digits, '-' and '_' are allowed"],
		['a path', '../task', "only letters, digits, '-' and '_' are allowed"],
		['a percent escape', 'a%26b', "only letters, digits, '-' and '_' are allowed"],
		['an overlong ID', 'x'.repeat(129), 'it is longer than 128 characters'],
		['an object', { id: 'a' }, 'a container ID must be text'],
		['a boolean', true, 'a container ID must be text'],
		['a fraction', 1.5, 'a container ID must be text'],
		['a negative number', -1, 'a container ID must be text'],
	])('rejects %s', (_, value, reason) => {
		const [entry] = parseContainerIds(value);
		expect(entry).toMatchObject({ valid: false, reason });
	});

	it.each([
		['a space', 'not a valid id!', "'not a valid id!'"],
		['a comma', 'a,b', "'a,b'"],
		['a comma and a space', 'a, b', "'a, b'"],
		['a new line', 'a\nb', "'a\\nb'"],
		['a tab', 'a\tb', "'a\\tb'"],
	])('takes a list element with %s inside as one invalid ID, never as several', (_, element, shown) => {
		const entries = parseContainerIds(['0123abcd', element, '4567ef']);

		expect(ids(entries)).toEqual(['0123abcd', `!${shown}`, '4567ef']);
		expect(entries[1]).toMatchObject({ valid: false, value: element, reason: "only letters, digits, '-' and '_' are allowed" });
	});

	it('splits list elements in no nested list either', () => {
		expect(ids(parseContainerIds([['a b'], [['c']]]))).toEqual(["!'a b'", 'c']);
	});

	it.each([
		['an empty string', ''],
		['blanks', ' \n '],
	])('reports %s inside a list as an empty entry', (_, element) => {
		const [, entry] = parseContainerIds(['a', element]);

		expect(entry).toMatchObject({ valid: false, value: null, reason: 'the list has an empty entry' });
	});

	it('still splits a plain text on commas, spaces and new lines', () => {
		expect(ids(parseContainerIds('a, b c\nd'))).toEqual(['a', 'b', 'c', 'd']);
	});

	it('keeps valid and invalid entries in input order', () => {
		expect(ids(parseContainerIds(['a', 'b&c', null, 'd']))).toEqual(['a', "!'b&c'", '!null', 'd']);
	});

	it('shows objects without their content and truncates long values', () => {
		const [object] = parseContainerIds({ secret: 'x' });
		expect(object).toMatchObject({ shown: 'an object', value: null });
		const [long] = parseContainerIds('y'.repeat(300));
		expect(long.valid === false && long.shown.length).toBe(82);
	});

	it('masks secrets before showing a value', () => {
		const token = 'eyJhbGciOiJIUzI1NiJ9.payload.signature';
		const [entry] = parseContainerIds(`prefix${token}`, [token]);
		expect(entry).toMatchObject({ valid: false, value: 'prefix[secret]', shown: "'prefix[secret]'" });
	});
});
