import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { ScnetClient, type RequestSettings } from '../../../shared/transport';
import { CONTAINER } from '../../../shared/transport/endpoints';
import { withRemedy, type Remedies, type ScnetFailure } from '../../../shared/transport/errorCodes';
import type { OperationOption } from '../common/operation';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { checkEveryItem, runPerItem } from '../common/perItem';
import { continuesOnFail } from '../../../shared/onError';
import { apiFailure, containerSubject, inputProblem, succeeded, unnamedContainer, type ItemFailure } from '../../../shared/results';
import { numeric, readWholeNumber, refusal, type Origin } from '../../../shared/parameters/readers';
import { acceptedValues, pickField, readPick, readPickedText, readPickParameter } from '../../../shared/parameters/picks';
import { readList, type Problem } from '../../../shared/parameters/lists';
import { listResourceGroups, type ResourceGroup } from '../../../shared/containers/resourceGroups';
import { CONTAINER_MOUNT, mountsField, mountsFields, readMounts } from '../common/mounts';
import { SCRIPT_SCOPES, scriptScopeFields, scriptText } from '../common/script';
import { CONTAINER_ACCELERATOR_CHOICES, SERVICE_TYPE_CHOICES } from '../common/choices';
import { AGENT_VERSION, beforeVersion, fromVersion } from '../common/versions';
import { readWaitSettings, waitOptions, waitUntilRunning } from '../common/wait';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	description: 'Create a container instance from an image, with its resources, ports, mounts and start script; optionally wait until it runs',
	action: 'Create container',
	toolDescription:
		'Create an SCNet container from an image on a resource group, with CPU cores, memory, accelerators, ports and mounts. Needs a name and what the tool leaves to you (image, resource group, …). Returns {id, name, created, status}; a failure has an error object and nothing is created twice.',
};

const ACCELERATOR_TYPES = CONTAINER_ACCELERATOR_CHOICES.map((accelerator) => accelerator.value);

/** Fields of versions 1 and 2 that version 3 replaces by fields an AI agent can fill (see shared/parameters/picks.ts). */
const upToV2 = { show: { '@version': beforeVersion(AGENT_VERSION) } };
const fromV3 = { show: { '@version': fromVersion(AGENT_VERSION) } };

/** Where the default sizes come from: SCNet's own example, since no size suits every group. */
const SIZE_SOURCE = "SCNet's own example (its create page, and a container's resourceSpec '3 核心; 1 加速器; 15.0G 内存')";

