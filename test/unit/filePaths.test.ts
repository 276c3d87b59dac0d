import { readAbsolutePath, readFileName, readListablePath, splitPaths } from '../../nodes/shared/files/paths';
import { chunksOf } from '../../nodes/shared/files/upload';

describe('file paths', () => {
	it.each([
		['/public/home/u/a.csv', '/public/home/u/a.csv'],
		['  /public//home/u/dir/ ', '/public/home/u/dir'],
		['/a/b c/d', '/a/b c/d'],
	])('reads %p as %p', (given, path) => expect(readAbsolutePath(given)).toEqual({ ok: true, path }));

	it.each([
		['', /empty/],
		['relative/a.csv', /not absolute/],
		['/a/../b', /'\.' or '\.\.'/],
		['/a/./b', /'\.' or '\.\.'/],
		['/a\nb', /control character/],
		[42, /not absolute/],
		[null, /not a text/],
		['/', /root/],
	])('refuses %p', (given, problem) => {
		const reading = readAbsolutePath(given);
		expect(reading.ok).toBe(false);
		expect(!reading.ok && reading.problem).toMatch(problem);
	});

	it('takes the root only where it is allowed (a folder to list or move into)', () => {
		expect(readAbsolutePath('/', { root: true })).toEqual({ ok: true, path: '/' });
	});

	it('refuses a comma in a path sent in a comma-separated list', () => {
		expect(readListablePath('/a/b,c')).toMatchObject({ ok: false, problem: expect.stringMatching(/comma/) });
		expect(readListablePath('/a/b')).toEqual({ ok: true, path: '/a/b' });
	});

	it('splits paths at line breaks only, never at commas', () => {
		expect(splitPaths('/a\r\n/b\n\n /c ')).toEqual(['/a', '/b', '/c']);
		expect(splitPaths('/a,/b')).toEqual(['/a,/b']);
		expect(splitPaths(['/a', '/b'])).toEqual(['/a', '/b']);
	});

	it.each([['a/b'], ['..'], [''], ['a\tb']])('refuses the file name %p', (name) => expect(readFileName(name).ok).toBe(false));
});

describe('chunksOf', () => {
	const collect = async (pieces: Buffer[], size: number) => {
		const out: Buffer[] = [];
		for await (const chunk of chunksOf(pieces, size)) out.push(chunk);
		return out;
	};

	it('cuts pieces of any size into chunks of exactly the size, the last one shorter', async () => {
		const bytes = Buffer.from(Array.from({ length: 23 }, (_, n) => n));
		const chunks = await collect([bytes.subarray(0, 3), bytes.subarray(3, 17), bytes.subarray(17)], 5);
		expect(chunks.map((chunk) => chunk.length)).toEqual([5, 5, 5, 5, 3]);
		expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
	});

	it('yields nothing for nothing, and one chunk for an exact fit', async () => {
		expect(await collect([], 4)).toEqual([]);
		expect((await collect([Buffer.alloc(8)], 4)).map((chunk) => chunk.length)).toEqual([4, 4]);
	});
});
