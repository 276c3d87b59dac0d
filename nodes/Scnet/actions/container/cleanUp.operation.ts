import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { readDateTime } from '../../helpers/dates';
import { ScnetClient } from '../../transport';
import { batchingOptions, BATCH_NUMBERS, settleInBatches, throwFirstFailure } from '../common/batchedIds';
import { parseContainerIds } from '../common/containerIds';
import { containerView } from '../common/containerView';
import { ContainerLister } from '../common/listing';
import type { OperationOption } from '../common/operation';
import { optionsCollection, readOptions, readTimezone, readWholeNumbers, requestOptions, timezoneOption } from '../common/options';
import { apiHeadline, failedRun, outputItem } from '../common/results';
import { STATUSES } from '../common/taskTypes';
import { deleteAction } from './delete.operation';

export const option: OperationOption = {
	name: 'Clean Up',
	value: 'cleanUp',
	description: 'Delete the containers that match rules (status, age, name), never protected ones; preview first, with a brake on how many',
	action: 'Clean up containers by rule',
};

const properties: INodeProperties[] = [
	{
		displayName: "Preview is on: the node only shows what it would delete, and why. Turn 'Preview' off to delete.",
		name: 'previewNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { preview: [true] } },
	},
	{
		displayName: 'Statuses',
		name: 'statuses',
		type: 'multiOptions',
		options: STATUSES.map((status) => ({ name: status, value: status })),
		default: ['Terminated', 'Failed', 'Completed'],
		description: 'Delete only containers in one of these statuses',
	},
	{
		displayName: 'Older Than (Hours)',
		name: 'olderThanHours',
		type: 'number',
		default: 24,
		typeOptions: { minValue: 0 },
		description: 'Delete only containers created more than this many hours ago (by createTime). 0: any age.',
	},
	{
		displayName: 'Name Contains',
		name: 'nameContains',
		type: 'string',
		default: '',
		placeholder: 'e.g. training-',
		description: 'Delete only containers whose name contains this text. Empty: any name.',
	},
	{
		displayName: 'Name Matches',
		name: 'nameMatches',
		type: 'string',
		default: '',
		placeholder: 'e.g. ^ci-[0-9]+$',
		description: 'Delete only containers whose name matches this regular expression. Empty: any name.',
	},
	{
		displayName: 'Protect Names Matching',
		name: 'protect',
		type: 'string',
		default: '',
		placeholder: 'e.g. prod|keep',
		description: 'Never delete containers whose name matches this regular expression, whatever the other rules say',
	},
	{
		displayName: 'Protect IDs',
		name: 'protectIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1bc50ecb6bc742a5afc0a8810018cb02, 195d453c7a424b32ac8593512fec6a26',
		description: 'Never delete these containers (IDs separated by commas, spaces or new lines, or an expression that returns a list)',
	},
	{
		displayName: 'Preview',
		name: 'preview',
		type: 'boolean',
		default: true,
		description: 'Whether to only output what would be deleted and why, sending no delete. Turn it off once the preview shows what you want.',
	},
	{
		displayName: 'Max Deletions',
		name: 'maxDeletions',
		type: 'number',
		default: 100,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'When more containers match, nothing is deleted and the node fails: a mistyped rule must not wipe the account',
	},
	optionsCollection([
		{
			displayName: 'Include Kept',
			name: 'includeKept',
			type: 'boolean',
			default: false,
			description: 'Whether to also output the containers the rules keep, with the reason',
		},
		...batchingOptions('delete'),
		...requestOptions,
		timezoneOption,
	]),
];

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['container'], operation: ['cleanUp'] } }, properties);

interface Rules {
	statuses: string[];
	olderThanMs: number;
	nameContains: string;
	nameMatches?: RegExp;
	protect?: RegExp;
	protectIds: Set<string>;
	zone: string;
	now: number;
}

