import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { ScnetClient } from '../../../shared/transport';
import { CONTAINER } from '../../../shared/transport/endpoints';
import { containerIdField, readContainerId } from '../common/containerInput';
import type { OperationOption } from '../common/operation';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { runPerItem } from '../common/perItem';
import { apiFailure, containerSubject, succeeded } from '../../../shared/results';

export const option: OperationOption = {
	name: 'Get URL',
	value: 'getUrl',
	description: "Get the address that opens a container's service (Jupyter, code-server, …) in the browser",
	action: 'Get container URL',
	toolDescription:
		'Get the browser URL of a running SCNet container\'s service (Jupyter, code-server, …). Needs the container ID. Returns {id, url}; the URL carries an access token: give it only to the user who asked for it.',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['container'], operation: ['getUrl'] } }, [
	{ ...containerIdField, hint: "The URL carries an access token of the container's service: share it only with people who may use the container" },
	optionsCollection(requestOptions),
]);

/**
 * The address is what this operation is for, so it is output; it carries a token of the
 * container's service, so it goes nowhere else: failures are built from SCNet's code alone.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	return runPerItem(this, async (itemIndex) => {
		const settings = readRequestSettings(this, readOptions(this, itemIndex));
		const input = readContainerId(this, itemIndex, {}, client.secrets);
		if ('failure' in input) return input.failure;
		const result = await client.request('ai', 'GET', CONTAINER.url(input.id), {}, settings);
		if (!result.ok) return apiFailure(containerSubject(input.id), result.failure, itemIndex);
		const url = typeof result.data === 'string' ? result.data : (result.data as { url?: unknown } | null)?.url;
		if (typeof url !== 'string' || url === '') {
			return apiFailure(containerSubject(input.id), NO_URL, itemIndex);
		}
		return succeeded({ id: input.id, url });
	});
}

const NO_URL = {
	code: 'NO_URL',
	message: 'SCNet returned no URL for the container',
	description: 'The container may not be running yet, or its service has no web address. Check its status with Get.',
	scope: 'batch' as const,
};
