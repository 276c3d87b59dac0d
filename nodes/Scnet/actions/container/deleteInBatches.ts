import type { ScnetFailure } from '../../helpers/errorCodes';
import { planBatches } from '../../helpers/batches';
import type { RequestSettings, ScnetClient } from '../../transport';

export const DELETE_PATH = '/ai/openapi/v2/instance-service/task';

/** Gateways commonly refuse request lines of 8 KiB; every URL we send stays below this. */
export const MAX_URL_LENGTH = 8000;

export type DeleteOutcome =
	| { deleted: true; message: string }
	| { deleted: false; failure: ScnetFailure; sent: boolean };

export interface DeleteSettings extends RequestSettings {
	batchSize: number;
	/** How many requests may be under way at once. */
	parallelRequests: number;
	/** Send nothing more once one container has failed ("On Error: Stop"). */
	stopAtFirstFailure: boolean;
}

/** The documented form: the `ids` parameter repeated, never `ids[]=` or a comma list. */
export function deleteQuery(ids: readonly string[]): string {
	return `?${ids.map((id) => `ids=${id}`).join('&')}`;
}

/**
 * Room kept for the container service URL, which may only be known once the credential has signed
 * in: real ones are well under 100 characters.
 */
export const SERVICE_URL_RESERVE = 500;

/** Groups unique IDs into the DELETE requests to send, by count and by URL length. */
export function planDeleteRequests(ids: readonly string[], batchSize: number): string[][] {
	const budget = MAX_URL_LENGTH - 1 - SERVICE_URL_RESERVE - DELETE_PATH.length;
	return planBatches(ids, batchSize, (id) => `&ids=${id}`.length, budget);
}

/**
 * Deletes the given unique IDs and returns one outcome per ID.
 * SCNet answers one code for a whole request. When that code may concern only some of the IDs,
 * the request is split in halves until the failing IDs stand alone, so every other container is
 * still deleted. When it concerns the account, the remaining requests are not sent at all.
 */
export async function deleteInBatches(
	client: ScnetClient,
	ids: readonly string[],
	settings: DeleteSettings,
): Promise<Map<string, DeleteOutcome>> {
	const outcomes = new Map<string, DeleteOutcome>();
	let halt: ScnetFailure | undefined;

	const settle = async (batch: string[]): Promise<void> => {
		if (halt) {
			for (const id of batch) outcomes.set(id, { deleted: false, failure: notSent(halt), sent: false });
			return;
		}
		const result = await client.request('DELETE', `${DELETE_PATH}${deleteQuery(batch)}`, settings);
		if (result.ok) {
			for (const id of batch) outcomes.set(id, { deleted: true, message: result.message });
			return;
		}
		const { failure } = result;
		if (failure.scope === 'ids' && batch.length > 1) {
			const middle = Math.ceil(batch.length / 2);
			await settle(batch.slice(0, middle));
			await settle(batch.slice(middle));
			return;
		}
		for (const id of batch) outcomes.set(id, { deleted: false, failure, sent: true });
		if (failure.scope === 'account' || settings.stopAtFirstFailure) halt = failure;
	};

	const batches = planDeleteRequests(ids, settings.batchSize);
	let next = 0;
	const worker = async (): Promise<void> => {
		while (next < batches.length) await settle(batches[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(settings.parallelRequests, batches.length) }, worker));
	return outcomes;
}

function notSent(cause: ScnetFailure): ScnetFailure {
	return {
		...cause,
		description: `Not sent, because an earlier request in this run failed with code ${cause.code}. ${cause.description}`,
	};
}