/** A container's verdict: deleted (`delete: true`) or kept, and the rules that say so. */
type Verdict = { delete: boolean; reason: string };

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	// One clean-up per execution, whatever the number of input items: the rules are read from the first.
	const options = readOptions(this);
	const numbers = readWholeNumbers(this, options, BATCH_NUMBERS);
	const rules = readRules(this, readTimezone(this, options));
	const preview = this.getNodeParameter('preview', 0, true) as boolean;
	const maxDeletions = this.getNodeParameter('maxDeletions', 0, 100) as number;
	const client = await ScnetClient.connect(this);
	const stopOnError = !this.continueOnFail();

	const listed = await new ContainerLister(client, numbers).collect(
		{ status: rules.statuses.length === 1 ? rules.statuses[0] : undefined },
		{ pageSize: 100 },
	);
	if (!listed.ok) return failedRun(this, listed.failure);
	const judged = listed.containers.map((container) => ({ container: containerView(container, rules.zone), verdict: judge(container, rules) }));
	const matched = judged.filter(({ verdict }) => verdict.delete);
	const kept = options.includeKept === true ? judged.filter(({ verdict }) => !verdict.delete) : [];
	const shown = ({ container, verdict }: (typeof judged)[number]): IDataObject => ({
		id: container.id,
		name: container.instanceServiceName ?? null,
		status: container.status ?? null,
		createdAt: container.createdAt,
		reason: verdict.reason,
	});
	const keptItems = kept.map((entry) => ({ json: { ...shown(entry), deleted: false, kept: true }, pairedItem: { item: 0 } }));

	if (preview) {
		const previewed = matched.map((entry) => ({
			json: { ...shown(entry), deleted: false, preview: true, message: 'Preview: would be deleted' },
			pairedItem: { item: 0 },
		}));
		return [...previewed, ...keptItems];
	}

	if (matched.length > maxDeletions) {
		const message = `Clean Up matched ${matched.length} containers, more than 'Max Deletions' (${maxDeletions}): nothing was deleted`;
		const description = `Check the rules with 'Preview' on. If all ${matched.length} should go, raise 'Max Deletions'.`;
		if (stopOnError) throw new NodeOperationError(this.getNode(), message, { description, itemIndex: 0 });
		return [outputItem(this, { json: { code: 'TOO_MANY_MATCHES', matched: matched.length, maxDeletions, message, description }, headline: message }, 0)];
	}

	const ids = matched.map(({ container }) => String(container.id));
	const results = await settleInBatches(client, deleteAction, ids, { ...numbers, stopAtFirstFailure: stopOnError });
	if (stopOnError) throwFirstFailure(this, ids.map((id) => ({ id, itemIndex: 0 })), results);
	const deleted = matched.map((entry) => {
		const result = results.get(String(entry.container.id));
		const outcome = { ...shown(entry), ...result?.json, reason: entry.verdict.reason };
		return outputItem(this, { json: outcome, failure: result?.failure, headline: result?.failure && apiHeadline(String(entry.container.id), result.failure, 0) }, 0);
	});
	return [...deleted, ...keptItems];
}

function readRules(context: IExecuteFunctions, zone: string): Rules {
	const text = (name: string) => String(context.getNodeParameter(name, 0, '') ?? '').trim();
	const pattern = (name: string, label: string): RegExp | undefined => {
		const source = text(name);
		if (source === '') return undefined;
		try {
			return new RegExp(source);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), `'${label}' is not a regular expression: ${(error as Error).message}`, {
				description: 'Write it as a JavaScript regular expression without the slashes, e.g. ^ci-[0-9]+$',
			});
		}
	};
	const hours = context.getNodeParameter('olderThanHours', 0, 24) as number;
	if (typeof hours !== 'number' || !(hours >= 0)) {
		throw new NodeOperationError(context.getNode(), `'Older Than (Hours)' must be a number of hours, not ${String(hours)}`);
	}
	const protectIds = parseContainerIds(context.getNodeParameter('protectIds', 0, ''));
	const invalid = protectIds.find((entry) => !entry.valid);
	if (invalid && !invalid.valid) {
		throw new NodeOperationError(context.getNode(), `'Protect IDs' holds an invalid container ID ${invalid.shown}: ${invalid.reason}`);
	}
	return {
		statuses: context.getNodeParameter('statuses', 0, []) as string[],
		olderThanMs: hours * 3600 * 1000,
		nameContains: text('nameContains'),
		nameMatches: pattern('nameMatches', 'Name Matches'),
		protect: pattern('protect', 'Protect Names Matching'),
		protectIds: new Set(protectIds.flatMap((entry) => (entry.valid ? [entry.id] : []))),
		zone,
		now: Date.now(),
	};
}

/**
 * Whether the rules delete a container, and why in words. Protection wins over every include
 * rule; a container of unknown age is never old enough.
 */
function judge(container: IDataObject, rules: Rules): Verdict {
	const id = String(container.id);
	const name = String(container.instanceServiceName ?? '');
	const status = String(container.status ?? '');
	if (rules.protectIds.has(id)) return { delete: false, reason: "kept: its ID is in 'Protect IDs'" };
	if (rules.protect?.test(name)) return { delete: false, reason: `kept: its name matches the protection /${rules.protect.source}/` };
	const reasons: string[] = [];
	if (rules.statuses.length > 0) {
		if (!rules.statuses.includes(status)) return { delete: false, reason: `kept: status ${status || 'unknown'} is not one of ${rules.statuses.join(', ')}` };
		reasons.push(`status ${status}`);
	}
	if (rules.olderThanMs > 0) {
		const created = readDateTime(container.createTime, rules.zone);
		if (!created) return { delete: false, reason: 'kept: its creation time is unknown' };
		const ageHours = Math.floor((rules.now - created.getTime()) / 3600000);
		if (rules.now - created.getTime() <= rules.olderThanMs) return { delete: false, reason: `kept: created ${ageHours} h ago, not more than ${rules.olderThanMs / 3600000} h` };
		reasons.push(`created ${ageHours} h ago (more than ${rules.olderThanMs / 3600000} h)`);
	}
	if (rules.nameContains !== '') {
		if (!name.includes(rules.nameContains)) return { delete: false, reason: `kept: its name does not contain '${rules.nameContains}'` };
		reasons.push(`name contains '${rules.nameContains}'`);
	}
	if (rules.nameMatches) {
		if (!rules.nameMatches.test(name)) return { delete: false, reason: `kept: its name does not match /${rules.nameMatches.source}/` };
		reasons.push(`name matches /${rules.nameMatches.source}/`);
	}
	return { delete: true, reason: reasons.length > 0 ? reasons.join('; ') : 'no rule excludes it' };
}
