import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { readAbsolutePath } from '../../../shared/files/paths';
import type { ScnetFailure } from '../../../shared/transport/errorCodes';

/*
 * What the File operations share: the binary field, where a path comes from, and the failures
 * of their own (an answer SCNet gave in a shape the node cannot read).
 */

export const binaryPropertyField = (description: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	placeholder: 'e.g. data',
	hint: 'The name of the binary field, as n8n shows it on the item (most nodes use data)',
	description,
});

/** The 'Paths' field of the operations that act on several paths (Delete, Move). */
export const pathsField = (placeholder: string, description: string): INodeProperties => ({
	displayName: 'Paths',
	name: 'paths',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	required: true,
	placeholder,
	hint: 'One absolute path per line, or a list from an expression, e.g. {{ $json.path }}',
	description,
});

/** A path parameter as the operation reads it: the tidied absolute path, or why not (an input error of the item). */
export type PathParameter = { ok: true; path: string } | { ok: false; message: string };

/**
 * An absolute folder from the parameter `name`; empty means the cluster user's home folder
 * (`home`, asked for only then), or with `optional` SCNet's own default (`path` undefined).
 */
export async function readFolderParameter(
	context: IExecuteFunctions,
	{ name, label, itemIndex, optional = false, home }: { name: string; label: string; itemIndex: number; optional?: boolean; home?: () => Promise<FolderReading> },
): Promise<FolderReading> {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (typeof value === 'string' && value.trim() === '') {
		if (optional || !home) return { ok: true, path: undefined };
		return await home();
	}
	return readPathParameter(value, label, { root: true });
}

export type FolderReading = { ok: true; path: string | undefined } | { ok: false; message: string; failure?: ScnetFailure };

/** An absolute path read from a value, or the input error naming `label`. */
export function readPathParameter(value: unknown, label: string, { root = false }: { root?: boolean } = {}): PathParameter {
	const reading = readAbsolutePath(value, { root });
	return reading.ok ? reading : { ok: false, message: `'${label}' ${reading.problem}` };
}

/** For operations that run once (Get Many): a path that cannot be read stops the run before any request. */
export function orStop(context: IExecuteFunctions, reading: FolderReading): string | undefined {
	if (!reading.ok) throw new NodeOperationError(context.getNode(), reading.message, { description: 'Nothing was sent to SCNet. SCNet paths are absolute, e.g. /public/home/<cluster user>/data.' });
	return reading.path;
}

/** An answer the node cannot read as what it asked for: never a guess. */
export function unreadableAnswer(what: string, data: unknown): ScnetFailure {
	const shape = data === null ? 'null' : Array.isArray(data) ? 'a list' : typeof data;
	return {
		code: 'INVALID_RESPONSE',
		message: `SCNet answered the ${what} with something the node cannot read (${shape})`,
		description: "Check that the credential's File Service URL is right; if it is, please report the answer's shape.",
		scope: 'batch',
	};
}