const PROTOCOLS = [
	{ name: 'HTTP', value: 'HTTP' },
	{ name: 'SSH', value: 'SSH' },
];
const PORTS_EXAMPLE = '[{"port":8888,"protocol":"HTTP"}]';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. training-run-42',
		description: 'The name of the new container instance (instanceServiceName)',
	},
	{
		displayName: 'Resource Group Name or ID',
		name: 'resourceGroup',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getResourceGroups' },
		default: '',
		required: true,
		displayOptions: upToV2,
		description:
			'The resource group (kind of node) to run on, e.g. TeslaM40. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		...pickField({
			displayName: 'Resource Group',
			name: 'resourceGroup',
			required: true,
			description:
				"The resource group (kind of node) to run on, e.g. TeslaM40, by its name. The list shows what SCNet says of each group: its accelerator type, card model and count, cores and memory. A name the account's groups do not have stops the item before anything is created.",
			searchListMethod: 'searchResourceGroups',
			listPlaceholder: 'Select a resource group…',
			placeholder: 'e.g. TeslaM40',
			byValue: 'By Name',
		}),
		displayOptions: fromV3,
	},
	{
		displayName: 'Accelerator Type',
		name: 'acceleratorType',
		type: 'options',
		options: [...CONTAINER_ACCELERATOR_CHOICES],
		default: 'gpu',
		displayOptions: upToV2,
		description: 'The kind of accelerator the resource group has',
	},
	{
		...pickField({
			displayName: 'Accelerator Type',
			name: 'acceleratorType',
			description: `The kind of accelerator the resource group has: ${acceptedValues(CONTAINER_ACCELERATOR_CHOICES)}. Leave it empty to take the resource group's own, as SCNet's list of groups names it; a type given is checked against the group before anything is created.`,
			searchListMethod: 'searchAcceleratorTypes',
			listPlaceholder: "The resource group's own",
			placeholder: 'e.g. gpu',
			staticList: true,
		}),
		displayOptions: fromV3,
	},
	{
		displayName: 'Image',
		name: 'imagePath',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			"The image to run, picked from the images SCNet offers for the accelerator type (from version 3, the resource group's when 'Accelerator Type' is empty), or given by its full path",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an image…',
				typeOptions: { searchListMethod: 'searchImages', searchable: true },
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: 'e.g. 10.0.35.26:5000/<accelerator>/admin/base/<name>:<tag>',
			},
		],
	},
	{
		displayName: 'Image Version',
		name: 'version',
		type: 'string',
		default: '',
		placeholder: 'e.g. <name>:<tag>, the last part of the image path',
		description: "The image's name and tag. Leave empty to take it from the image path (its last part).",
	},
	{
		displayName: 'CPU Cores',
		name: 'cpuNumber',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: `How many CPU cores the container gets. The default, 3, is ${SIZE_SOURCE}; what a node of a group has is shown under the group in the 'Resource Group' list when SCNet says it.`,
	},
	{
		displayName: 'Accelerators',
		name: 'gpuNumber',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: `How many GPUs (or DCUs, MLUs) the container gets; 0 for a CPU-only group. The default, 1, is ${SIZE_SOURCE}.`,
	},
	{
		displayName: 'Memory (MB)',
		name: 'ramSize',
		type: 'number',
		default: 15360,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: `Memory in megabytes, e.g. 15360 for 15 GB. The default, 15360, is ${SIZE_SOURCE}; what a node of a group has is shown under the group in the 'Resource Group' list when SCNet says it.`,
	},
	{
		displayName: 'Service Type',
		name: 'taskType',
		type: 'options',
		options: [...SERVICE_TYPE_CHOICES],
		default: 'jupyter',
		displayOptions: upToV2,
		description: 'The service the container offers (taskType)',
	},
	{
		...pickField({
			displayName: 'Service Type',
			name: 'taskType',
			default: 'jupyter',
			description: `The service the container offers (taskType): ${acceptedValues(SERVICE_TYPE_CHOICES)}`,
			searchListMethod: 'searchServiceTypes',
			listPlaceholder: 'Select a service…',
			placeholder: 'e.g. jupyter',
			staticList: true,
		}),
		displayOptions: fromV3,
	},
	{
		displayName: 'Time Limit',
		name: 'timeoutLimit',
		type: 'string',
		default: '01:00:00',
		placeholder: 'e.g. 08:00:00 or unlimited',
		description: "How long the container may run before SCNet stops it, as HH:MM:SS, or 'unlimited' (it is billed while it runs)",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'A description of the instance',
			},
			{
				displayName: 'Instances',
				name: 'taskNumber',
				type: 'number',
				default: 1,
				typeOptions: { minValue: 1, numberPrecision: 0 },
				description: 'How many containers (tasks) the instance runs (taskNumber)',
			},
			...mountsFields(
				mountsField(
					{ description: 'Folders of the account mounted into the container', source: 'The folder on SCNet', target: 'Where it appears in the container' },
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [...CONTAINER_MOUNT.choices],
						default: 'data',
						description: 'The kind of mount, as SCNet names it',
					},
				),
				CONTAINER_MOUNT,
				'Folders of the account mounted into the container',
			),
			{
				displayName: 'Ports',
				name: 'ports',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add port',
				displayOptions: upToV2,
				description: 'Ports of the container to expose',
				options: [
					{
						displayName: 'Port',
						name: 'port',
						values: [
							{ displayName: 'Container Port', name: 'containerPort', type: 'number', default: 8888, typeOptions: { minValue: 1, maxValue: 65535 }, description: 'The port inside the container' },
							{
								displayName: 'Protocol',
								name: 'protocolType',
								type: 'options',
								options: [...PROTOCOLS],
								default: 'HTTP',
								description: 'How the port is reached',
							},
						],
					},
				],
			},
			{
				displayName: 'Ports',
				name: 'ports',
				type: 'json',
				default: '[]',
				displayOptions: fromV3,
				description: `Ports of the container to expose: a JSON list with one object per port, e.g. ${PORTS_EXAMPLE}. Each takes 'port' (1 to 65535; or SCNet's containerPort) and 'protocol' (or protocolType): 'HTTP' or 'SSH' (HTTP when left out).`,
			},
			{
				displayName: 'Start Script',
				name: 'startScript',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: 'e.g. pip install -r /mnt/data/requirements.txt',
				description: 'A shell script the container runs when it starts, one command per line',
			},
			...scriptScopeFields({ displayName: 'Start Script Runs In', name: 'startScriptScope', description: 'In which containers of the instance the start script runs' }),
		],
	},
	optionsCollection([...requestOptions, ...waitOptions]),
];

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['container'], operation: ['create'] } }, properties);

