import type { IDataObject } from 'n8n-workflow';

import type { IdEntry } from '../../helpers/containerIds';
import type { ScnetFailure } from '../../helpers/errorCodes';
import type { DeleteOutcome } from './deleteInBatches';

/*
 * What the Delete operation reports for each container ID occurrence: the JSON of the output
 * items, and the one-line messages that name the container, the code and the item.
 */

/** What one container ID became: the JSON of its output item, and the failure if it failed. */
export interface Verdict {
	json: IDataObject;
	failure?: ScnetFailure;
	/** False for IDs that failed without being sent, after an earlier request halted the run. */
	sent?: boolean;
}

/** A failed entry of one item: its output JSON, and the one-line message that names item and value. */
export interface ItemFailure {
	json: IDataObject;
	headline: string;
}

export const INPUT_HELP =
	"'Container IDs' takes a text with IDs separated by commas, spaces or new lines, or an expression that returns a list with one ID per element, e.g. {{ $json.id }} or {{ $json.body.ids }}.";

export type InvalidEntry = Extract<IdEntry, { valid: false }>;

export function verdictOf(id: string, outcome: DeleteOutcome): Verdict {
	if (outcome.deleted) {
		return { json: { id, deleted: true, code: '0', message: outcome.message || 'Deleted' } };
	}
	const { code, message, description } = outcome.failure;
	return { json: { id, deleted: false, code, message, description }, failure: outcome.failure, sent: outcome.sent };
}

export function dryRunVerdicts(requests: string[][]): Map<string, Verdict> {
	const verdicts = new Map<string, Verdict>();
	requests.forEach((batch, index) => {
		const message = `Dry run: would be deleted in request ${index + 1} of ${requests.length}`;
		for (const id of batch) verdicts.set(id, { json: { id, deleted: false, dryRun: true, message } });
	});
	return verdicts;
}

export function noIdFailure(itemIndex: number): ItemFailure {
	const headline = `No container ID in 'Container IDs' [item ${itemIndex}]`;
	return {
		json: { id: null, deleted: false, code: 'NO_CONTAINER_ID', message: headline, description: INPUT_HELP },
		headline,
	};
}

export function invalidIdFailure(entry: InvalidEntry, itemIndex: number): ItemFailure {
	const headline = `Invalid container ID ${entry.shown}: ${entry.reason} [item ${itemIndex}]`;
	return {
		json: { id: entry.value, deleted: false, code: 'INVALID_CONTAINER_ID', message: headline, description: INPUT_HELP },
		headline,
	};
}

export function apiHeadline(id: string, failure: ScnetFailure, itemIndex: number): string {
	return `${failure.message} (container '${id}', code ${failure.code}) [item ${itemIndex}]`;
}
