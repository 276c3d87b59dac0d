import { BINARY_ENCODING, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { homeFolder } from '../../../shared/files/home';
import { joinPath, readFileName } from '../../../shared/files/paths';
import { pathExists, uploadFile, type UploadSource } from '../../../shared/files/upload';
import { optionsCollection, readOptions, readWholeNumbers, REQUEST_NUMBERS, requestOptions, wholeNumberOption, type WholeNumber } from '../../../shared/parameters/options';
import { readBoolean } from '../../../shared/parameters/readers';
import { apiFailure, fileSubject, inputProblem, succeeded, type ItemResult } from '../../../shared/results';
import { ScnetClient, type RequestSettings } from '../../../shared/transport';
import { EFILE } from '../../../shared/transport/endpoints';
import type { ScnetFailure } from '../../../shared/transport/errorCodes';
import type { OperationOption } from '../common/operation';
import { runPerItem } from '../common/perItem';
import { binaryPropertyField, readFolderParameter, type FolderReading } from './fields';

export const option: OperationOption = {
	name: 'Upload',
	value: 'upload',
	description: 'Upload binary data as a file into a folder; large files go up in chunks',
	action: 'Upload file',
	toolDescription:
		'Upload binary data from the workflow as a file into a folder of SCNet\'s file system. Needs the folder and file name. Returns {path, uploaded, chunks}, or an error object (an existing file is not replaced unless Overwrite is on).',
};

const CHUNK_SIZE: WholeNumber = { label: 'Chunk Size (MiB)', min: 1, max: 256, default: 16 };
const MIB = 1024 * 1024;

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['file'], operation: ['upload'] } }, [
	binaryPropertyField('The binary field of the input item that holds the file to upload'),
	{
		displayName: 'Folder',
		name: 'folder',
		type: 'string',
		default: '',
		placeholder: 'e.g. /public/home/<cluster user>/inputs',
		description: "Absolute path of the folder to upload into. Empty: the cluster user's home folder, as SCNet's region discovery names it.",
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. data.csv',
		description: "The name of the file on SCNet. Empty: the binary data's own file name.",
	},
	{
		displayName: 'Overwrite',
		name: 'overwrite',
		type: 'boolean',
		default: false,
		description: 'Whether to replace a file of the same name. Off: an existing file is never replaced and the item fails with code 911021.',
	},
	optionsCollection([
		{
			displayName: 'Create Folders',
			name: 'createFolders',
			type: 'boolean',
			default: false,
			description: 'Whether to create the folder (and its parents) when it does not exist. Off: a missing folder fails the item.',
		},
		wholeNumberOption('chunkSize', CHUNK_SIZE, 'Files larger than this go up in chunks of this size, then SCNet joins them; smaller ones in one request'),
		...requestOptions,
	]),
]);

/** The binary data's bytes as a stream, and its size: from n8n's binary data store when it is there (never read into memory whole), else from the item. */
async function readSource(context: IExecuteFunctions, itemIndex: number, field: string, chunkSize: number): Promise<UploadSource & { fileName?: string; close: () => void }> {
	const binary = context.helpers.assertBinaryData(itemIndex, field);
	if (binary.id) {
		const { fileSize } = await context.helpers.getBinaryMetadata(binary.id);
		const stream = await context.helpers.getBinaryStream(binary.id, chunkSize);
		return { stream, size: fileSize, fileName: binary.fileName, close: () => stream.destroy() };
	}
	const content = Buffer.from(binary.data, BINARY_ENCODING);
	return { stream: [content], size: content.length, fileName: binary.fileName, close: () => undefined };
}

const checkFailed = (code: string, message: string, description: string): ScnetFailure => ({ code, message, description, scope: 'ids', unsent: true });

/** Before a byte goes up: the folder is there (or made, when asked), and no file is in the way unless it may be replaced. */
async function prepare(client: ScnetClient, folder: string, path: string, { overwrite, createFolders }: { overwrite: boolean; createFolders: boolean }, settings: RequestSettings): Promise<ScnetFailure | undefined> {
	if (createFolders) {
		const made = await client.request('efile', 'POST', EFILE.mkdir, { qs: { path: folder, createParents: true } }, settings);
		// 911021: it was there already.
		if (!made.ok && made.failure.code !== '911021') return made.failure;
	} else if ((await pathExists(client, folder, settings)) === false) {
		return checkFailed('911020', `The folder ${folder} does not exist on SCNet`, "Nothing was uploaded. Create it first (File → Create Folder), or turn on the option 'Create Folders'.");
	}
	// A file in the way is found before the upload, not after a gigabyte went up; SCNet refuses it too ('uncover').
	if (!overwrite && (await pathExists(client, path, settings)) === true) {
		return checkFailed('911021', `A file named ${path} already exists on SCNet`, "Nothing was uploaded or replaced. Turn on 'Overwrite' to replace it, or choose another 'File Name'.");
	}
	return undefined;
}

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const client = await ScnetClient.connect(this);
	return runPerItem(
		this,
		async (itemIndex): Promise<ItemResult> => {
			const options = readOptions(this, itemIndex);
			const { chunkSize, ...settings } = readWholeNumbers(this, options, { chunkSize: CHUNK_SIZE, ...REQUEST_NUMBERS });
			const overwrite = readBoolean({ node, label: 'Overwrite', itemIndex }, this.getNodeParameter('overwrite', itemIndex));
			const createFolders = readBoolean({ node, label: 'Create Folders', itemIndex }, options.createFolders ?? false);
			const field = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data')).trim();
			const home = async (): Promise<FolderReading> => {
				const found = await homeFolder(client, settings);
				return found.ok ? found : { ok: false, message: found.failure.message, failure: found.failure };
			};
			const folder = await readFolderParameter(this, { name: 'folder', label: 'Folder', itemIndex, home });
			if (!folder.ok) {
				if (folder.failure) return apiFailure(undefined, folder.failure, itemIndex, { path: null, uploaded: false });
				return inputProblem({ path: null, uploaded: false }, folder.message, itemIndex);
			}
			const source = await readSource(this, itemIndex, field, chunkSize * MIB);
			const givenName = String(this.getNodeParameter('fileName', itemIndex, '') ?? '').trim();
			const name = readFileName(givenName === '' ? source.fileName : givenName);
			if (!name.ok) {
				source.close();
				return inputProblem({ path: null, uploaded: false }, `'File Name' ${name.problem}${givenName === '' ? " (the binary data's own name)" : ''}`, itemIndex);
			}
			const path = joinPath(folder.path as string, name.path);
			const json = { path, name: name.path, size: source.size };
			const refused = await prepare(client, folder.path as string, path, { overwrite, createFolders }, settings);
			const outcome = refused ? { ok: false as const, failure: refused } : await uploadFile(client, source, { folder: folder.path as string, name: name.path, overwrite }, chunkSize * MIB, settings);
			source.close();
			if (!outcome.ok) return apiFailure(fileSubject(path), outcome.failure, itemIndex, { ...json, uploaded: false });
			return succeeded({ ...json, uploaded: true, chunks: outcome.chunks, code: '0', message: outcome.message || 'Uploaded' });
		},
		{ once: true },
	);
}