/** A create must never happen twice: after a fault that may have reached SCNet it is not sent again. */
const MAY_HAVE_BEEN_CREATED = 'The container may have been created: look for it by name with List before running the workflow again.';

const remedies: Remedies = {
	'10003': {
		message: 'SCNet reported missing fields for the new container',
		description: "Fill in every required field (name, resource group, image, sizes, service type, time limit); SCNet's message names what it missed.",
	},
};

const TIME_LIMIT = /^(?:unlimited|\d{1,4}:[0-5]\d:[0-5]\d)$/;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	// Version 3 checks the resource group and its accelerator type: the account's groups are read once per execution.
	let groups: Promise<GroupList> | undefined;
	const groupsOf = (settings: RequestSettings) => (groups ??= listResourceGroups(client, settings));
	const v3 = this.getNode().typeVersion >= AGENT_VERSION;
	// A container bills from its creation: with "Stop", every item is read — and from version 3
	// its group and accelerator type checked — before any is created.
	checkEveryItem(this, (itemIndex) => readItem(this, itemIndex));
	if (v3 && !continuesOnFail(this)) {
		for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
			const item = readItem(this, itemIndex);
			const listed = 'failure' in item ? undefined : await groupsOf(item.reads);
			// A list that cannot be read is the first item's failure, when it runs.
			if (!listed?.ok || 'failure' in item) break;
			acceleratorOfGroup({ node: this.getNode(), itemIndex }, String(item.body.resourceGroup), item.acceleratorGiven, listed.groups);
		}
	}
	return runPerItem(this, async (itemIndex) => {
		const item = readItem(this, itemIndex);
		if ('failure' in item) return item.failure;
		const { body, acceleratorGiven, reads, wait } = item;
		const settings = { ...reads, notRepeatable: MAY_HAVE_BEEN_CREATED };
		const name = body.instanceServiceName as string;
		if (v3) {
			const listed = await groupsOf(reads);
			if (!listed.ok) return apiFailure(unnamedContainer(name), listed.failure, itemIndex, { created: false });
			body.acceleratorType = acceleratorOfGroup({ node: this.getNode(), itemIndex }, String(body.resourceGroup), acceleratorGiven, listed.groups);
		}
		const result = await client.request('ai', 'POST', CONTAINER.tasks, { body }, settings);
		if (!result.ok) return apiFailure(unnamedContainer(name), withRemedy(result.failure, remedies), itemIndex, { created: false });

		const id = createdId(result.data);
		if (!id) {
			const failure = {
				code: 'NO_ID',
				message: 'SCNet created the container but returned no ID',
				description: `Find the container '${name}' with List, by name.`,
				scope: 'batch' as const,
			};
			return apiFailure(unnamedContainer(name), failure, itemIndex, { created: true });
		}
		const created = { id, created: true, code: '0', message: result.message || 'Created', name };
		if (!wait) return succeeded(created);
		const ran = await waitUntilRunning(client, id, wait, 'created');
		if (ran.ok) return succeeded({ ...created, status: ran.status });
		const failed = apiFailure(containerSubject(id), ran.failure, itemIndex, { created: true });
		return { ...failed, json: { ...failed.json, name, ...(ran.status ? { status: ran.status } : {}) } };
	}, { once: true });
}

