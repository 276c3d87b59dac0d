import { PollContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
} from 'n8n-workflow';

import { ScnetApi } from '../../credentials/ScnetApi.credentials';
import { ScnetTrigger } from '../../nodes/ScnetTrigger/ScnetTrigger.node';
import { TestCredentialsHelper } from './credentialsHelper';
import { createAdditionalData } from './runWorkflow';
import { onlyNodeType } from './singleNode';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-scnet.scnetTrigger';

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
export function pollingTrigger(credentials: ICredentialDataDecryptedObject, parameters: INodeParameters): PollingTrigger {
	const nodeType = new ScnetTrigger();
	const node: INode = {
		id: 'trigger',
		name: 'SCNet Trigger',
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { scnetApi: { id: '1', name: 'SCNet account' } },
	};
	const workflow = new Workflow({
		id: 'scnet-trigger-test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: onlyNodeType(nodeType),
		staticData: {},
		settings: { timezone: 'UTC' },
	});
	const helper = new TestCredentialsHelper({ scnetApi: new ScnetApi() }, { scnetApi: { ...credentials } });
	const additionalData = createAdditionalData(helper);
	// The parameters as n8n holds them: the editor's, with the defaults filled in.
	node.parameters = NodeHelpers.getNodeParameters(nodeType.description.properties, parameters, true, false, node, nodeType.description) ?? parameters;
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
