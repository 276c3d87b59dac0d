import { PollContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ScnetTrigger } from '../../nodes/ScnetTrigger/ScnetTrigger.node';
import type { TestCredentialsHelper } from './credentialsHelper';
import { singleNodeWorkflow } from './singleNode';

export interface PollingTrigger {
	/** One poll as n8n runs it for an active workflow ('trigger'), or for "Fetch Test Event" ('manual'). */
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[][] | null>;
	/** The node's static data as n8n would save it with the workflow. */
	readonly staticData: IDataObject;
	readonly credentials: TestCredentialsHelper;
}

/**
 * An active workflow holding the SCNet Trigger: each `poll()` runs the node's `poll` with n8n-core's
 * PollContext on the same workflow, so its static data carries over from poll to poll as it does
 * in n8n (which saves it with the workflow after each poll).
 */
export function pollingTrigger(credentials: ICredentialDataDecryptedObject, parameters: INodeParameters, { typeVersion = 1 }: { typeVersion?: number } = {}): PollingTrigger {
	const nodeType = new ScnetTrigger();
	const { workflow, node, credentials: helper, additionalData } = singleNodeWorkflow({
		nodeType,
		typeVersion,
		node: { id: 'trigger', name: 'SCNet Trigger', type: 'n8n-nodes-scnet.scnetTrigger' },
		parameters,
		credentials,
		workflow: { id: 'scnet-trigger-test', active: true, staticData: {}, settings: { timezone: 'UTC' } },
	});
	return {
		poll: async (mode = 'trigger') => {
			const context = new PollContext(workflow, node, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
			return await nodeType.poll.call(context);
		},
		get staticData() {
			return workflow.getStaticData('node', node);
		},
		credentials: helper,
	};
}
