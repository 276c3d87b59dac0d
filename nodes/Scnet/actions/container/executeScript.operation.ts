import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { ScnetClient } from '../../../shared/transport';
import { CONTAINER } from '../../../shared/transport/endpoints';
import { containerIdField, readContainerId } from '../common/containerInput';
import type { OperationOption } from '../common/operation';
import { optionsCollection, readOptions, readRequestSettings, requestOptions } from '../../../shared/parameters/options';
import { runPerItem } from '../common/perItem';
import { apiFailure, containerSubject, inputProblem, succeeded } from '../../../shared/results';
import { readPickParameter } from '../../../shared/parameters/picks';
import { SCRIPT_SCOPES, scriptScopeFields, scriptText } from '../common/script';

export const option: OperationOption = {
	name: 'Execute Script',
	value: 'executeScript',
	description: 'Run a shell script in a running container; SCNet returns no output, only whether it accepted the script',
	action: 'Execute script in container',
	toolDescription:
		'Run a shell script inside a running SCNet container. Needs the container ID and the script. SCNet returns no output of the script, only whether it accepted it (executed true/false, or an error object).',
};

export const description: INodeProperties[] = updateDisplayOptions({ show: { resource: ['container'], operation: ['executeScript'] } }, [
	containerIdField,
	{
		displayName: 'Script',
		name: 'script',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		required: true,
		placeholder: 'e.g. nvidia-smi > /root/gpu.txt',
		description: 'The shell script to run in the container, one command per line. SCNet does not return its output: write results to a file.',
	},
	...scriptScopeFields({ name: 'scope', displayName: 'Run In', description: 'In which containers of the instance the script runs' }),
	optionsCollection(requestOptions),
]);

/** A script must never run twice: after a fault that may have reached SCNet it is not sent again. */
const MAY_HAVE_RUN = 'The script may have run: check the container before running the workflow again.';

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await ScnetClient.connect(this);
	return runPerItem(this, async (itemIndex) => {
		const settings = { ...readRequestSettings(this, readOptions(this, itemIndex)), notRepeatable: MAY_HAVE_RUN };
		const input = readContainerId(this, itemIndex, { executed: false }, client.secrets);
		if ('failure' in input) return input.failure;
		const script = scriptText(this.getNodeParameter('script', itemIndex, ''));
		if (script === '') {
			const description = "Enter the commands to run in 'Script', or map them with an expression such as {{ $json.script }}.";
			return inputProblem({ id: input.id, executed: false, code: 'NO_SCRIPT', description }, "No script in 'Script'", itemIndex);
		}
		const scope = readPickParameter(this, 'scope', itemIndex, 'Run In', SCRIPT_SCOPES);
		const body = { id: input.id, startScriptContent: script, startScriptActionScope: scope };
		const result = await client.request('ai', 'POST', CONTAINER.executeScript, { body }, settings);
		if (!result.ok) return apiFailure(containerSubject(input.id), result.failure, itemIndex, { executed: false });
		return succeeded({ id: input.id, executed: true, code: '0', message: result.message || 'Accepted' });
	}, { once: true });
}
