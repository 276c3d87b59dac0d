import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { checkEveryItem } from '../common/perItem';
import { HpcAccount, type Scheduler } from '../../../shared/jobs/hpcAccount';
import { readScheduler } from '../../../shared/jobs/schedulerOptions';
import { describeValue } from '../../../shared/parameters/readers';
import { apiFailure, inputProblem, type ItemFailure, type Subject } from '../../../shared/results';
import type { RequestSettings, ScnetClient } from '../../../shared/transport';
import type { ScnetFailure } from '../../../shared/transport/errorCodes';
import { continuesOnFail } from '../../../shared/onError';

/*
 * What the job operations share: the scheduler and job ID fields, and reading them. The
 * scheduler decides which cluster a job is submitted to or cancelled on, so a value that names
 * no scheduler of the region stops the item before anything is sent.
 */

export { schedulerField, schedulerFields } from '../../../shared/jobs/schedulerOptions';

export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 834040',
	description: "The Slurm job ID, as Submit returns it (array tasks look like '5_1')",
};

/** A Slurm job ID: digits, an array task (`5_1`) or a het-job part (`5+1`). */
const JOB_ID = /^\d+(?:[_+]\d+)?$/;

/** The 'Job ID' of an item, or the input failure that names it. */
export function readJobId(context: IExecuteFunctions, itemIndex: number, flags: IDataObject = {}): { jobId: string } | { failure: ItemFailure } {
	const value = context.getNodeParameter('jobId', itemIndex, '') as unknown;
	const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
	if (text !== undefined && JOB_ID.test(text)) return { jobId: text };
	const description = 'Enter the job ID Submit returned, or map it with an expression such as {{ $json.jobId }}.';
	const none = text === '' || value === undefined || value === null;
	const message = none ? "No job ID in 'Job ID'" : `Invalid job ID ${describeValue(value)} in 'Job ID': a Slurm job ID is digits, such as 834040`;
	return { failure: inputProblem({ jobId: none ? null : (text ?? null), ...flags, code: none ? 'NO_JOB_ID' : 'INVALID_JOB_ID', description }, message, itemIndex) };
}

/**
 * The HPC side of one execution, opened on first use (its scheduler list signs in). A failure to
 * open it is every item's failure.
 */
export class HpcSession {
	private opened: Promise<HpcAccount | { failure: ScnetFailure }> | undefined;

	constructor(
		readonly client: ScnetClient,
		private readonly settings: RequestSettings,
	) {}

	account(): Promise<HpcAccount | { failure: ScnetFailure }> {
		this.opened ??= HpcAccount.open(this.client, this.settings);
		return this.opened;
	}

	/**
	 * The item's 'Scheduler' for a call about `subject`: resolved against the region's list, or the
	 * item's failure. One that names no scheduler of the region throws under "Stop" (naming the
	 * value) and is the item's failure (`UNKNOWN_SCHEDULER`) under "Continue".
	 */
	async schedulerFor(context: IExecuteFunctions, itemIndex: number, subject: Subject, flags: IDataObject = {}): Promise<{ scheduler: Scheduler; account: HpcAccount } | { failure: ItemFailure }> {
		const found = await this.resolve(context, itemIndex);
		if ('unknown' in found) {
			if (!continuesOnFail(context)) throw found.unknown;
			const json = { ...subject.json, ...flags, code: 'UNKNOWN_SCHEDULER', description: found.unknown.description ?? '' };
			return { failure: inputProblem(json, found.unknown.message, itemIndex) };
		}
		return 'failure' in found ? { failure: jobFailure(subject, found.failure, itemIndex, flags) } : found;
	}

	/**
	 * "Stop" fails closed: every item's input (`read` returns its failure, or throws a refusal) and
	 * scheduler is read before anything is asked of SCNet for any item.
	 */
	async checkEveryItem(context: IExecuteFunctions, read: (itemIndex: number) => object): Promise<void> {
		if (continuesOnFail(context)) return;
		checkEveryItem(context, read);
		const items = context.getInputData();
		// A scheduler list that cannot be read is the first item's failure, when the item runs.
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) if ('failure' in (await this.scheduler(context, itemIndex))) return;
	}

	/** The item's 'Scheduler', resolved against the region's list; throws (naming the value) when it names none. */
	async scheduler(context: IExecuteFunctions, itemIndex: number): Promise<{ scheduler: Scheduler; account: HpcAccount } | { failure: ScnetFailure }> {
		const found = await this.resolve(context, itemIndex);
		if ('unknown' in found) throw found.unknown;
		return found;
	}

	/** The item's 'Scheduler' against the region's list: found, the list's failure, or the refusal of a value that names none. */
	private async resolve(
		context: IExecuteFunctions,
		itemIndex: number,
	): Promise<{ scheduler: Scheduler; account: HpcAccount } | { failure: ScnetFailure } | { unknown: NodeOperationError }> {
		const account = await this.account();
		if (!(account instanceof HpcAccount)) return account;
		const { value, fromExpression } = readScheduler(context, itemIndex);
		const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
		// Left empty in the form, it means the first scheduler; an expression that gives nothing is refused.
		const vanished = fromExpression && (text === undefined || text.trim() === '');
		const scheduler = text === undefined || vanished ? undefined : account.scheduler(text);
		if (scheduler) return { scheduler, account };
		const listed = account.schedulers.map((one) => `${one.name} (${one.id})`).join(', ') || 'none';
		const unknown = new NodeOperationError(context.getNode(), `'Scheduler' must name a scheduler of the region, not ${describeValue(value)}`, {
			itemIndex,
			description: `The region's schedulers: ${listed}. Nothing was sent to SCNet.`,
		});
		return { unknown };
	}
}

/**
 * The result of a job call SCNet failed. The scheduler's own words (why it refused a job, say)
 * come in the envelope's `msg`: they are passed on verbatim, in the message and as `scnetMessage`.
 */
export function jobFailure(subject: Subject | undefined, failure: ScnetFailure, itemIndex: number, flags: IDataObject = {}): ItemFailure {
	const words = failure.scnetMessage;
	const said = words !== undefined && !failure.message.includes(words) ? { ...failure, message: `${failure.message}: ${words}` } : failure;
	const result = apiFailure(subject, said, itemIndex, flags);
	return words === undefined ? result : { ...result, json: { ...result.json, scnetMessage: words } };
}
