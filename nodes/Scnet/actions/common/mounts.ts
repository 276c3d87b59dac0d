import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * The 'Mounts' field of Create (containers, notebooks): folders of the account mounted into what
 * is created, each a source and a target path and one field of its own kind (`extra`: a
 * container mount's type, a notebook mount's permission).
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

/** The mounts an item's 'Additional Fields' hold (none when the field was not added). */
export const mountsOf = (extra: IDataObject): IDataObject[] => ((extra.mounts as IDataObject | undefined)?.mount as IDataObject[] | undefined) ?? [];
