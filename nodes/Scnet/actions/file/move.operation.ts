import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { settlePaths } from '../../../shared/files/pathBatches';
import { baseName, joinPath, readListablePath, splitPaths } from '../../../shared/files/paths';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { readBoolean } from '../../../shared/parameters/readers';
import { apiFailure, fileSubject, inputProblem, succeeded, type ItemResult } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import { EFILE } from '../../../shared/transport/endpoints';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { pathsField, readPathParameter } from './fields';
import { continuesOnFail } from '../../../shared/onError';

export const option: OperationOption = {
	name: 'Move',
	value: 'move',
	description: 'Move files or folders into another folder',
	action: 'Move files',
	toolDescription:
		'Move files or folders on SCNet\'s file system into another folder, by absolute paths. Returns one item per path with moved true/false or an error object; nothing is overwritten unless Overwrite is on.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['file'], operation: ['move'] } }, [
	pathsField('e.g. /public/home/<cluster user>/inbox/data.csv', 'Absolute paths of the files or folders to move'),
	{
		displayName: 'Target Folder',
		name: 'targetFolder',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /public/home/<cluster user>/archive',
		description: 'Absolute path of the folder to move them into (it must exist)',
	},
	{
		displayName: 'Overwrite',
		name: 'overwrite',
		type: 'boolean',
		default: false,
		description: 'Whether to replace what has the same name in the target folder. Off: such a path fails with code 911021 and nothing is replaced.',
	},
	optionsCollection(requestOptions),
]);

/**
 * One path per request. SCNet takes a list, but a list it refuses (911020: one path is missing)
 * may have been moved in part — whether its move is all or nothing is not documented — and
 * sending the rest again would report paths it moved as missing.
 */
const PATHS_PER_REQUEST = 1;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const client = await ScnetClient.connect(this);
	const stopOnError = !continuesOnFail(this);
	return runPerItem(
		this,
		async (itemIndex): Promise<ItemResult | ItemResult[]> => {
			const settings = readRequestSettings(this, readOptions(this, itemIndex));
			const overwrite = readBoolean({ node, label: 'Overwrite', itemIndex }, this.getNodeParameter('overwrite', itemIndex));
			const target = readPathParameter(this.getNodeParameter('targetFolder', itemIndex, ''), 'Target Folder', { root: true });
			if (!target.ok) return inputProblem({ path: null, moved: false }, target.message, itemIndex);
			const given = splitPaths(this.getNodeParameter('paths', itemIndex, ''));
			if (given.length === 0) return inputProblem({ path: null, moved: false }, "'Paths' is empty", itemIndex);
			const readings = given.map(readListablePath);
			// The item is moved whole or not at all when one of its paths cannot be read.
			const bad = readings.find((reading) => !reading.ok);
			if (bad && !bad.ok) return inputProblem({ path: null, moved: false }, `'Paths' entry ${bad.problem}`, itemIndex);
			const paths = [...new Set(readings.map((reading) => (reading.ok ? reading.path : '')))];
			const outcomes = await settlePaths(
				paths,
				async (batch) =>
					await client.request(
						'efile',
						'POST',
						EFILE.move,
						{ form: { sourcePaths: batch.join(','), targetPath: target.path, cover: overwrite ? 'cover' : 'uncover' } },
						// Not sent twice: a second move would find the paths gone and report a failure.
						{ ...settings, notRepeatable: 'The files may have been moved; check both folders before running again.' },
					),
				{ batchSize: PATHS_PER_REQUEST, stopAtFirstFailure: stopOnError },
			);
			return paths.map((path) => {
				const outcome = outcomes.get(path);
				const newPath = joinPath(target.path, baseName(path));
				if (outcome?.ok) return succeeded({ path, newPath, moved: true, code: '0', message: outcome.message || 'Moved' });
				return { ...apiFailure(fileSubject(path), outcome!.failure, itemIndex, { newPath: null, moved: false }), sent: outcome?.sent };
			});
		},
		{ once: true },
	);
}
