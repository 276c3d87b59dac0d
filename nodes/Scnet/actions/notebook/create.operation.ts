import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { notebookRequest } from '../../../shared/notebooks/api';
import { NotebookLister } from '../../../shared/notebooks/listing';
import { withoutPasswords } from '../../../shared/notebooks/notebookView';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { readBoolean, readWholeNumber } from '../../../shared/parameters/readers';
import { acceptedValues, pickField, readPickParameter } from '../../../shared/parameters/picks';
import { apiFailure, inputProblem, newNotebook, succeeded, type ItemFailure } from '../../../shared/results';
import { CREDENTIAL_TYPE, ScnetClient, type RequestSettings } from '../../../shared/transport';
import { tokenClaim } from '../../../shared/transport/auth/jwt';
import { authenticationOf, readSession } from '../../../shared/transport/auth/session';
import { NOTEBOOK } from '../../../shared/transport/endpoints';
import { withRemedy, type Remedies } from '../../../shared/transport/errorCodes';
import { NOTEBOOK_ACCELERATOR_CHOICES } from '../common/choices';
import { mountsField, mountsFields, NOTEBOOK_MOUNT, readMounts } from '../common/mounts';
import { AGENT_VERSION, beforeVersion, fromVersion } from '../common/versions';
import type { OperationOption } from '../common/operation';
import { checkEveryItem, runPerItem } from '../common/perItem';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	description: 'Create a notebook (a JupyterLab environment) from an image, on a resource group with accelerator cards',
	action: 'Create notebook',
	toolDescription:
		'Create an SCNet notebook (a JupyterLab environment) from an image on a resource group with accelerator cards. Returns {id, created, image}, or an error object; nothing is created twice.',
};

/** Fields of versions 1 and 2 that version 3 replaces by fields an AI agent can fill (see shared/parameters/picks.ts). */
const upToV2 = { show: { '@version': beforeVersion(AGENT_VERSION) } };
const fromV3 = { show: { '@version': fromVersion(AGENT_VERSION) } };

const properties: INodeProperties[] = [
	{
		displayName: 'Image',
		name: 'image',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. image.ac.com:5000/dcu/admin/base/jupyterlab-pytorch:2.1.0-ubuntu20.04-dtk24.04.1-py3.10',
		description:
			"The image's full path (imagePath). Its name and tag (imageName) are the path's last part unless given under Additional Fields. The image must be synced to the region, or the notebook ends Failed.",
	},
	{
		displayName: 'Accelerator Type',
		name: 'acceleratorType',
		type: 'options',
		options: [...NOTEBOOK_ACCELERATOR_CHOICES],
		default: 'DCU',
		displayOptions: upToV2,
		description: 'The kind of accelerator card the resource group has (SCNet writes it upper-case for notebooks)',
	},
	{
		...pickField({
			displayName: 'Accelerator Type',
			name: 'acceleratorType',
			default: 'DCU',
			description: `The kind of accelerator card the resource group has: ${acceptedValues(NOTEBOOK_ACCELERATOR_CHOICES)} (SCNet writes it upper-case for notebooks)`,
			searchListMethod: 'searchNotebookAcceleratorTypes',
			listPlaceholder: 'Select an accelerator type…',
			placeholder: 'e.g. DCU',
			staticList: true,
		}),
		displayOptions: fromV3,
	},
	{
		displayName: 'Accelerator Number',
		name: 'acceleratorNumber',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1, maxValue: 64, numberPrecision: 0 },
		description: 'How many accelerator cards the notebook gets',
	},
	{
		displayName: 'Resource Group',
		name: 'resourceGroup',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. nv4090normalfea13c83',
		description: "The resource group's code (resourceGroupCode), as the SCNet console or its resources list names it",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Image Name',
				name: 'imageName',
				type: 'string',
				default: '',
				placeholder: 'e.g. jupyterlab-pytorch:2.1.0-ubuntu20.04-dtk24.04.1-py3.10',
				description: "The image's name and tag; empty for the last part of its path",
			},
			{
				displayName: 'Image Size (Bytes)',
				name: 'imageSize',
				type: 'string',
				default: '',
				placeholder: 'e.g. 7338398370',
				description: "The image's size in bytes (imageSize), as SCNet's image list gives it; sent only when given",
			},
			{
				displayName: 'Mount Home',
				name: 'mountHome',
				type: 'boolean',
				default: true,
				description: "Whether the cluster user's home folder is mounted into the notebook",
			},
			...mountsFields(
				mountsField(
					{ description: 'Folders under your home folder mounted into the notebook (mountInfo)', source: 'The folder on SCNet (under your home folder)', target: 'Where it appears in the notebook (an absolute path)' },
					{
						displayName: 'Permission',
						name: 'permission',
						type: 'options',
						options: [...NOTEBOOK_MOUNT.choices],
						default: 'ro',
						description: 'Whether the notebook may write to it',
					},
				),
				NOTEBOOK_MOUNT,
				'Folders under your home folder mounted into the notebook (mountInfo)',
			),
			{
				displayName: 'Region ID',
				name: 'clusterId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 11250',
				description: "The region (clusterId) to create the notebook in; empty for the credential's region",
			},
			{
				displayName: 'Start Command',
				name: 'startCommand',
				type: 'string',
				default: '',
				placeholder: 'e.g. python ~/train.py',
				description: 'A command the notebook runs when it starts',
			},
		],
	},
	optionsCollection(requestOptions),
];

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['notebook'], operation: ['create'] } }, properties);

