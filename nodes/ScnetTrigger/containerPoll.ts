import { NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import { whereabouts } from '../shared/containers/alreadyGone';
import { containerView, simplifiedContainer } from '../shared/containers/containerView';
import { ContainerLister } from '../shared/containers/listing';
import { STATUSES } from '../shared/containers/taskTypes';
import { readChoices, readNumber, readWholeNumber } from '../shared/parameters/readers';
import { callError } from '../shared/results';
import { ScnetClient } from '../shared/transport';
import { lookUpMissing } from './missing';
import { TRIGGER_SIMPLIFY_VERSION } from './versions';
import { isWatchState, watch, type Change } from './watch';

/** Containers per list request of a poll; SCNet may send fewer, and the poll reads every page. */
const PAGE_SIZE = 100;
/** How many of the newest containers "Fetch Test Event" shows. */
export const SAMPLE_SIZE = 5;
export const POLL_SETTINGS = { timeout: 30000, maxTries: 3 };
/** The most 'Running Longer Than (Hours)' takes: over eleven years. */
export const MAX_HOURS = 100000;
/** What a container can be in now; one that vanished is 'Deleted'. */
export const TRIGGER_STATUSES = [...STATUSES, 'Deleted'];

/**
 * One poll for a container event: list every container, compare with the last poll, emit what
 * changed; each item simplified (`simplify`) or SCNet's full object, with the event's fields.
 */
export async function pollContainers(context: IPollFunctions, event: string, zone: string, simplify = false): Promise<INodeExecutionData[][] | null> {
	// Read as strictly as the node's own rules: a value that cannot be read fails the poll, never "every status".
	const node = context.getNode();
	const statuses = event === 'runningTooLong' ? [] : readChoices({ node, label: 'Statuses' }, context.getNodeParameter('statuses', []), TRIGGER_STATUSES, { required: false });
	const hours = event === 'runningTooLong' ? readHours(node, context.getNodeParameter('hours', 8)) : 0;
	const tooLongMs = hours * 3600 * 1000;
	const shape = (container: IDataObject) => (simplify ? simplifiedContainer(container, zone) : container);

	const client = await ScnetClient.connect(context);
	const listed = await new ContainerLister(client, POLL_SETTINGS).collect({}, { pageSize: PAGE_SIZE });
	if (!listed.ok) {
		// Nothing is recorded: the next poll compares with the last one that worked, so no change is lost.
		throw callError(node, listed.failure);
	}
	const containers = listed.containers.map((container) => containerView(container, zone));

	if (context.getMode() === 'manual') {
		const sample = manualSample(containers, event, { statuses, tooLongMs, zone, shape });
		if (sample.length === 0) throw noSample(node, containers.length, event, { statuses, hours });
		return [context.helpers.returnJsonArray(sample)];
	}

	const staticData = context.getWorkflowStaticData('node');
	const scope = client.scope;
	// A state of another account or region (the credential was changed) is not compared with: the trigger starts afresh.
	const stored = isWatchState(staticData.watch) && (staticData.watch.scope ?? scope) === scope ? staticData.watch : undefined;
	const listedIds = new Set(containers.map((container) => String(container.id)));
	const missing = stored ? Object.keys(stored.seen).filter((id) => !listedIds.has(id)) : [];
	const { gone, found } = await lookUpMissing(missing, async (id) => {
		const answer = await whereabouts(client, id, POLL_SETTINGS);
		return answer.gone ? answer : { gone: false, found: answer.container };
	});
	const seenNow = [...containers, ...found.map((container) => containerView(container, zone))];
	const { changes, state } = watch(stored, seenNow, { now: Date.now(), zone, tooLongMs, gone });
	staticData.watch = { ...state, scope } as unknown as IDataObject;
	const items = changes.flatMap((change) => itemOf(change, event, statuses, shape));
	return items.length > 0 ? [context.helpers.returnJsonArray(items)] : null;
}

/**
 * "Fetch Test Event" (and a manual run of the workflow, which feeds the real downstream nodes): the
 * newest containers that the active trigger could report for the event and its filters, shaped as
 * its items. Never others: a test of "Running Too Long → Stop" must not stop what just started.
 */
function manualSample(
	containers: IDataObject[],
	event: string,
	{ statuses, tooLongMs, zone, shape }: { statuses: string[]; tooLongMs: number; zone: string; shape: Shape },
): IDataObject[] {
	if (event === 'runningTooLong') {
		const running = containers.filter((container) => container.status === 'Running');
		const { changes } = watch({ seen: {} }, running, { now: Date.now(), zone, tooLongMs, gone: new Set() });
		return changes.flatMap((change) => itemOf(change, event, [], shape)).slice(0, SAMPLE_SIZE);
	}
	const matching = containers.filter((container) => statuses.length === 0 || statuses.includes(String(container.status)));
	return matching.slice(0, SAMPLE_SIZE).map((container) => (event === 'statusChanged' ? { ...shape(container), previousStatus: container.status } : shape(container)));
}

/** How a container's item is made from its view: simplified, or as it is. */
type Shape = (container: IDataObject) => IDataObject;

/**
 * 'Hours' (version 1, fractions allowed, as saved workflows have them) or 'Running Longer Than
 * (Hours)' (version 2 on: whole hours, as the editor shows them).
 */
function readHours(node: INode, value: unknown): number {
	if (node.typeVersion < TRIGGER_SIMPLIFY_VERSION) return readNumber({ node, label: 'Hours' }, value, { min: 0 });
	return readWholeNumber({ node, label: 'Running Longer Than (Hours)' }, value, { min: 0, max: MAX_HOURS });
}

/** Why a test run has no sample: plainly, rather than real containers the trigger would not report. */
function noSample(node: INode, listed: number, event: string, { statuses, hours }: { statuses: string[]; hours: number }): NodeOperationError {
	const wanted = event === 'runningTooLong' ? `has been running for more than ${hours} h (by its startTime)` : `is in ${statuses.join(', ')}`;
	return new NodeOperationError(node, `No container matches the event now: none of the ${listed} listed ${wanted}`, {
		description:
			'A test run only hands on containers the published trigger could report, so nothing downstream acts on others. Test again when one matches, or change the filters.',
	});
}

/** The item a change makes for the chosen event, if it makes one. */
function itemOf(change: Change, event: string, statuses: string[], shape: Shape): IDataObject[] {
	if (change.kind !== event) return [];
	const status = String(change.container.status);
	if (change.kind === 'runningTooLong') {
		const runningHours = Math.round(((Date.now() - change.runningSince) / 3600000) * 10) / 10;
		return [{ ...shape(change.container), runningSince: new Date(change.runningSince).toISOString(), runningHours }];
	}
	if (statuses.length > 0 && !statuses.includes(status)) return [];
	return [change.kind === 'statusChanged' ? { ...shape(change.container), previousStatus: change.previousStatus } : shape(change.container)];
}
