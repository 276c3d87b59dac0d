import { jsonPathOf, valueAt } from '../../nodes/shared/helpers/jsonPath';

describe('jsonPathOf', () => {
	it.each([
		['={{ $json.id }}', ['id']],
		['={{$json.id}}', ['id']],
		['  ={{ $json.body.ids }} ', ['body', 'ids']],
		['={{ $json.run.container_ids2 }}', ['run', 'container_ids2']],
	])('reads %j as a plain path', (parameter, path) => {
		expect(jsonPathOf(parameter)).toEqual(path);
	});

	it.each([
		'abc123',
		'={{ $json.ids.join(",") }}',
		'={{ $json["id"] }}',
		'={{ $json.id }} {{ $json.other }}',
		'={{ $("Webhook").item.json.id }}',
		'={{ $json.a || $json.b }}',
		'=prefix-{{ $json.id }}',
		undefined,
		42,
	])('leaves %j to n8n', (parameter) => {
		expect(jsonPathOf(parameter)).toBeUndefined();
	});
});

describe('valueAt', () => {
	const json = { id: 'a', run: { ids: ['b', 'c'] }, nothing: null };

	it('follows the path', () => {
		expect(valueAt(json, ['id'])).toBe('a');
		expect(valueAt(json, ['run', 'ids'])).toEqual(['b', 'c']);
	});

	it('gives undefined where the path leads nowhere', () => {
		expect(valueAt(json, ['missing'])).toBeUndefined();
		expect(valueAt(json, ['nothing', 'deeper'])).toBeUndefined();
		expect(valueAt(json, ['id', 'length'])).toBeUndefined();
		expect(valueAt(json, ['run', 'constructor'])).toBeUndefined();
	});
});
