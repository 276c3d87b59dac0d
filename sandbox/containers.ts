import { createHash } from 'node:crypto';

export type Status = 'Running' | 'Deploying' | 'Waiting' | 'Terminated' | 'Failed' | 'Completed';

/** The fields SCNet's container detail page documents; the list shows the first five. */
export interface SandboxContainer {
	id: string;
	instanceServiceName: string;
	status: Status;
	taskType: 'ssh' | 'jupyter' | 'codeserver' | 'rstudio';
	createTime: string;
	startTime?: string | null;
	endTime?: string | null;
	acceleratorType?: string;
	resourceGroup?: string;
	imagePath?: string;
	version?: string;
	cpuNumber?: number;
	gpuNumber?: number;
	ramSize?: number;
	taskNumber?: number;
	timeoutLimit?: string;
	description?: string;
}

export const STATUSES: Status[] = ['Running', 'Deploying', 'Waiting', 'Terminated', 'Failed', 'Completed'];
const TASK_TYPES: SandboxContainer['taskType'][] = ['ssh', 'jupyter', 'codeserver', 'rstudio'];

/** The ID of the n-th seeded container: 32 hex characters, like SCNet's, and the same on every run. */
export function containerId(n: number): string {
	return createHash('md5').update(`sandbox-container-${n}`).digest('hex');
}

export function seedContainers(count: number): SandboxContainer[] {
	return Array.from({ length: count }, (_, n) => ({
		id: containerId(n),
		instanceServiceName: `Instances_${String(2205110000 + n)}`,
		status: STATUSES[n % STATUSES.length],
		taskType: TASK_TYPES[n % TASK_TYPES.length],
		createTime: `2026-11-${String(1 + (n % 27)).padStart(2, '0')} ${String(n % 24).padStart(2, '0')}:30:00`,
	}));
}

/** SCNet's wall-clock format, in China time (UTC+8). */
export function chinaTime(ms: number): string {
	return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Containers with fixed, readable IDs, for the README's examples and the demo (`npm start`,
 * `npm run sandbox`): the sandbox seeds them when started with `demo: true`. The first three
 * are days old; the dev box was stopped an hour ago, so the nightly clean-up (finished and older
 * than a day) leaves it for the start-and-run-a-script example, and leaves the running notebooks
 * for the webhook example.
 */
export function demoContainers(now = Date.now()): SandboxContainer[] {
	return [
		{ id: DEMO_CONTAINER_IDS[0], instanceServiceName: 'demo-training-run-r42', status: 'Completed', taskType: 'ssh', createTime: '2026-11-20 08:15:00' },
		{ id: DEMO_CONTAINER_IDS[1], instanceServiceName: 'demo-notebook-r42', status: 'Running', taskType: 'jupyter', createTime: '2026-11-20 08:16:00' },
		{ id: DEMO_CONTAINER_IDS[2], instanceServiceName: 'demo-failed-run-r43', status: 'Failed', taskType: 'ssh', createTime: '2026-11-21 22:40:00' },
		{ id: DEMO_CONTAINER_IDS[3], instanceServiceName: 'demo-dev-box', status: 'Terminated', taskType: 'jupyter', createTime: chinaTime(now - 3 * 3600 * 1000) },
		{ id: DEMO_CONTAINER_IDS[4], instanceServiceName: 'demo-notebook-r43', status: 'Running', taskType: 'jupyter', createTime: '2026-11-22 09:05:00' },
	];
}

/** The demo containers' IDs, in the order above. */
export const DEMO_CONTAINER_IDS: readonly string[] = [
	'1bc50ecb6bc742a5afc0a8810018cb02',
	'195d453c7a424b32ac8593512fec6a26',
	'6f2a9d0c3b8e4c71a5d4e0b9c2f17a38',
	'8e1f0c4b2d6a4f7e9b3c5a1d0e2f4b6c',
	'c7d4e9a1b2f34c5d8e6f7a0b1c2d3e4f',
];

/** The running notebooks of a cancelled run, for the README's webhook call (the nightly clean-up leaves running ones). */
export const WEBHOOK_DEMO_IDS: readonly string[] = [DEMO_CONTAINER_IDS[1], DEMO_CONTAINER_IDS[4]];
