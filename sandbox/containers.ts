import { createHash } from 'node:crypto';

/** The fields SCNet's container detail page documents, as far as the sandbox needs them. */
export interface SandboxContainer {
	id: string;
	instanceServiceName: string;
	status: 'Running' | 'Deploying' | 'Waiting' | 'Terminated' | 'Failed' | 'Completed';
	taskType: 'ssh' | 'jupyter' | 'codeserver' | 'rstudio';
	createTime: string;
}

const STATUSES: SandboxContainer['status'][] = ['Running', 'Deploying', 'Waiting', 'Terminated', 'Failed', 'Completed'];
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
