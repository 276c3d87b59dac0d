import { TASK_TYPES } from '../../../shared/containers/taskTypes';
import type { Choice } from '../../../shared/parameters/picks';

/*
 * The fixed enumerations of the node's fields, in one place: the dropdowns of versions 1 and 2
 * and the static lists of version 3's pickers (methods/listSearch.ts) show the same values, and
 * the one reader (readPick) accepts exactly these.
 */

/** Container Create's 'Accelerator Type' (SCNet's acceleratorType). */
export const CONTAINER_ACCELERATOR_CHOICES: readonly Choice[] = [
	{ name: 'CPU Only', value: 'cpu' },
	{ name: 'DCU', value: 'dcu' },
	{ name: 'GPU', value: 'gpu' },
	{ name: 'MLU', value: 'mlu' },
];

/** Notebook Create's 'Accelerator Type' (SCNet writes it upper-case for notebooks). */
export const NOTEBOOK_ACCELERATOR_CHOICES: readonly Choice[] = ['DCU', 'GPU', 'MLU'].map((type) => ({ name: type, value: type }));

/** Container Create's 'Service Type' (SCNet's taskType). */
export const SERVICE_TYPE_CHOICES: readonly Choice[] = TASK_TYPES.map(({ name, value }) => ({ name, value: String(value) }));

/** Job Get Many's 'Source': which of SCNet's two job lists to read. */
export const JOB_SOURCE_CHOICES: readonly Choice[] = [
	{ name: 'Active', value: 'active', description: 'The realtime list: queued and running jobs, and those that finished in the last minutes' },
	{ name: 'Finished', value: 'finished', description: "History: jobs that finished between 'Finished After' and 'Finished Before'" },
	{ name: 'Both', value: 'both', description: 'Both lists, each job once' },
];

/** Job Get Output's 'Stream'. */
export const OUTPUT_STREAM_CHOICES: readonly Choice[] = [
	{ name: 'Stdout', value: 'stdout', description: "The job's output file" },
	{ name: 'Stderr', value: 'stderr', description: "The job's error output file" },
];

/** File Get Many's filter 'Type'. */
export const FILE_TYPE_CHOICES: readonly Choice[] = [
	{ name: 'Files and Folders', value: 'both' },
	{ name: 'Files', value: 'files' },
	{ name: 'Folders', value: 'folders' },
];
