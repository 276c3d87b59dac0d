import {
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeParameterResourceLocator,
	type INodeProperties,
} from 'n8n-workflow';

import { ScnetClient } from '../../../shared/transport';
import { CONTAINER } from '../../../shared/transport/endpoints';
import { withRemedy, type Remedies } from '../../../shared/transport/errorCodes';
import type { OperationOption } from '../common/operation';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { runPerItem } from '../common/perItem';
import { apiFailure, containerSubject, inputProblem, succeeded, unnamedContainer } from '../../../shared/results';
import { numeric, readChoice } from '../../../shared/parameters/readers';
import { mountsField, mountsOf } from '../common/mounts';
import { SCRIPT_SCOPES, scriptScopeField, scriptText } from '../common/script';
import { TASK_TYPES } from '../../../shared/containers/taskTypes';
import { readWaitSettings, waitOptions, waitUntilRunning } from '../common/wait';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	description: 'Create a container instance from an image, with its resources, ports, mounts and start script; optionally wait until it runs',
	action: 'Create container',
	toolDescription:
		'Create an SCNet container from an image on a resource group, with CPU cores, memory, accelerators, ports and mounts. Needs a name and what the tool leaves to you (image, resource group, …). Returns {id, name, created, status}; a failure has an error object and nothing is created twice.',
};

