import { containerId } from '../../sandbox/containers';
import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/examples';

/** Manual Trigger → Code (fixed items) → SCNet Delete, with the given "On Error" setting and credential. */
export function manualDeleteWorkflow(id: string, items: object[], onError?: string, credential = SANDBOX_CREDENTIAL): object {
	return {
		id,
		name: `SCNet e2e ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-1`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-2`,
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
			},
			{
				id: `${id}-3`,
				name: 'SCNet',
				type: 'n8n-nodes-scnet.scnet',
				typeVersion: 1,
				position: [400, 0],
				...(onError ? { onError } : {}),
				parameters: { resource: 'container', operation: 'delete', containerIds: '={{ $json.id }}', options: { batchSize: 2 } },
				credentials: { scnetApi: credential },
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'SCNet', type: 'main', index: 0 }]] },
		},
	};
}

export const id = containerId;
