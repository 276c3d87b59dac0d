import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { containerView } from '../shared/containers/containerView';
import { ContainerLister } from '../shared/containers/listing';
import { optionsCollection, SCNET_TIME_ZONE, timezoneOption } from '../shared/parameters/options';
import { callError } from '../shared/results';
import { readChoices, readNumber } from '../shared/parameters/readers';
import { STATUSES } from '../shared/containers/taskTypes';
import { isTimeZone } from '../shared/helpers/dates';
import { CREDENTIAL_TYPE, ScnetClient } from '../shared/transport';
import { lookUpMissing } from './missing';
import { pollAlone } from './pollGuard';
import { isWatchState, watch, type Change } from './watch';

/** Containers per list request of a poll; SCNet may send fewer, and the poll reads every page. */
const PAGE_SIZE = 100;
/** How many of the newest containers "Fetch Test Event" shows. */
const SAMPLE_SIZE = 5;
const POLL_SETTINGS = { timeout: 30000, maxTries: 3 };
/** What a container can be in now; one that vanished is 'Deleted'. */
const TRIGGER_STATUSES = [...STATUSES, 'Deleted'];

export class ScnetTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SCNet Trigger',
		name: 'scnetTrigger',
		icon: { light: 'file:../Scnet/scnet.svg', dark: 'file:../Scnet/scnet.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description: 'Starts the workflow when SCNet containers change: status changes, new containers, containers running too long',
		defaults: { name: 'SCNet Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					'SCNet has no webhooks: this trigger lists the containers on every poll and compares them with the last poll. The first poll after publishing only records what exists. A test run hands on only containers that match the event and its filters now.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Container Created',
						value: 'containerCreated',
						description: 'A container that was not there at the last poll',
					},
					{
						name: 'Container Running Too Long',
						value: 'runningTooLong',
						description: 'A container that has been running (and billing) for more than the given hours; once per run of it',
					},
					{
						name: 'Container Status Changed',
						value: 'statusChanged',
						description: "A container whose status differs from the last poll; one that vanished comes as status 'Deleted'",
					},
				],
				default: 'statusChanged',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: TRIGGER_STATUSES.map((status) => ({ name: status, value: status })),
				default: [],
				displayOptions: { show: { event: ['statusChanged', 'containerCreated'] } },
				description: 'Only for containers that are now in one of these statuses. None: every status.',
			},
			{
				displayName: 'Hours',
				name: 'hours',
				type: 'number',
				default: 8,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				displayOptions: { show: { event: ['runningTooLong'] } },
				description: 'Report a container once it has been running for longer than this',
			},
			optionsCollection([
				{
					...timezoneOption,
					description: "The time zone SCNet's times (createTime, startTime) are written in. SCNet gives none; its platform runs on China time (UTC+8).",
				},
			]),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getMode() === 'manual') return await pollOnce(this);
		return await pollAlone(`${this.getWorkflow().id ?? ''}/${this.getNode().id ?? this.getNode().name}`, async () => await pollOnce(this));
	}
}

async function pollOnce(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = context.getNodeParameter('event', 'statusChanged') as string;
	// Read as strictly as the node's own rules: a value that cannot be read fails the poll, never "every status".
	const node = context.getNode();
	const statuses = event === 'runningTooLong' ? [] : readChoices({ node, label: 'Statuses' }, context.getNodeParameter('statuses', []), TRIGGER_STATUSES, { required: false });
	const hours = event === 'runningTooLong' ? readNumber({ node, label: 'Hours' }, context.getNodeParameter('hours', 8), { min: 0 }) : 0;
	const zoneOption = String((context.getNodeParameter('options', {}) as IDataObject).timezone ?? '').trim();
	const zone = zoneOption && isTimeZone(zoneOption) ? zoneOption : SCNET_TIME_ZONE;
	const tooLongMs = hours * 3600 * 1000;

	const client = await ScnetClient.connect(context);
	const listed = await new ContainerLister(client, POLL_SETTINGS).collect({}, { pageSize: PAGE_SIZE });
	if (!listed.ok) {
		// Nothing is recorded: the next poll compares with the last one that worked, so no change is lost.
		throw callError(node, listed.failure);
	}
	const containers = listed.containers.map((container) => containerView(container, zone));

	if (context.getMode() === 'manual') {
		const sample = manualSample(containers, event, { statuses, tooLongMs, zone });
		if (sample.length === 0) throw noSample(node, containers.length, event, { statuses, hours });
		return [context.helpers.returnJsonArray(sample)];
	}

	const staticData = context.getWorkflowStaticData('node');
	const scope = client.scope;
	// A state of another account or region (the credential was changed) is not compared with: the trigger starts afresh.
	const stored = isWatchState(staticData.watch) && (staticData.watch.scope ?? scope) === scope ? staticData.watch : undefined;
	const listedIds = new Set(containers.map((container) => String(container.id)));
	const missing = stored ? Object.keys(stored.seen).filter((id) => !listedIds.has(id)) : [];
	const { gone, found } = await lookUpMissing(client, missing, POLL_SETTINGS);
	const seenNow = [...containers, ...found.map((container) => containerView(container, zone))];
	const { changes, state } = watch(stored, seenNow, { now: Date.now(), zone, tooLongMs, gone });
	staticData.watch = { ...state, scope } as unknown as IDataObject;
	const items = changes.flatMap((change) => itemOf(change, event, statuses));
	return items.length > 0 ? [context.helpers.returnJsonArray(items)] : null;
}

/**
 * "Fetch Test Event" (and a manual run of the workflow, which feeds the real downstream nodes): the
 * newest containers that the active trigger could report for the event and its filters, shaped as
 * its items. Never others: a test of "Running Too Long → Stop" must not stop what just started.
 */
function manualSample(containers: IDataObject[], event: string, { statuses, tooLongMs, zone }: { statuses: string[]; tooLongMs: number; zone: string }): IDataObject[] {
	if (event === 'runningTooLong') {
		const running = containers.filter((container) => container.status === 'Running');
		const { changes } = watch({ seen: {} }, running, { now: Date.now(), zone, tooLongMs, gone: new Set() });
		return changes.flatMap((change) => itemOf(change, event, [])).slice(0, SAMPLE_SIZE);
	}
	const matching = containers.filter((container) => statuses.length === 0 || statuses.includes(String(container.status)));
	return matching.slice(0, SAMPLE_SIZE).map((container) => (event === 'statusChanged' ? { ...container, previousStatus: container.status } : container));
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
function itemOf(change: Change, event: string, statuses: string[]): IDataObject[] {
	if (change.kind !== event) return [];
	const status = String(change.container.status);
	if (change.kind === 'runningTooLong') {
		const runningHours = Math.round(((Date.now() - change.runningSince) / 3600000) * 10) / 10;
		return [{ ...change.container, runningSince: new Date(change.runningSince).toISOString(), runningHours }];
	}
	if (statuses.length > 0 && !statuses.includes(status)) return [];
	return [change.kind === 'statusChanged' ? { ...change.container, previousStatus: change.previousStatus } : change.container];
}