const ACCELERATORS = [
	{ name: 'CPU Only', value: 'cpu' },
	{ name: 'DCU', value: 'dcu' },
	{ name: 'GPU', value: 'gpu' },
	{ name: 'MLU', value: 'mlu' },
];
const ACCELERATOR_TYPES = ACCELERATORS.map((accelerator) => accelerator.value);

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
		description:
			'The resource group (kind of node) to run on, e.g. TeslaM40. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Accelerator Type',
		name: 'acceleratorType',
		type: 'options',
		options: ACCELERATORS,
		default: 'gpu',
		description: 'The kind of accelerator the resource group has',
	},
	{
		displayName: 'Image',
		name: 'imagePath',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The image to run, picked from the images SCNet offers for the accelerator type, or given by its full path',
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
				placeholder: 'e.g. 10.0.35.26:5000/gpu/admin/base/jupyter:4.4-py3.7-cpu',
			},
		],
	},
	{
		displayName: 'Image Version',
		name: 'version',
		type: 'string',
		default: '',
		placeholder: 'e.g. jupyter:4.4-py3.7-cpu',
		description: "The image's name and tag. Leave empty to take it from the image path (its last part).",
	},
	{
		displayName: 'CPU Cores',
		name: 'cpuNumber',
		type: 'number',
		default: 3,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'How many CPU cores the container gets',
	},
	{
		displayName: 'Accelerators',
		name: 'gpuNumber',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'How many GPUs (or DCUs, MLUs) the container gets',
	},
	{
		displayName: 'Memory (MB)',
		name: 'ramSize',
		type: 'number',
		default: 15360,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: 'Memory in megabytes, e.g. 15360 for 15 GB',
	},
	{
		displayName: 'Service Type',
		name: 'taskType',
		type: 'options',
		options: TASK_TYPES,
		default: 'jupyter',
		description: 'The service the container offers (taskType)',
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
			mountsField(
				{ description: 'Folders of the account mounted into the container', source: 'The folder on SCNet', target: 'Where it appears in the container' },
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Data', value: 'data' },
						{ name: 'Path', value: 'path' },
					],
					default: 'data',
					description: 'The kind of mount, as SCNet names it',
				},
			),
			{
				displayName: 'Ports',
				name: 'ports',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add port',
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
								options: [
									{ name: 'HTTP', value: 'HTTP' },
									{ name: 'SSH', value: 'SSH' },
								],
								default: 'HTTP',
								description: 'How the port is reached',
							},
						],
					},
				],
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
			{ ...scriptScopeField, displayName: 'Start Script Runs In', name: 'startScriptScope', description: 'In which containers of the instance the start script runs' },
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
	return runPerItem(this, async (itemIndex) => {
		const options = readOptions(this, itemIndex);
		const reads = readRequestSettings(this, options);
		const settings = { ...reads, notRepeatable: MAY_HAVE_BEEN_CREATED };
		// Looking at the new container may be repeated; only the create itself must not be.
		const wait = readWaitSettings(this, options, reads);
		const built = requestBody(this, itemIndex);
		if ('problem' in built) {
			const { message, description } = built.problem;
			return inputProblem({ id: null, created: false, code: 'INVALID_INPUT', description }, message, itemIndex);
		}
		const { body } = built;
		const name = body.instanceServiceName as string;
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

/** SCNet answers the new container's ID as `data` (a string); an object holding it is read too. */
function createdId(data: unknown): string | undefined {
	const id = typeof data === 'string' || typeof data === 'number' ? data : (data as IDataObject | null)?.id;
	return (typeof id === 'string' && id.trim() !== '') || typeof id === 'number' ? String(id).trim() : undefined;
}

type Problem = { message: string; description: string };

/** The documented create body from the item's fields, or the problem with a field that cannot be right. */
function requestBody(context: IExecuteFunctions, itemIndex: number): { body: IDataObject } | { problem: Problem } {
	const text = (name: string) => String(context.getNodeParameter(name, itemIndex, '') ?? '').trim();
	// An expression often gives a number as text ("4", from JSON or a form): read it as the number.
	const whole = (value: unknown) => numeric(value, { whole: true });
	const count = (name: string) => whole(context.getNodeParameter(name, itemIndex, 0)) as number;
	const problem = (message: string, description: string) => ({ problem: { message, description } });
	const origin = (label: string) => ({ node: context.getNode(), label, itemIndex });
	const choice = (name: string, label: string, allowed: string[]) => readChoice(origin(label), context.getNodeParameter(name, itemIndex), allowed);

	const name = text('name');
	if (name === '') return problem("No name in 'Name'", 'Give the new container instance a name.');
	const image = context.getNodeParameter('imagePath', itemIndex, '') as INodeParameterResourceLocator | string;
	const imagePath = String((typeof image === 'object' && image !== null ? image.value : image) ?? '').trim();
	if (imagePath === '') return problem("No image in 'Image'", 'Pick an image from the list, or give its full path.');
	const resourceGroup = text('resourceGroup');
	if (resourceGroup === '') return problem("No resource group in 'Resource Group Name or ID'", 'Pick one of the resource groups SCNet lists for the account.');
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

	const ports = ((extra.ports as IDataObject | undefined)?.port as IDataObject[] | undefined) ?? [];
	const mounts = mountsOf(extra);
	const startScript = scriptText(extra.startScript);
	const body: IDataObject = {
		acceleratorType: choice('acceleratorType', 'Accelerator Type', ACCELERATOR_TYPES),
		...(ports.length > 0 ? { containerPortInfoList: ports.map(({ containerPort, protocolType }) => ({ containerPort, protocolType })) } : {}),
		cpuNumber: count('cpuNumber'),
		...(typeof extra.description === 'string' && extra.description !== '' ? { description: extra.description } : {}),
		gpuNumber: count('gpuNumber'),
		imagePath,
		instanceServiceName: name,
		...(mounts.length > 0 ? { mountInfoList: mounts.map(({ sourcePath, targetPath, type }) => ({ sourcePath, targetPath, type })) } : {}),
		ramSize: count('ramSize'),
		resourceGroup,
		startScriptActionScope: extra.startScriptScope === undefined ? 'all' : readChoice(origin('Start Script Runs In'), extra.startScriptScope, SCRIPT_SCOPES),
		...(startScript !== '' ? { startScriptContent: startScript } : {}),
		taskNumber,
		taskType: choice('taskType', 'Service Type', TASK_TYPES.map((type) => type.value as string)),
		timeoutLimit,
		useStartScript: startScript !== '',
		version: text('version') || (imagePath.split('/').pop() as string),
	};
	return { body };
}
