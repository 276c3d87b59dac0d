import { simplifiedContainer } from '../../nodes/shared/containers/containerView';
import { countOf, isoTime, memoryGbOf } from '../../nodes/shared/helpers/simplified';
import { simplifiedJob } from '../../nodes/shared/jobs/jobView';
import { simplifiedNotebook } from '../../nodes/shared/notebooks/notebookView';

describe('the readers of simplified items', () => {
	it.each([
		[3, 3],
		['15核', 15],
		['3 cores', 3],
		['1', 1],
		[1.5, null],
		['1.5', null],
		[-1, null],
		['', null],
		[null, null],
		[undefined, null],
	])('reads the count %p as %p', (value, count) => {
		expect(countOf(value)).toBe(count);
	});

	it.each([
		[15360, 15],
		['15360', 15],
		['120GB', 120],
		['15.0G', 15],
		['512 MiB', 0.5],
		['1TB', 1024],
		[1000, 0.98],
		['lots', null],
		[null, null],
	])('reads the memory %p as %p GB', (value, gb) => {
		expect(memoryGbOf(value)).toBe(gb);
	});

	it('writes times as ISO 8601 in UTC, from China time or a time with its zone; null for anything else', () => {
		expect(isoTime('2026-12-02 10:00:00', 'Asia/Shanghai')).toBe('2026-12-02T02:00:00.000Z');
		expect(isoTime('2026-12-02T10:00:00+01:00', 'Asia/Shanghai')).toBe('2026-12-02T09:00:00.000Z');
		expect(isoTime('--', 'Asia/Shanghai')).toBeNull();
		expect(isoTime(null, 'Asia/Shanghai')).toBeNull();
	});

	it('gives every kind the same keys whatever SCNet leaves out', () => {
		expect(simplifiedContainer({ id: 'a' }, 'UTC')).toEqual({
			id: 'a',
			name: null,
			status: null,
			taskType: null,
			createdAt: null,
			startedAt: null,
			endedAt: null,
			cpuCount: null,
			memoryGb: null,
			acceleratorType: null,
			acceleratorCount: null,
		});
		expect(Object.keys(simplifiedJob({}))).toHaveLength(11);
		expect(Object.keys(simplifiedNotebook({}, 'UTC'))).toHaveLength(10);
	});

	it('leaves out what carries a secret: access URLs and passwords', () => {
		const container = simplifiedContainer(
			{ id: 'a', containerPortInfoList: [{ accessUrl: 'http://h/?token=t' }], url: 'http://h/?token=t', startScriptContent: 'export KEY=k' },
			'UTC',
		);
		const notebook = simplifiedNotebook({ id: 'n', sshPassword: 'p', url: 'https://h/lab?token=t', jupyterUrl: 'https://h/?token=t' }, 'UTC');
		expect(JSON.stringify([container, notebook])).not.toMatch(/token|http|KEY|"p"/);
	});
});