/** A create must never happen twice: after a fault that may have reached SCNet it is not sent again. */
const MAY_HAVE_BEEN_CREATED = 'The notebook may have been created: look for it with Get Many before running the workflow again.';

const REMEDIES: Remedies = {
	'10003': {
		message: 'SCNet reported missing fields for the new notebook',
		description: "Fill in the image, accelerator type and number, and the resource group; SCNet's message names what it missed.",
	},
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	// A notebook bills from its creation: with "Stop", every item is read before any is created.
	checkEveryItem(this, (itemIndex) => readSpec(this, itemIndex));
	let region: Promise<string | undefined> | undefined;
	return runPerItem(this, async (itemIndex) => {
		const settings = readRequestSettings(this, readOptions(this, itemIndex));
		const spec = readSpec(this, itemIndex);
		if ('failure' in spec) return spec.failure;
		const { body } = spec;
		const image = String(body.imagePath);
		if (body.clusterId === undefined) {
			region ??= credentialRegion(this, client, settings);
			const clusterId = await region;
			if (!clusterId) {
				const description = "SCNet names no region for this credential (a pasted token that is not a region's JWT): enter it in Additional Fields → 'Region ID'.";
				return inputProblem({ id: null, image, created: false, code: 'NO_REGION_ID', description }, 'No region to create the notebook in', itemIndex);
			}
			body.clusterId = clusterId;
		}
		const result = await notebookRequest(client, 'POST', NOTEBOOK.create, { body }, { ...settings, notRepeatable: MAY_HAVE_BEEN_CREATED });
		if (!result.ok) return apiFailure(newNotebook(image), withRemedy(result.failure, REMEDIES), itemIndex, { created: false });
		const data = result.data && typeof result.data === 'object' && !Array.isArray(result.data) ? (result.data as IDataObject) : {};
		const id = createdId(result.data);
		if (!id) {
			const failure = { code: 'NO_ID', message: 'SCNet created the notebook but returned no ID', description: 'Find the new notebook with Get Many (the newest one).', scope: 'batch' as const };
			return apiFailure(newNotebook(image), failure, itemIndex, { created: true });
		}
		// What else SCNet says of it (a live client saw taskId and orderId), under the node's own fields; never a password.
		const more = Object.fromEntries(Object.entries(withoutPasswords(data) as IDataObject).filter(([key]) => key !== 'notebookId'));
		return succeeded({ ...more, id, created: true, code: '0', message: result.message || 'Created', image, clusterId: body.clusterId });
	}, { once: true });
}

/** SCNet answers the new notebook's ID as `data.notebookId` (a live client); `data.id` or `data` itself are read too. */
function createdId(data: unknown): string | undefined {
	const object = data && typeof data === 'object' ? (data as IDataObject) : undefined;
	const id = object ? (object.notebookId ?? object.id) : data;
	return (typeof id === 'string' && id.trim() !== '') || typeof id === 'number' ? String(id).trim() : undefined;
}

