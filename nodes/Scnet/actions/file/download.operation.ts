import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { DownloadBroken, openDownload } from '../../../shared/files/download';
import { baseName } from '../../../shared/files/paths';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { apiFailure, fileSubject, inputProblem, succeeded } from '../../../shared/results';
import { ScnetClient } from '../../../shared/transport';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { readPathParameter } from './fields';

export const option: OperationOption = {
	name: 'Download',
	value: 'download',
	description: 'Download a file as binary data (a folder comes as a zip), resuming where a dropped connection stopped',
	action: 'Download file',
	toolDescription:
		'Download a file from SCNet\'s file system by absolute path, as binary data (a folder comes as a zip). Returns {path, size, fileName}; the content is binary data, which an AI agent does not receive.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['file'], operation: ['download'] } }, [
	{
		displayName: 'File Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /public/home/<cluster user>/results/out.csv',
		description: 'Absolute path of the file (or folder, which SCNet sends as a zip) to download',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		description: 'The binary field of the output item that holds the file',
	},
	optionsCollection(requestOptions),
]);

type BinaryContent = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/** What the answer says the file is: a folder comes as a zip (its name from Content-Disposition or its type). */
function savedName(path: string, headers: Record<string, unknown>): { fileName: string; mimeType?: string } {
	const name = baseName(path);
	const disposition = String(headers['content-disposition'] ?? '');
	const zipped = /\.zip["']?\s*(;|$)/i.test(disposition) || /zip/i.test(String(headers['content-type'] ?? ''));
	if (zipped && !/\.zip$/i.test(name)) return { fileName: `${name}.zip`, mimeType: 'application/zip' };
	return { fileName: name };
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	return runPerItem(this, async (itemIndex) => {
		const settings = readRequestSettings(this, readOptions(this, itemIndex));
		const input = readPathParameter(this.getNodeParameter('path', itemIndex, ''), 'File Path');
		const field = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
		if (!input.ok) return inputProblem({ path: null }, input.message, itemIndex);
		if (field === '') return inputProblem({ path: input.path }, "'Put Output File in Field' is empty", itemIndex);
		const subject = fileSubject(input.path);

		const opened = await openDownload(client, input.path, settings);
		if (!opened.ok) return apiFailure(subject, opened.failure, itemIndex);
		const { stream, headers, received } = opened.download;
		const { fileName, mimeType } = savedName(input.path, headers);
		try {
			// Streamed into n8n's binary data store: in its filesystem mode the file never sits in memory whole.
			// The stream is Node's Readable (made with the answer's own class), typed here by what the download uses of it.
			const binary = await this.helpers.prepareBinaryData(stream as unknown as BinaryContent, fileName, mimeType);
			return succeeded({ path: input.path, size: received(), fileName: binary.fileName ?? fileName }, { ...this.getInputData()[itemIndex].binary, [field]: binary });
		} catch (error) {
			if (error instanceof DownloadBroken) return apiFailure(subject, error.failure, itemIndex);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	});
}
