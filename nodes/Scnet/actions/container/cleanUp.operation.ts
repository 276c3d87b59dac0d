import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { readDateTime } from '../../../shared/helpers/dates';
import { ScnetClient } from '../../../shared/transport';
import { batchingOptions, BATCH_NUMBERS, settleInBatches, throwFirstFailure } from '../common/batchedIds';
import { backtrackingRisk } from '../../../shared/helpers/safePattern';
import { CONTAINER_ID_PATTERN, parseContainerIds } from '../common/containerIds';
import { containerView, nameOf } from '../../../shared/containers/containerView';
import { earlierTries } from '../common/earlierTries';
import { ContainerLister } from '../../../shared/containers/listing';
import type { OperationOption } from '../common/operation';
import { optionsCollection, readOptions, readTimezone, readWholeNumbers, requestOptions, timezoneOption } from '../../../shared/parameters/options';
import { previewFields, readPreview } from '../common/preview';
import { describeValue, readBoolean, readChoices, readNumber, readWholeNumber, refusal } from '../../../shared/parameters/readers';
import { failedRun, outputItem, succeeded } from '../../../shared/results';
import { STATUSES } from '../../../shared/containers/taskTypes';
import { deleteAction } from './delete.operation';
import { continuesOnFail } from '../../../shared/onError';

export const option: OperationOption = {
	name: 'Clean Up',
	value: 'cleanUp',
	description: 'Delete the containers that match rules (status, age, name), never protected ones; preview first, with a brake on how many',
	action: 'Clean up containers by rule',
	toolDescription:
		'Delete the SCNet containers that match the rules set on this tool (status, age, name); protected containers are never deleted and at most \'Max Deletions\' go in one run. With Preview on it deletes nothing and returns what it would delete. Returns one item per container with deleted true/false and, on a failure, an error object.',
};

/** The most 'Max Deletions' may be: more than any account holds, less than a typo of zeros. */
const MAX_DELETIONS_LIMIT = 100000;

const properties: INodeProperties[] = [
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
	...previewFields({ verb: 'delete', done: 'deleted', defaultOn: true }),
	{
		displayName: 'Max Deletions',
		name: 'maxDeletions',
		type: 'number',
		default: 100,
		typeOptions: { minValue: 1, maxValue: MAX_DELETIONS_LIMIT, numberPrecision: 0 },
		description: 'When more containers match, nothing is deleted and the node fails (the preview says so too): a mistyped rule must not wipe the account',
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
	/** In lower case: SCNet's IDs are hex, and its list answers them in lower case. */
	protectIds: Set<string>;
	zone: string;
	now: number;
}

/** A container's verdict: deleted (`delete: true`) or kept, and the rules that say so. */
type Verdict = { delete: boolean; reason: string };

/** One clean-up per execution, whatever the number of input items: the rules are read from the first. */
export const runsOnce = true;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	// Every rule is read, strictly, before anything is listed or sent.
	const options = readOptions(this);
	const numbers = readWholeNumbers(this, options, BATCH_NUMBERS);
	const rules = readRules(this, readTimezone(this, options));
	const preview = readPreview(this, options, { legacyDryRun: false });
	const maxDeletions = readWholeNumber(origin(this, 'Max Deletions'), this.getNodeParameter('maxDeletions', 0), { min: 1, max: MAX_DELETIONS_LIMIT });
	const includeKept = 'includeKept' in options ? readBoolean(origin(this, 'Include Kept'), options.includeKept) : false;
	const client = await ScnetClient.connect(this);
	const stopOnError = !continuesOnFail(this);

	const listed = await new ContainerLister(client, numbers).collect(
		{ status: rules.statuses.length === 1 ? rules.statuses[0] : undefined },
		{ pageSize: 100 },
	);
	if (!listed.ok) return failedRun(this, listed.failure);
	const judged = listed.containers.map((container) => ({ container: containerView(container, rules.zone), verdict: judge(container, rules) }));
	const matched = judged.filter(({ verdict }) => verdict.delete);
	const kept = includeKept ? judged.filter(({ verdict }) => !verdict.delete) : [];
	const shown = ({ container, verdict }: (typeof judged)[number]): IDataObject => ({
		id: container.id,
		name: nameOf(container) ?? null,
		status: container.status ?? null,
		createdAt: container.createdAt,
		reason: verdict.reason,
	});
	const keptItems = kept.map((entry) => ({ json: { ...shown(entry), deleted: false, kept: true }, pairedItem: { item: 0 } }));
	const tooMany = matched.length > maxDeletions;

	if (preview) {
		// The preview tells what the real run would do, its brake included.
		const message = tooMany
			? `Preview: would stop: ${matched.length} matches, more than 'Max Deletions' (${maxDeletions}); nothing would be deleted`
			: 'Preview: would be deleted';
		const previewed = matched.map((entry) => ({ json: { ...shown(entry), deleted: false, preview: true, message }, pairedItem: { item: 0 } }));
		return [...previewed, ...keptItems];
	}

	if (tooMany) {
		const message = `Clean Up matched ${matched.length} containers, more than 'Max Deletions' (${maxDeletions}): nothing was deleted`;
		const description = `Check the rules with 'Preview' on. If all ${matched.length} should go, raise 'Max Deletions'.`;
		if (stopOnError) throw new NodeOperationError(this.getNode(), message, { description, itemIndex: 0 });
		return [outputItem(this, { ok: false, json: { code: 'TOO_MANY_MATCHES', matched: matched.length, maxDeletions, message, description }, headline: message }, 0)];
	}

	const ids = matched.map(({ container }) => String(container.id));
	const results = await settleInBatches(client, deleteAction, ids, {
		...numbers,
		stopAtFirstFailure: stopOnError,
		sentBefore: earlierTries(this, 'cleanUp:sent'),
	});
	if (stopOnError) throwFirstFailure(this, ids.map((id) => ({ id, itemIndex: 0 })), results);
	const deleted = matched.map((entry) => {
		const result = results.get(String(entry.container.id));
		const outcome = { ...shown(entry), ...result?.json, reason: entry.verdict.reason };
		return outputItem(this, result && !result.ok ? { ...result, json: outcome } : succeeded(outcome), 0);
	});
	return [...deletedByEarlierTries(this, ids, deleted), ...deleted, ...keptItems];
}

