import type { IExecuteFunctions } from 'n8n-workflow';

/*
 * n8n's "Retry On Fail" runs the whole node again when it throws, or when its first output item
 * carries an `error`: every item, including the ones an earlier try already created, restarted or
 * ran a script for. Those tries run in the same process with the same execute-data object (n8n's
 * WorkflowExecute keeps it for all tries of one run of the node, and takes a new one for the next
 * run), so what a try did is remembered against that object — weakly, so it goes with the run.
 */
const memories = new WeakMap<object, Map<string, Map<string | number, unknown>>>();

/** What earlier tries of this run of the node recorded under `name` (empty on the first try). */
export function earlierTries<T>(context: IExecuteFunctions, name: string): Map<string | number, T> {
	const run = context.getExecuteData?.() as object | undefined;
	// Without execute data (no engine run) there is nothing to share between tries.
	if (!run) return new Map();
	let memory = memories.get(run);
	if (!memory) memories.set(run, (memory = new Map()));
	let entries = memory.get(name);
	if (!entries) memory.set(name, (entries = new Map()));
	return entries as Map<string | number, T>;
}