/** What one item asks for: the body, the request and wait settings; or its input failure. Refusals throw. */
type ItemInput = { body: IDataObject; acceleratorGiven?: string; reads: RequestSettings; wait: ReturnType<typeof readWaitSettings> };

function readItem(context: IExecuteFunctions, itemIndex: number): ItemInput | { failure: ItemFailure } {
	const options = readOptions(context, itemIndex);
	const reads = readRequestSettings(context, options);
	// Looking at the new container may be repeated; only the create itself must not be.
	const wait = readWaitSettings(context, options, reads);
	const built = requestBody(context, itemIndex);
	if ('problem' in built) {
		const { message, description } = built.problem;
		return { failure: inputProblem({ id: null, created: false, code: 'INVALID_INPUT', description }, message, itemIndex) };
	}
	return { ...built, reads, wait };
}

/** SCNet answers the new container's ID as `data` (a string); an object holding it is read too. */
function createdId(data: unknown): string | undefined {
	const id = typeof data === 'string' || typeof data === 'number' ? data : (data as IDataObject | null)?.id;
	return (typeof id === 'string' && id.trim() !== '') || typeof id === 'number' ? String(id).trim() : undefined;
}

type GroupList = { ok: true; groups: ResourceGroup[] } | { ok: false; failure: ScnetFailure };

/**
 * The accelerator type a version 3 item sends, checked against the account's resource groups
 * before anything is created: the one given, when the group's is unknown or the same; the group's,
 * when none is given. A group the account does not have, a type the group does not have, or none
 * given for a group whose type SCNet does not name throws, naming the field and what it takes.
 */
function acceleratorOfGroup(origin: Omit<Origin, 'label'>, name: string, given: string | undefined, groups: ResourceGroup[]): string {
	const group = groups.find((candidate) => candidate.name === name);
	if (groups.length > 0 && !group) {
		throw refusal({ ...origin, label: 'Resource Group' }, `one of the account's resource groups (${groups.map((one) => one.name).join(', ')})`, name, 'SCNet lists no resource group of that name for the account. Nothing was sent to SCNet.');
	}
	const own = group?.acceleratorType;
	if (given !== undefined && own !== undefined && given !== own) {
		throw refusal(
			{ ...origin, label: 'Accelerator Type' },
			`${own}, the accelerator of resource group '${name}'`,
			given,
			"Leave 'Accelerator Type' empty to take the group's own, or choose a group with this accelerator. Nothing was sent to SCNet.",
		);
	}
	const type = given ?? own;
	if (type === undefined) {
		throw refusal(
			{ ...origin, label: 'Accelerator Type' },
			`one of ${ACCELERATOR_TYPES.join(', ')} (SCNet's list of resource groups does not say which accelerator '${name}' has)`,
			'',
			"Choose the group's accelerator type in 'Accelerator Type'. Nothing was sent to SCNet.",
		);
	}
	return type;
}

/** A port of 'Ports', as SCNet documents it. */
const PORT_SHAPE = { label: 'Ports', noun: 'port', collection: 'port', keys: { containerPort: ['port'], protocolType: ['protocol'] }, example: PORTS_EXAMPLE };

/** The ports an item's 'Additional Fields' hold, for every version (the fixedCollection, or version 3's JSON); the problem when it is not such a list. */
function readPorts(origin: Omit<Origin, 'label'>, raw: unknown): { ports: IDataObject[] } | { problem: Problem } {
	const read = readList(raw, PORT_SHAPE);
	if ('problem' in read) return read;
	const ports = read.entries.map((entry) => ({
		containerPort: readWholeNumber({ ...origin, label: 'Container Port' }, entry.containerPort, { min: 1, max: 65535 }),
		protocolType: entry.protocolType === undefined ? 'HTTP' : readPick({ ...origin, label: 'Protocol' }, entry.protocolType, PROTOCOLS),
	}));
	return { ports };
}

/**
 * The documented create body from the item's fields, or the problem with a field that cannot be
 * right; with the accelerator type version 3 was given (undefined for the group's own).
 */
