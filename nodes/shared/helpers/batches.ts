/**
 * Splits `items` into consecutive batches of at most `maxCount` items whose summed `cost` stays
 * within `budget`. An item that alone exceeds the budget still gets a batch of its own: it cannot
 * be sent in fewer pieces, and dropping it would lose track of it.
 */
export function planBatches<T>(
	items: readonly T[],
	maxCount: number,
	cost: (item: T) => number,
	budget: number,
): T[][] {
	const batches: T[][] = [];
	let current: T[] = [];
	let spent = 0;
	for (const item of items) {
		const itemCost = cost(item);
		if (current.length > 0 && (current.length >= maxCount || spent + itemCost > budget)) {
			batches.push(current);
			current = [];
			spent = 0;
		}
		current.push(item);
		spent += itemCost;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}
