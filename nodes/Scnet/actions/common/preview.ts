import type { DisplayCondition, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readBoolean } from '../../../shared/parameters/readers';
import { PREVIEW_VERSION } from './versions';

/*
 * "Show what would happen, send nothing": one name ('Preview') and one place (the form itself)
 * for every operation that deletes or stops. Version 1 of Delete and Stop had it as Options →
 * Dry Run, which saved workflows keep.
 */

/** The 'Preview' field and the notices that say, either way, what the next run does. */
export function previewFields({ verb, done, defaultOn, versions }: { verb: string; done: string; defaultOn: boolean; versions?: Array<number | DisplayCondition> }): INodeProperties[] {
	const shown = (preview: boolean) => ({ show: { preview: [preview], ...(versions ? { '@version': versions } : {}) } });
	return [
		{
			displayName: `Preview is on: the node only shows what it would ${verb}, and why, and sends nothing. Turn 'Preview' off to ${verb}.`,
			name: 'previewNotice',
			type: 'notice',
			default: '',
			displayOptions: shown(true),
		},
		{
			displayName: `Preview is off: every execution of this node ${verb}s the containers for real. Turn 'Preview' on to see first what would be ${done}.`,
			name: 'liveNotice',
			type: 'notice',
			default: '',
			displayOptions: shown(false),
		},
		{
			...previewField(verb, done),
			default: defaultOn,
			...(versions ? { displayOptions: { show: { '@version': versions } } } : {}),
		},
	];
}

function previewField(verb: string, done: string): INodeProperties {
	return {
		displayName: 'Preview',
		name: 'preview',
		type: 'boolean',
		default: false,
		description: `Whether to only output what would be ${done} and why, sending no ${verb} request. Turn it off once the preview shows what you want.`,
	};
}

/** The notice of version 1 of Delete and Stop, whose dry run sits in the Options. */
export function legacyLiveNotice(verb: string): INodeProperties {
	return {
		displayName: `This node ${verb}s the containers for real when it runs, unless 'Dry Run' is on in the Options`,
		name: 'liveNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [1] } },
	};
}

/** Whether this run only previews: 'Preview', or (version 1 of Delete and Stop) Options → Dry Run. Read strictly. */
export function readPreview(context: IExecuteFunctions, options: Record<string, unknown>, { legacyDryRun }: { legacyDryRun: boolean }): boolean {
	const node = context.getNode();
	if (legacyDryRun && node.typeVersion < PREVIEW_VERSION) {
		return 'dryRun' in options ? readBoolean({ node, label: 'Dry Run', itemIndex: 0 }, options.dryRun) : false;
	}
	return readBoolean({ node, label: 'Preview', itemIndex: 0 }, context.getNodeParameter('preview', 0));
}
