import { containerId, DEMO_CONTAINER_IDS } from '../../sandbox/containers';
import type { Sandbox } from '../../sandbox/server';
import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/examples';

/** Manual Trigger → Code (fixed items) → SCNet Delete, with the given "On Error" setting and credential. */
export function manualDeleteWorkflow(id: string, items: object[], onError?: string, credential = SANDBOX_CREDENTIAL): object {
	return testWorkflow(id, [
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
	]);
}

/** An inactive workflow of `nodes`, each connected to the next, named after its ID unless `name` is given. */
export function testWorkflow(id: string, nodes: Array<Record<string, unknown> & { name: string }>, name = `SCNet e2e ${id}`): object {
	const connections = Object.fromEntries(nodes.slice(0, -1).map((node, n) => [node.name, { main: [[{ node: nodes[n + 1].name, type: 'main', index: 0 }]] }]));
	return { id, name, active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

export const id = containerId;

/** The ID of examples/start-run-script.json, and the demo container it starts. */
export const START_EXAMPLE = 'scnetStartRun01';
export const DEV_BOX = DEMO_CONTAINER_IDS[3];

/** What the nightly example should delete: finished containers (SCNet's statuses) created more than a day ago. */
export function cleanUpCandidates(sandbox: Sandbox): string[] {
	const dayAgo = Date.now() - 24 * 3600 * 1000;
	return [...sandbox.containers.values()]
		.filter((container) => ['Terminated', 'Failed', 'Completed'].includes(container.status))
		.filter((container) => Date.parse(`${container.createTime.replace(' ', 'T')}+08:00`) < dayAgo)
		.map((container) => container.id);
}

/** Manual Trigger → SCNet Get, its 'Container' picker open on the list mode: for the editor test. */
export const PICKER_WORKFLOW = { id: 'scnetE2ePicker', nodeId: 'scnetE2ePicker-2' };

export function pickerWorkflow(): object {
	const nodes = [
		{ id: `${PICKER_WORKFLOW.id}-1`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: PICKER_WORKFLOW.nodeId,
			name: 'SCNet',
			type: 'n8n-nodes-scnet.scnet',
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'container', operation: 'get', containerId: { __rl: true, mode: 'list', value: '' }, options: {} },
			credentials: { scnetApi: SANDBOX_CREDENTIAL },
		},
	];
	return testWorkflow(PICKER_WORKFLOW.id, nodes, 'SCNet e2e container picker');
}

/** An active workflow's SCNet Trigger (every minute, status changes) → a NoOp the changes arrive at. */
export function triggerWorkflow(id: string, credential: { id: string; name: string }, statuses: string[] = []): object {
	return testWorkflow(id, [
		{
			id: `${id}-1`,
			name: 'SCNet Trigger',
			type: 'n8n-nodes-scnet.scnetTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'statusChanged', statuses, options: {} },
			credentials: { scnetApi: credential },
		},
		{ id: `${id}-2`, name: 'Changes', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
	]);
}
