import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { isTimeZone } from '../shared/helpers/dates';
import { getSchedulers, schedulerField } from '../shared/jobs/schedulerOptions';
import { FINAL_STATES } from '../shared/jobs/states';
import { optionsCollection, SCNET_TIME_ZONE, timezoneOption } from '../shared/parameters/options';
import { simplifyField, simplifyValue } from '../shared/parameters/simplify';
import { CREDENTIAL_TYPE } from '../shared/transport';
import { beforeVersion, fromVersion } from '../Scnet/actions/common/versions';
import { MAX_HOURS, pollContainers, TRIGGER_STATUSES } from './containerPoll';
import { pollJobs } from './jobPoll';
import { NOTEBOOK_TRIGGER_STATUSES, pollNotebooks } from './notebookPoll';
import { pollAlone } from './pollGuard';
import { TRIGGER_SIMPLIFY_VERSION } from './versions';

/** The events, as 'Event' lists them. */
const EVENTS: INodePropertyOptions[] = [
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
	{
		name: 'Job Finished',
		value: 'jobFinished',
		description: 'A Slurm job reached a final state (by default Completed, Failed, Cancelled or TimedOut); once per job',
	},
	{
		name: 'Job State Changed',
		value: 'jobStateChanged',
		description: 'A Slurm job whose state differs from the last poll, or that was submitted since; with its previousState',
	},
	{
		name: 'Notebook Status Changed',
		value: 'notebookStatusChanged',
		description: "A notebook whose status differs from the last poll, or that appeared since (previousStatus null); one that was released comes as status 'Released'",
	},
];

/** The canvas subtitle: the event's name, as 'Event' lists it (its value if an unknown one is set). */
const SUBTITLE = `={{ (${JSON.stringify(Object.fromEntries(EVENTS.map((event) => [event.value, event.name])))})[$parameter["event"]] || $parameter["event"] }}`;

export class ScnetTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SCNet Trigger',
		name: 'scnetTrigger',
		icon: { light: 'file:../Scnet/scnet.svg', dark: 'file:../Scnet/scnet.dark.svg' },
		group: ['trigger'],
		// 2: items are simplified by default.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: SUBTITLE,
		description: 'Starts the workflow when SCNet containers, Slurm jobs or notebooks change: a job finished, status changes, new containers, containers running too long',
		defaults: { name: 'SCNet Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [
			{
				displayName:
					'SCNet has no webhooks: this trigger lists the containers (or jobs, or notebooks) on every poll and compares them with the last poll. The first poll after publishing only records what exists. A test run hands on only what matches the event and its filters now.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: EVENTS,
				default: 'statusChanged',
			},
			{
				...schedulerField,
				displayOptions: { show: { event: ['jobFinished', 'jobStateChanged'] } },
			},
			{
				displayName: 'States',
				name: 'states',
				type: 'multiOptions',
				options: FINAL_STATES.map((state) => ({ name: state, value: state })),
				default: ['Completed', 'Failed', 'Cancelled', 'TimedOut'],
				displayOptions: { show: { event: ['jobFinished'] } },
				description: 'Report a finished job only if it ended in one of these states',
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
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: NOTEBOOK_TRIGGER_STATUSES.map((status) => ({ name: status, value: status })),
				default: [],
				displayOptions: { show: { event: ['notebookStatusChanged'] } },
				description: "Only for notebooks that are now in one of these statuses (Terminated is SCNet's word for stopped). None: every status.",
			},
			{
				displayName: 'Hours',
				name: 'hours',
				type: 'number',
				default: 8,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				displayOptions: { show: { event: ['runningTooLong'], '@version': beforeVersion(TRIGGER_SIMPLIFY_VERSION) } },
				description: 'Report a container once it has been running for longer than this',
			},
			{
				displayName: 'Running Longer Than (Hours)',
				name: 'hours',
				type: 'number',
				default: 8,
				typeOptions: { minValue: 0, maxValue: MAX_HOURS, numberPrecision: 0 },
				displayOptions: { show: { event: ['runningTooLong'], '@version': fromVersion(TRIGGER_SIMPLIFY_VERSION) } },
				description: 'Report a container once it has been running for more than this many whole hours (by its start time)',
			},
			simplifyField(
				"each item's ID, name, status or state, times (ISO 8601) and resources (for a job also its queue, user, exit code and reason), with the event's own fields such as previousStatus",
				fromVersion(TRIGGER_SIMPLIFY_VERSION),
			),
			optionsCollection([
				{
					...timezoneOption,
					description: "The time zone SCNet's times (createTime, startTime) are written in. SCNet gives none; its platform runs on China time (UTC+8).",
				},
			]),
		],
	};

	methods = { loadOptions: { getSchedulers } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getMode() === 'manual') return await pollOnce(this);
		return await pollAlone(`${this.getWorkflow().id ?? ''}/${this.getNode().id ?? this.getNode().name}`, async () => await pollOnce(this));
	}
}

/** One poll of the event chosen: a container event, a job event or the notebook event. */
async function pollOnce(context: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const event = context.getNodeParameter('event', 'statusChanged') as string;
	const chosen = String((context.getNodeParameter('options', {}) as IDataObject).timezone ?? '').trim();
	const zone = chosen && isTimeZone(chosen) ? chosen : SCNET_TIME_ZONE;
	// Version 1 lacks 'Simplify': its items stay SCNet's full objects.
	const simplify = simplifyValue(context.getNode(), context.getNodeParameter('simplify', false));
	if (event === 'jobFinished' || event === 'jobStateChanged') return await pollJobs(context, event, zone, simplify);
	if (event === 'notebookStatusChanged') return await pollNotebooks(context, zone, simplify);
	return await pollContainers(context, event, zone, simplify);
}

