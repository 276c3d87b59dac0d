import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readList, type ListShape, type Problem } from '../../../shared/parameters/lists';
import { readPick, type Choice } from '../../../shared/parameters/picks';
import type { Origin } from '../../../shared/parameters/readers';
import { AGENT_VERSION, beforeVersion, fromVersion } from './versions';

/**
 * The 'Mounts' field of Create (containers, notebooks): folders of the account mounted into what
 * is created, each a source and a target path and one field of its own kind (`extra`: a
 * container mount's type, a notebook mount's permission). Versions 1 and 2.
 */
export function mountsField({ description, source, target }: { description: string; source: string; target: string }, extra: INodeProperties): INodeProperties {
	return {
		displayName: 'Mounts',
		name: 'mounts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add mount',
		description,
		options: [
			{
				displayName: 'Mount',
				name: 'mount',
				values: [
					{ displayName: 'Source Path', name: 'sourcePath', type: 'string', default: '', placeholder: 'e.g. /public/home/user/data', description: source },
					{ displayName: 'Target Path', name: 'targetPath', type: 'string', default: '', placeholder: 'e.g. /mnt/data', description: target },
					extra,
				],
			},
		],
	};
}

/** What a mount has besides its paths, by what is created. */
export interface MountKind {
	/** SCNet's key, e.g. 'type'. */
	key: string;
	/** Its label in versions 1 and 2 ('Type', 'Permission'). */
	label: string;
	choices: readonly Choice[];
	/** The value of a mount that does not give it. */
	default: string;
	/** Whether the target must be an absolute path (notebooks). */
	absoluteTarget: boolean;
	/** The example the field and its errors show. */
	example: string;
}

export const CONTAINER_MOUNT: MountKind = {
	key: 'type',
	label: 'Type',
	choices: [
		{ name: 'Data', value: 'data' },
		{ name: 'Path', value: 'path' },
	],
	default: 'data',
	absoluteTarget: false,
	example: '[{"source":"/public/home/user/data","target":"/mnt/data","type":"data"}]',
};

export const NOTEBOOK_MOUNT: MountKind = {
	key: 'permission',
	label: 'Permission',
	choices: [
		{ name: 'Read Only', value: 'ro' },
		{ name: 'Read and Write', value: 'rw' },
	],
	default: 'ro',
	absoluteTarget: true,
	example: '[{"source":"data","target":"/mnt/data","permission":"ro"}]',
};

/**
 * 'Mounts' for every version: the fixedCollection of versions 1 and 2 (`fixed`), and from
 * version 3 a JSON field an AI agent can fill ($fromAI of type json) — a fixedCollection is not
 * one it can. Both are read by `readMounts`.
 */
export function mountsFields(fixed: INodeProperties, kind: MountKind, description: string): INodeProperties[] {
	const values = kind.choices.map((choice) => `'${choice.value}'`).join(' or ');
	return [
		{ ...fixed, displayOptions: { show: { '@version': beforeVersion(AGENT_VERSION) } } },
		{
			displayName: 'Mounts',
			name: 'mounts',
			type: 'json',
			default: '[]',
			displayOptions: { show: { '@version': fromVersion(AGENT_VERSION) } },
			description: `${description}: a JSON list with one object per mount, e.g. ${kind.example}. Each takes 'source' and 'target' (or SCNet's sourcePath and targetPath)${kind.absoluteTarget ? ', the target an absolute path' : ''}, and '${kind.key}': ${values} (${kind.default} when left out).`,
		},
	];
}

/** The shape 'Mounts' takes, for the list reader. */
const shapeOf = (kind: MountKind): ListShape => ({
	label: 'Mounts',
	noun: 'mount',
	collection: 'mount',
	keys: { sourcePath: ['source'], targetPath: ['target'], [kind.key]: [] },
	example: kind.example,
});

/**
 * The mounts an item's 'Additional Fields' hold (none when the field was not added), read
 * strictly: each needs a source and a target (an absolute one where `kind` says so), and its
 * type or permission one of SCNet's values (a different value throws, naming it). The problem
 * instead when the field is not such a list.
 */
export function readMounts(origin: Omit<Origin, 'label'>, extra: IDataObject, kind: MountKind): { mounts: IDataObject[] } | { problem: Problem } {
	const read = readList(extra.mounts, shapeOf(kind));
	if ('problem' in read) return read;
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	const mounts: IDataObject[] = [];
	for (const entry of read.entries) {
		const [sourcePath, targetPath] = [text(entry.sourcePath), text(entry.targetPath)];
		if (sourcePath === '' || targetPath === '' || (kind.absoluteTarget && !targetPath.startsWith('/'))) {
			const shown = (value: unknown) => (typeof value === 'string' ? value.trim() : JSON.stringify(value) ?? '');
			return {
				problem: {
					message: `Each mount needs a 'Source Path' and ${kind.absoluteTarget ? 'an absolute' : 'a'} 'Target Path', not '${shown(entry.sourcePath)}' → '${shown(entry.targetPath)}'`,
					description: kind.absoluteTarget
						? 'Mount folders under your home folder at absolute paths in the notebook, e.g. /mnt/data.'
						: `Give the folder on SCNet and where it appears in the container, e.g. ${kind.example}.`,
				},
			};
		}
		const extraValue = entry[kind.key] === undefined ? kind.default : readPick({ ...origin, label: kind.label }, entry[kind.key], kind.choices);
		mounts.push({ sourcePath, targetPath, [kind.key]: extraValue });
	}
	return { mounts };
}
