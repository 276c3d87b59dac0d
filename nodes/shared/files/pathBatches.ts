import { planBatches } from '../helpers/batches';
import type { ScnetResult } from '../transport';
import type { ScnetFailure } from '../transport/errorCodes';

/*
 * Calls that take a comma-separated list of paths (remove, move) answer one code for the whole
 * request. When that code may concern only some of the paths (911020: one of them is not there),
 * the batch is split in halves until the failing paths stand alone, so every other path is still
 * handled; when it concerns the account, or "On Error: Stop" is set, nothing more is sent.
 */

export type PathOutcome = { ok: true; message: string } | { ok: false; failure: ScnetFailure; sent: boolean };

/** Room for the service URL and the other query fields in a request line gateways accept (8 KiB). */
const URL_BUDGET = 7000;

export interface PathBatchSettings {
	batchSize: number;
	stopAtFirstFailure: boolean;
}

export async function settlePaths(
	paths: readonly string[],
	send: (batch: string[]) => Promise<ScnetResult>,
	{ batchSize, stopAtFirstFailure }: PathBatchSettings,
): Promise<Map<string, PathOutcome>> {
	const outcomes = new Map<string, PathOutcome>();
	let halt: ScnetFailure | undefined;
	const settle = async (batch: string[]): Promise<void> => {
		if (halt) {
			const failure = { ...halt, description: `Not sent, because an earlier request in this run failed with code ${halt.code}. ${halt.description}` };
			for (const path of batch) outcomes.set(path, { ok: false, failure, sent: false });
			return;
		}
		const answer = await send(batch);
		if (answer.ok) {
			for (const path of batch) outcomes.set(path, { ok: true, message: answer.message });
			return;
		}
		if (answer.failure.scope === 'ids' && batch.length > 1) {
			const middle = Math.ceil(batch.length / 2);
			await settle(batch.slice(0, middle));
			await settle(batch.slice(middle));
			return;
		}
		for (const path of batch) outcomes.set(path, { ok: false, failure: answer.failure, sent: true });
		if (answer.failure.scope === 'account' || stopAtFirstFailure) halt = answer.failure;
	};
	// Each path costs its encoded length and a separator in the request line.
	for (const batch of planBatches(paths, batchSize, (path) => encodeURIComponent(path).length + 3, URL_BUDGET)) await settle(batch);
	return outcomes;
}
