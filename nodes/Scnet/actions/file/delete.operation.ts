import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { settlePaths, type PathOutcome } from '../../../shared/files/pathBatches';
import { readListablePath, splitPaths } from '../../../shared/files/paths';
import { optionsCollection, readOptions, readWholeNumbers, REQUEST_NUMBERS, requestOptions, wholeNumberOption, type WholeNumber } from '../../../shared/parameters/options';
import { readBoolean } from '../../../shared/parameters/readers';
import { apiFailure, fileSubject, inputProblem, outputItem, stopError, succeeded, type ItemResult } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import { EFILE } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { earlierTries } from '../common/earlierTries';
import { pathsField } from './fields';
import { continuesOnFail } from '../../../shared/onError';

export const option: OperationOption = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete files (and folders, with Recursive) permanently, batching the paths of all input items',
	action: 'Delete files',
	toolDescription:
		'Delete files or folders on SCNet\'s file system permanently, by absolute path (folders only with Recursive). Returns one item per path with deleted true/false (alreadyGone for a path that was not there) or an error object.',
};

const PATHS_PER_REQUEST: WholeNumber = { label: 'Paths per Request', min: 1, max: 100, default: 50 };

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['file'], operation: ['delete'] } }, [
	pathsField('e.g. /public/home/<cluster user>/runs/old.log', 'Absolute paths of the files or folders to delete permanently'),
	{
		displayName: 'Recursive',
		name: 'recursive',
		type: 'boolean',
		default: false,
		description: 'Whether to delete folders with everything in them. Off: only files and empty folders are deleted.',
	},
	optionsCollection([wholeNumberOption('pathsPerRequest', PATHS_PER_REQUEST, 'Maximum number of paths sent in one delete request'), ...requestOptions]),
]);

/** One path an item gave: read, or refused (the item's failure). */
type Entry = { recursive: boolean; path: string } | { recursive: boolean; result: Extract<ItemResult, { ok: false }> };

/** A path given again by a later try that an earlier one sent: SCNet's 911020 then means this run deleted it. */
const GONE = (path: string): ItemResult =>
	succeeded({ path, deleted: true, alreadyGone: true, code: '0', message: 'Already gone: an earlier attempt of this run deleted it (SCNet answered 911020, it does not exist)' });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const options = readOptions(this);
	const numbers = readWholeNumbers(this, options, { pathsPerRequest: PATHS_PER_REQUEST, ...REQUEST_NUMBERS });
	const stopOnError = !continuesOnFail(this);
	const items = this.getInputData();

	// Every path of every item is read before anything is sent: one that cannot be read stops the run ("On Error: Stop").
	const perItem = items.map((_, itemIndex): Entry[] => {
		const recursive = readBoolean({ node, label: 'Recursive', itemIndex }, this.getNodeParameter('recursive', itemIndex));
		const given = splitPaths(this.getNodeParameter('paths', itemIndex, ''));
		if (given.length === 0) return [{ recursive, result: inputProblem({ path: null, deleted: false }, "'Paths' is empty", itemIndex) }];
		return given.map((value) => {
			const reading = readListablePath(value);
			return reading.ok ? { recursive, path: reading.path } : { recursive, result: inputProblem({ path: null, deleted: false }, `'Paths' entry ${reading.problem}`, itemIndex) };
		});
	});
	const firstBad = perItem.flat().find((entry): entry is Extract<Entry, { result: unknown }> => 'result' in entry);
	if (stopOnError && firstBad) throw new NodeOperationError(node, firstBad.result.headline, { description: 'Nothing was deleted or sent to SCNet.' });

	const client = await ScnetClient.connect(this);
	const sentBefore = earlierTries<true>(this, 'file-delete:sent');
	const triedBefore = new Set(sentBefore.keys());
	const outcomes = new Map<string, PathOutcome>();
	const resent = new Set<string>();
	for (const recursive of [false, true]) {
		const paths = [...new Set(perItem.flat().flatMap((entry) => ('path' in entry && entry.recursive === recursive ? [entry.path] : [])))];
		const settled = await settlePaths(
			paths,
			async (batch) => {
				for (const path of batch) sentBefore.set(`${recursive}:${path}`, true);
				const answer = await client.request('efile', 'POST', EFILE.remove, { qs: { paths: batch.join(','), recursive } }, numbers);
				if (!answer.ok && answer.failure.resent) for (const path of batch) resent.add(path);
				return answer;
			},
			{ batchSize: numbers.pathsPerRequest, stopAtFirstFailure: stopOnError },
		);
		for (const [path, outcome] of settled) outcomes.set(`${recursive}:${path}`, outcome);
	}

	const resultOf = (path: string, recursive: boolean, itemIndex: number): ItemResult => {
		const outcome = outcomes.get(`${recursive}:${path}`) as PathOutcome;
		if (outcome.ok) return succeeded({ path, deleted: true, code: '0', message: outcome.message || 'Deleted' });
		// Deletes may be sent again; one that finds its path gone after an attempt that may have done it did its work.
		if (outcome.failure.code === '911020' && (resent.has(path) || triedBefore.has(`${recursive}:${path}`))) return GONE(path);
		return { ...apiFailure(fileSubject(path), outcome.failure, itemIndex, { deleted: false }), sent: outcome.sent };
	};
	const output: INodeExecutionData[] = [];
	perItem.forEach((entries, itemIndex) => {
		for (const entry of entries) {
			const result = 'result' in entry ? entry.result : resultOf(entry.path, entry.recursive, itemIndex);
			if (!result.ok && stopOnError && result.failure) throw stopError(this, fileSubject(String(result.json.path)), result.failure, itemIndex);
			output.push(outputItem(this, result, itemIndex));
		}
	});
	return output;
}
