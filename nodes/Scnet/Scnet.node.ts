import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { router } from './actions/router';
import { SUBTITLE } from './actions/subtitle';
import { listSearch, loadOptions } from './methods';
import { CREDENTIAL_TYPE } from '../shared/transport';
import { properties } from './versionDescription';

export class Scnet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SCNet',
		name: 'scnet',
		icon: { light: 'file:scnet.svg', dark: 'file:scnet.dark.svg' },
		group: ['transform'],
		// 2: a new node opens on Get Many, not Delete; Delete and Stop preview like Clean Up ('Preview', not Options → Dry Run).
		// 3: agent-ready — failures carry one `error` object, Get and Get Many simplify by default.
		version: [1, 2, 3],
		defaultVersion: 3,
		subtitle: SUBTITLE,
		description: 'Run Slurm jobs and manage containers and notebooks on the SCNet (Sugon AC) computing platform',
		defaults: { name: 'SCNet' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
