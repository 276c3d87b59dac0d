import { byPageNumber, readAll, type PageResult } from '../../nodes/shared/listing';

/** A list SCNet pages by number: `page` from 1, pages of `size` (at most `cap`), with a total unless told otherwise. */
function numberedList(count: number, { cap = Infinity, total = true, ignoresPage = false }: { cap?: number; total?: boolean; ignoresPage?: boolean } = {}) {
	const asked: Array<[number, number]> = [];
	const entries = Array.from({ length: count }, (_, n) => ({ id: `n${n}` }));
	const fetch = async (page: number, size: number): Promise<PageResult> => {
		asked.push([page, size]);
		const shown = Math.min(size, cap);
		const from = ignoresPage ? 0 : (page - 1) * shown;
		return { ok: true, page: { entries: entries.slice(from, from + shown), total: total ? count : undefined, withoutId: 0 } };
	};
	return { fetch, asked, ids: entries.map((entry) => entry.id) };
}

const readIds = async (list: ReturnType<typeof numberedList>, pageSize: number) => {
	const read = await readAll(byPageNumber(list.fetch, 'notebook'), { noun: 'notebook', pageSize });
	return read.ok ? read.entries.map((entry) => entry.id) : read.failure.message;
};

describe('byPageNumber: readAll over a list paged by number', () => {
	it.each([
		['one page', 30, {}, 50],
		['pages of the size asked', 230, {}, 50],
		['pages SCNet caps', 230, { cap: 20 }, 50],
		['capped pages without a total', 97, { cap: 20, total: false }, 50],
	])('reads every entry once: %s', async (_, count, options, pageSize) => {
		const list = numberedList(count, options);

		expect(await readIds(list, pageSize)).toEqual(list.ids);
	});

	it('asks one page per window, each a whole page that starts at (or just before) where the window does', async () => {
		const list = numberedList(230);
		await readIds(list, 50);

		// readAll's windows start at 0, 48, 94, 138, 182 and 226 (two before the last one ended): pages [0, 50), [48, 96), [94, 141), [138, 184), [180, 225), [220, 264), the first entries of the last two dropped.
		expect(list.asked).toEqual([
			[1, 50],
			[2, 48],
			[3, 47],
			[4, 46],
			[5, 45],
			[6, 44],
		]);
	});

	it("fails when SCNet ignores 'page'", async () => {
		expect(await readIds(numberedList(120, { ignoresPage: true }), 50)).toMatch(/SCNet seems to ignore 'page'/);
	});
});
