import type { IExecuteFunctions } from 'n8n-workflow';

/*
 * n8n's "Retry On Fail" runs the whole node again when it throws, or when its first output item
 * carries an `error`: every item, including the ones an earlier try already created, restarted or
 * ran a script for. Those tries run in the same process with the same execute-data object and the
 * same input items (n8n's WorkflowExecute keeps both for all tries of one run of the node), so what
 * a try did is remembered against that pair — weakly, so it goes with the run. A later run of the
 * node (a loop) has other execute data; each call of the node as an AI tool has other input items:
 * neither sees this run's memory.
 */
type Memory = Map<string, Map<string | number, unknown>>;
const memories = new WeakMap<object, WeakMap<object, Memory>>();

/** What earlier tries of this run of the node recorded under `name` (empty on the first try). */
export function earlierTries<T>(context: IExecuteFunctions, name: string): Map<string | number, T> {
	const run = context.getExecuteData?.() as object | undefined;
	const [firstItem] = context.getInputData();
	// Without both there is nothing that ties one try to the next.
	if (!run || !firstItem) return new Map();
	let byItems = memories.get(run);
	if (!byItems) memories.set(run, (byItems = new WeakMap()));
	let memory = byItems.get(firstItem);
	if (!memory) byItems.set(firstItem, (memory = new Map()));
	let entries = memory.get(name);
	if (!entries) memory.set(name, (entries = new Map()));
	return entries as Map<string | number, T>;
}
