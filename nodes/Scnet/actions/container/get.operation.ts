import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { ScnetClient } from '../../../shared/transport';
import { CONTAINER } from '../../../shared/transport/endpoints';
import { readContainerId, containerIdField } from '../common/containerInput';
import { containerView, SIMPLIFIED_CONTAINER_FIELDS, simplifiedContainer } from '../../../shared/containers/containerView';
import { readSimplify, simplifyField } from '../../../shared/parameters/simplify';
import { AGENT_VERSION, fromVersion } from '../common/versions';
import type { OperationOption } from '../common/operation';
import { optionsCollection, readOptions, readRequestSettings, readTimezone, requestOptions, timezoneOption } from '../../../shared/parameters/options';
import { runPerItem } from '../common/perItem';
import { apiFailure, containerSubject, succeeded } from '../../../shared/results';

export const option: OperationOption = {
	name: 'Get',
	value: 'get',
	description: 'Get one container with its details: status, resources, image, times and service ports',
	action: 'Get container',
	toolDescription:
		'Get one SCNet container by ID: its name, status (Running, Waiting, Deploying, Completed, Failed, Terminated…), resources, image and times (ISO 8601). Needs the container ID. A container SCNet does not know comes back with an error object.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['container'], operation: ['get'] } }, [
	containerIdField,
	simplifyField(SIMPLIFIED_CONTAINER_FIELDS, fromVersion(AGENT_VERSION)),
	optionsCollection([...requestOptions, timezoneOption]),
]);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	return runPerItem(this, async (itemIndex) => {
		const options = readOptions(this, itemIndex);
		const [settings, zone] = [readRequestSettings(this, options), readTimezone(this, options)];
		const input = readContainerId(this, itemIndex, {}, client.secrets);
		if ('failure' in input) return input.failure;
		const simplify = readSimplify(this, itemIndex);
		const result = await client.request('ai', 'GET', CONTAINER.detail(input.id), {}, settings);
		if (!result.ok) return apiFailure(containerSubject(input.id), result.failure, itemIndex);
		const detail = result.data && typeof result.data === 'object' && !Array.isArray(result.data) ? (result.data as IDataObject) : {};
		const view = containerView(detail, zone, input.id);
		return succeeded(simplify ? simplifiedContainer(view, zone) : view);
	});
}
