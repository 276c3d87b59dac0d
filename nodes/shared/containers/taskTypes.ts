import type { INodePropertyOptions } from 'n8n-workflow';

/** The services a container can offer: SCNet's `taskType` values. */
export const TASK_TYPES: INodePropertyOptions[] = [
	{ name: 'Code Server', value: 'codeserver' },
	{ name: 'Jupyter', value: 'jupyter' },
	{ name: 'RStudio', value: 'rstudio' },
	{ name: 'SSH', value: 'ssh' },
];

/** The statuses SCNet documents for containers, in its order. */
export const STATUSES = ['Running', 'Deploying', 'Waiting', 'Terminated', 'Failed', 'Completed'];