/**
 * n8n's Retry On Fail runs Clean Up again when its first item is a failure: the next try lists
 * again, and the containers an earlier try deleted are no longer there to match. Their outcomes
 * are given again as that try found them, so the run still reports every container it deleted.
 */
function deletedByEarlierTries(context: IExecuteFunctions, ids: string[], items: INodeExecutionData[]): INodeExecutionData[] {
	const reported = earlierTries<INodeExecutionData>(context, 'cleanUp:deleted');
	const matchedNow = new Set(ids);
	const earlier = [...reported].filter(([id]) => !matchedNow.has(String(id))).map(([, item]) => item);
	for (const item of items) if (item.json.deleted === true) reported.set(String(item.json.id), item);
	return earlier;
}

const origin = (context: IExecuteFunctions, label: string) => ({ node: context.getNode(), label, itemIndex: 0 });

function readRules(context: IExecuteFunctions, zone: string): Rules {
	const nameContains = ruleText(context, 'nameContains', 'Name Contains');
	const hours = readNumber(origin(context, 'Older Than (Hours)'), context.getNodeParameter('olderThanHours', 0), { min: 0 });
	const protectIds = parseContainerIds(ruleValue(context, 'protectIds', 'Protect IDs'));
	const invalid = protectIds.find((entry) => !entry.valid);
	if (invalid && !invalid.valid) {
		throw new NodeOperationError(context.getNode(), `'Protect IDs' holds an invalid container ID ${invalid.shown}: ${invalid.reason}`);
	}
	return {
		statuses: readChoices(origin(context, 'Statuses'), context.getNodeParameter('statuses', 0), STATUSES, { required: true }),
		olderThanMs: hours * 3600 * 1000,
		nameContains,
		nameMatches: rulePattern(context, 'nameMatches', 'Name Matches'),
		protect: rulePattern(context, 'protect', 'Protect Names Matching'),
		protectIds: new Set(protectIds.flatMap((entry) => (entry.valid ? [entry.id.toLowerCase()] : []))),
		zone,
		now: Date.now(),
	};
}