/**
 * The credential's region: the one it signed in to, else the `clusterId` of a pasted region
 * token. A credential that has not signed in yet does so with one read of the notebook list first.
 */
async function credentialRegion(context: IExecuteFunctions, client: ScnetClient, settings: RequestSettings): Promise<string | undefined> {
	const read = async () => {
		const data = await context.getCredentials(CREDENTIAL_TYPE);
		const region = readSession(data)?.region.id;
		if (region) return String(region);
		const token = String((authenticationOf(data) === 'accessToken' ? data.token : data.sessionToken) ?? '');
		const claimed = tokenClaim(token, 'clusterId');
		// Cluster 0 is the platform token's, not a region.
		return claimed === '0' ? undefined : claimed;
	};
	const known = await read();
	if (known || !client.signsIn) return known;
	await new NotebookLister(client, settings).page(1, 1);
	return read();
}

/**
 * The notebook the item asks for, read strictly: it bills from the moment it exists, so a value
 * that cannot be read for certain stops the item before anything is sent (a word for a number or
 * a boolean throws, naming the field).
 */
function readSpec(context: IExecuteFunctions, itemIndex: number): { body: IDataObject } | { failure: ItemFailure } {
	const node = context.getNode();
	const origin = (label: string) => ({ node, label, itemIndex });
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');
	const problem = (message: string, description: string, image: string | null = null) =>
		({ failure: inputProblem({ id: null, image, created: false, code: 'INVALID_INPUT', description }, message, itemIndex) });

	const imagePath = text(context.getNodeParameter('image', itemIndex, ''));
	if (imagePath === '' || /\s/.test(imagePath)) return problem(`No image path in 'Image'${imagePath === '' ? '' : ` ('${imagePath}' holds spaces)`}`, 'Give the full path of a notebook image, e.g. image.ac.com:5000/dcu/admin/base/jupyterlab-pytorch:2.1.0-ubuntu20.04-dtk24.04.1-py3.10.');
	const resourceGroup = text(context.getNodeParameter('resourceGroup', itemIndex, ''));
	if (resourceGroup === '') return problem("No resource group in 'Resource Group'", 'Give the code of the resource group to run on, as the SCNet console names it.', imagePath);
	const acceleratorType = readPickParameter(context, 'acceleratorType', itemIndex, 'Accelerator Type', NOTEBOOK_ACCELERATOR_CHOICES);
	const acceleratorNumber = readWholeNumber(origin('Accelerator Number'), context.getNodeParameter('acceleratorNumber', itemIndex, undefined), { min: 1, max: 64 });
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const mountHome = extra.mountHome === undefined ? true : readBoolean(origin('Mount Home'), extra.mountHome);
	const imageName = text(extra.imageName) || (imagePath.split('/').pop() as string);
	const imageSize = text(extra.imageSize);
	if (imageSize !== '' && !/^\d+$/.test(imageSize)) return problem(`'Image Size (Bytes)' must be a whole number of bytes, not '${imageSize}'`, 'Leave it empty, or give the size SCNet lists for the image.', imagePath);
	const clusterId = text(extra.clusterId);
	if (clusterId !== '' && !/^\d+$/.test(clusterId)) return problem(`'Region ID' must be a region's number (clusterId), such as 11250, not '${clusterId}'`, "Leave it empty for the credential's region.", imagePath);
	const startCommand = typeof extra.startCommand === 'string' ? extra.startCommand.trim() : '';
	const mounts = readMounts({ node, itemIndex }, extra, NOTEBOOK_MOUNT);
	if ('problem' in mounts) return problem(mounts.problem.message, mounts.problem.description, imagePath);
	const mountInfo = mounts.mounts;
	return {
		body: {
			...(clusterId !== '' ? { clusterId } : {}),
			imagePath,
			imageName,
			...(imageSize !== '' ? { imageSize } : {}),
			acceleratorType,
			// SCNet documents it as text.
			acceleratorNumber: String(acceleratorNumber),
			resourceGroupCode: resourceGroup,
			mountHome,
			...(startCommand !== '' ? { startCommand } : {}),
			...(mountInfo.length > 0 ? { mountInfo } : {}),
		},
	};
}
