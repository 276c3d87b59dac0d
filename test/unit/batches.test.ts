import { planBatches } from '../../nodes/shared/helpers/batches';
import { MAX_URL_LENGTH, planRequests, SERVICE_URL_RESERVE } from '../../nodes/Scnet/actions/common/batchedIds';
import { queryString } from '../../nodes/shared/transport/bodies';
import { CONTAINER } from '../../nodes/shared/transport/endpoints';

const DELETE_PATH = CONTAINER.tasks;
const deleteQuery = (ids: string[]) => queryString({ ids });
const planDeleteRequests = (ids: string[], batchSize: number) => planRequests(DELETE_PATH, ids, batchSize);

describe('planBatches', () => {
	const unit = () => 1;

	it('splits by count', () => {
		expect(planBatches([1, 2, 3, 4, 5], 2, unit, 100)).toEqual([[1, 2], [3, 4], [5]]);
	});

	it('splits by cost', () => {
		expect(planBatches([3, 3, 3, 1], 10, (n) => n, 6)).toEqual([[3, 3], [3, 1]]);
	});

	it('gives an item over budget a batch of its own rather than dropping it', () => {
		expect(planBatches([1, 9, 1], 10, (n) => n, 5)).toEqual([[1], [9], [1]]);
	});

	it('plans nothing for nothing', () => {
		expect(planBatches([], 5, unit, 5)).toEqual([]);
	});
});

describe('delete requests', () => {
	// The longest container service URL the plan leaves room for.
	const base = `https://${'a'.repeat(SERVICE_URL_RESERVE - 8)}`;

	it('repeat the ids parameter', () => {
		expect(deleteQuery(['a', 'b'])).toBe('?ids=a&ids=b');
	});

	it('keep every URL under the limit and every ID in order', () => {
		const ids = Array.from({ length: 500 }, (_, n) => `${n}`.padStart(128, 'f'));
		const batches = planDeleteRequests(ids, 1000);
		expect(batches.flat()).toEqual(ids);
		for (const batch of batches) {
			expect(`${base}${DELETE_PATH}${deleteQuery(batch)}`.length).toBeLessThan(MAX_URL_LENGTH);
		}
		// Each full batch is as large as the limit allows: one more ID would cross it.
		const [first, second] = batches;
		expect(`${base}${DELETE_PATH}${deleteQuery([...first, second[0]])}`.length).toBeGreaterThanOrEqual(MAX_URL_LENGTH);
	});

	it('respect the batch size', () => {
		const ids = Array.from({ length: 7 }, (_, n) => `id${n}`);
		expect(planDeleteRequests(ids, 3).map((b) => b.length)).toEqual([3, 3, 1]);
	});
});