/**
 * A rule's value. Left empty in the editor, a rule is off; an expression that gives nothing is
 * refused, since a rule that quietly vanishes would widen what is deleted (or protect nothing).
 */
function ruleValue(context: IExecuteFunctions, name: string, label: string): unknown {
	const value = context.getNodeParameter(name, 0, '');
	const raw = context.getNode().parameters[name];
	const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
	if (empty && typeof raw === 'string' && raw.startsWith('=')) {
		throw refusal(origin(context, label), 'a value when it is an expression', value, `The expression ${describeValue(raw.slice(1))} gave nothing. Empty the field to switch the rule off.`);
	}
	return value;
}

function ruleText(context: IExecuteFunctions, name: string, label: string): string {
	const value = ruleValue(context, name, label);
	if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') throw refusal(origin(context, label), 'a text', value);
	return String(value ?? '').trim();
}

/** A rule's regular expression: it must compile, and must not be able to make n8n hang. */
function rulePattern(context: IExecuteFunctions, name: string, label: string): RegExp | undefined {
	const source = ruleText(context, name, label);
	if (source === '') return undefined;
	let pattern: RegExp;
	try {
		pattern = new RegExp(source);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `'${label}' is not a regular expression: ${(error as Error).message}`, {
			description: 'Write it as a JavaScript regular expression without the slashes, e.g. ^ci-[0-9]+$',
		});
	}
	const risk = backtrackingRisk(source);
	if (risk) {
		throw new NodeOperationError(context.getNode(), `'${label}' could make n8n hang: ${risk}`, {
			description: 'Rewrite it without a repeated group that holds a repetition or alternatives, e.g. [ab]+ instead of (a|b)+, or ^ci-[0-9]+$ instead of ^(ci-[0-9]+)+$.',
		});
	}
	return pattern;
}

/**
 * Whether the rules delete a container, and why in words. Protection wins over every include
 * rule; what cannot be read for certain keeps the container: an ID that is not one, a name when a
 * name rule is set, an unknown age.
 */
function judge(container: IDataObject, rules: Rules): Verdict {
	const id = String(container.id);
	const name = nameOf(container);
	const status = String(container.status ?? '');
	if (!CONTAINER_ID_PATTERN.test(id)) return { delete: false, reason: 'kept: its ID is not a valid container ID' };
	if (rules.protectIds.has(id.toLowerCase())) return { delete: false, reason: "kept: its ID is in 'Protect IDs'" };
	const nameRules = rules.protect !== undefined || rules.nameMatches !== undefined || rules.nameContains !== '';
	if (nameRules && name === undefined) return { delete: false, reason: 'kept: its name cannot be read, and a name rule is set' };
	if (rules.protect?.test(name as string)) return { delete: false, reason: `kept: its name matches the protection /${rules.protect.source}/` };
	const reasons: string[] = [];
	if (!rules.statuses.includes(status)) return { delete: false, reason: `kept: status ${status || 'unknown'} is not one of ${rules.statuses.join(', ')}` };
	reasons.push(`status ${status}`);
	if (rules.olderThanMs > 0) {
		const created = readDateTime(container.createTime, rules.zone);
		if (!created) return { delete: false, reason: 'kept: its creation time is unknown' };
		const ageHours = Math.floor((rules.now - created.getTime()) / 3600000);
		if (rules.now - created.getTime() <= rules.olderThanMs) return { delete: false, reason: `kept: created ${ageHours} h ago, not more than ${rules.olderThanMs / 3600000} h` };
		reasons.push(`created ${ageHours} h ago (more than ${rules.olderThanMs / 3600000} h)`);
	}
	if (rules.nameContains !== '') {
		if (!(name as string).includes(rules.nameContains)) return { delete: false, reason: `kept: its name does not contain '${rules.nameContains}'` };
		reasons.push(`name contains '${rules.nameContains}'`);
	}
	if (rules.nameMatches) {
		if (!rules.nameMatches.test(name as string)) return { delete: false, reason: `kept: its name does not match /${rules.nameMatches.source}/` };
		reasons.push(`name matches /${rules.nameMatches.source}/`);
	}
	return { delete: true, reason: reasons.join('; ') };
}
