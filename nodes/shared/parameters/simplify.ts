import type { DisplayCondition, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { readBoolean } from './readers';

/**
 * The 'Simplify' parameter of a read (Get, Get Many, the trigger): on, each item holds only the
 * few flat fields `keeps` names; off, SCNet's full object as earlier versions output it. It is
 * shown, and on by default, from `versions` on; the versions before lack it, so their saved
 * workflows keep their outputs.
 */
export function simplifyField(keeps: string, versions: Array<number | DisplayCondition>): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		displayOptions: { show: { '@version': versions } },
		description: `Whether to return only ${keeps}. Off: SCNet's full object, with every field it sends.`,
	};
}

/** A 'Simplify' value as read with `false` for a fallback (the versions that lack it), checked: an expression may give 'true'. */
export const simplifyValue = (node: INode, value: unknown, itemIndex?: number): boolean => readBoolean({ node, label: 'Simplify', itemIndex }, value);

/** 'Simplify' of an item of a Get or Get Many: off for the versions that lack it. */
export const readSimplify = (context: IExecuteFunctions, itemIndex = 0): boolean =>
	simplifyValue(context.getNode(), context.getNodeParameter('simplify', itemIndex, false), itemIndex);