function requestBody(context: IExecuteFunctions, itemIndex: number): { body: IDataObject; acceleratorGiven?: string } | { problem: Problem } {
	const node = context.getNode();
	const v3 = node.typeVersion >= AGENT_VERSION;
	const text = (name: string) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	// An expression often gives a number as text ("4", from JSON or a form): read it as the number.
	const whole = (value: unknown) => numeric(value, { whole: true });
	const count = (name: string) => whole(context.getNodeParameter(name, itemIndex, 0)) as number;
	const problem = (message: string, description: string) => ({ problem: { message, description } });
	const origin = (label: string): Origin => ({ node, label, itemIndex });
	// A picker's value (version 3) or an option's (versions 1 and 2), as n8n resolves it.
	const picked = (name: string) => context.getNodeParameter(name, itemIndex, '', { extractValue: true });

	const name = text('name');
	if (name === '') return problem("No name in 'Name'", 'Give the new container instance a name.');
	const imagePath = readPickedText(origin('Image'), context.getNodeParameter('imagePath', itemIndex, '', { extractValue: true }), "an image's full path");
	if (imagePath === '') return problem("No image in 'Image'", 'Pick an image from the list, or give its full path.');
	const groupLabel = v3 ? 'Resource Group' : 'Resource Group Name or ID';
	const resourceGroup = readPickedText(origin(groupLabel), picked('resourceGroup'), "a resource group's name");
	if (resourceGroup === '') return problem(`No resource group in '${groupLabel}'`, 'Pick one of the resource groups SCNet lists for the account.');
	// Version 3: empty for the group's own type (read against the group before anything is sent).
	const accelerator = readPickedText(origin('Accelerator Type'), picked('acceleratorType'), `one of ${ACCELERATOR_TYPES.join(', ')}`);
	const acceleratorGiven = v3 && accelerator === '' ? undefined : readPick(origin('Accelerator Type'), accelerator, ACCELERATOR_TYPES);
	const taskType = readPickParameter(context, 'taskType', itemIndex, 'Service Type', SERVICE_TYPE_CHOICES);
	const timeoutLimit = text('timeoutLimit');
	if (!TIME_LIMIT.test(timeoutLimit)) return problem(`'Time Limit' must be HH:MM:SS or 'unlimited', not '${timeoutLimit}'`, 'For example 08:00:00 for eight hours.');
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const taskNumber = extra.taskNumber === undefined ? 1 : (whole(extra.taskNumber) as number);
	for (const [label, value, min] of [
		['CPU Cores', count('cpuNumber'), 1],
		['Accelerators', count('gpuNumber'), 0],
		['Memory (MB)', count('ramSize'), 1],
		['Instances', taskNumber, 1],
	] as const) {
		if (!Number.isInteger(value) || value < min) return problem(`'${label}' must be a whole number of at least ${min}, not ${String(value)}`, 'Use the sizes the resource group allows.');
	}

	const ports = readPorts({ node, itemIndex }, extra.ports);
	if ('problem' in ports) return ports;
	const mounts = readMounts({ node, itemIndex }, extra, CONTAINER_MOUNT);
	if ('problem' in mounts) return mounts;
	const startScript = scriptText(extra.startScript);
	const body: IDataObject = {
		acceleratorType: acceleratorGiven ?? '',
		...(ports.ports.length > 0 ? { containerPortInfoList: ports.ports } : {}),
		cpuNumber: count('cpuNumber'),
		...(typeof extra.description === 'string' && extra.description !== '' ? { description: extra.description } : {}),
		gpuNumber: count('gpuNumber'),
		imagePath,
		instanceServiceName: name,
		...(mounts.mounts.length > 0 ? { mountInfoList: mounts.mounts } : {}),
		ramSize: count('ramSize'),
		resourceGroup,
		startScriptActionScope: extra.startScriptScope === undefined ? 'all' : readPick(origin('Start Script Runs In'), extra.startScriptScope, SCRIPT_SCOPES),
		...(startScript !== '' ? { startScriptContent: startScript } : {}),
		taskNumber,
		taskType,
		timeoutLimit,
		useStartScript: startScript !== '',
		version: text('version') || (imagePath.split('/').pop() as string),
	};
	return { body, acceleratorGiven };
}
