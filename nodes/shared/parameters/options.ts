import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { isTimeZone } from '../helpers/dates';
import type { RequestSettings } from '../transport';
import { describeValue, numeric, readBoolean, readWholeNumber } from './readers';

/** A whole-number option: its label (for messages), bounds and default. */
export interface WholeNumber {
	label: string;
	min: number;
	max: number;
	default: number;
}

const MAX_TRIES: WholeNumber = { label: 'Max Tries', min: 1, max: 10, default: 3 };
const TIMEOUT: WholeNumber = { label: 'Timeout', min: 1, max: 600000, default: 30000 };

/** The editor waits on its lookups (pickers): one quick try more, then a clear message. */
export const EDITOR_LOOKUP: RequestSettings = { timeout: 20000, maxTries: 2 };

/** The bounds of the options every call has, to spread into an operation's own. */
export const REQUEST_NUMBERS = { maxTries: MAX_TRIES, timeout: TIMEOUT };

/** A whole-number option, its label, bounds and default from `bounds`. */
export function wholeNumberOption(name: string, { label, min, max, default: initial }: WholeNumber, description: string): INodeProperties {
	return {
		displayName: label,
		name,
		type: 'number',
		default: initial,
		typeOptions: { minValue: min, maxValue: max, numberPrecision: 0 },
		description,
	};
}

/** The options every call to SCNet has, for an operation's 'Options' collection. */
export const requestOptions: INodeProperties[] = [
	wholeNumberOption(
		'maxTries',
		MAX_TRIES,
		'How many times to send a request that meets a temporary fault (HTTP 429 or 5xx, a dropped connection, a timeout, code 10012) before it is reported as failed',
	),
	wholeNumberOption('timeout', TIMEOUT, 'Time in milliseconds to wait for each answer from SCNet (at most 10 minutes)'),
];

/**
 * Reads the whole-number options of `bounds` from an 'Options' value, with their defaults, and
 * refuses any that is not a whole number within its bounds, naming it.
 */
export function readWholeNumbers<K extends string>(
	context: IExecuteFunctions,
	raw: Record<string, unknown>,
	bounds: Record<K, WholeNumber>,
): Record<K, number> {
	const values = {} as Record<K, number>;
	for (const key of Object.keys(bounds) as K[]) {
		const { label, min, max } = bounds[key];
		// An option not added has its default; one added and left empty (or given text) is refused.
		const given = key in raw ? raw[key] : bounds[key].default;
		const value = numeric(given, { whole: true });
		if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
			throw new NodeOperationError(context.getNode(), `The option '${label}' must be a whole number from ${min} to ${max}`, {
				description: `It is set to ${describeValue(given)}.`,
			});
		}
		values[key] = value;
	}
	return values;
}

/** The 'Options' of an operation for one item (item 0 for operations that send all items together). */
export function readOptions(context: IExecuteFunctions, itemIndex = 0): Record<string, unknown> {
	return context.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
}

/** Timeout and Max Tries from an 'Options' value. */
export function readRequestSettings(context: IExecuteFunctions, raw: Record<string, unknown>): RequestSettings {
	return readWholeNumbers(context, raw, REQUEST_NUMBERS);
}

/** SCNet writes times without a zone; the platform runs on China time (UTC+8). */
export const SCNET_TIME_ZONE = 'Asia/Shanghai';

/** The option that says in which zone SCNet's times (`createTime`) are written. */
export const timezoneOption: INodeProperties = {
	displayName: 'SCNet Time Zone',
	name: 'timezone',
	type: 'string',
	default: SCNET_TIME_ZONE,
	placeholder: 'e.g. Asia/Shanghai or +08:00',
	description:
		"The time zone SCNet's times (such as createTime) are written in, as an IANA name or an offset. SCNet gives none; its platform runs on China time (UTC+8).",
};

/** The 'SCNet Time Zone' option, checked. */
export function readTimezone(context: IExecuteFunctions, raw: Record<string, unknown>): string {
	const zone = typeof raw.timezone === 'string' && raw.timezone.trim() !== '' ? raw.timezone.trim() : SCNET_TIME_ZONE;
	if (!isTimeZone(zone)) {
		throw new NodeOperationError(context.getNode(), `The option 'SCNet Time Zone' is not a time zone: '${zone}'`, {
			description: 'Use an IANA name such as Asia/Shanghai, or an offset such as +08:00.',
		});
	}
	return zone;
}

/** An operation's 'Options' collection, its entries in alphabetical order as the editor lists them. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** 'Return All' and 'Limit', as every Get Many has them. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { returnAll: [false] } },
		description: 'Max number of results to return',
	},
];

/** How many results 'Return All' and 'Limit' ask for: undefined for all. */
export function readLimit(context: IExecuteFunctions): number | undefined {
	const node = context.getNode();
	const returnAll = readBoolean({ node, label: 'Return All', itemIndex: 0 }, context.getNodeParameter('returnAll', 0));
	return returnAll ? undefined : readWholeNumber({ node, label: 'Limit', itemIndex: 0 }, context.getNodeParameter('limit', 0), { min: 1, max: Number.MAX_SAFE_INTEGER });
}
