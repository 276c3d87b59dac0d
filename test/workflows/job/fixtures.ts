import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../../../sandbox/auth';
import { SCHEDULERS } from '../../../sandbox/hpc/cluster';
import type { Sandbox } from '../../../sandbox/server';
import type { SandboxFixture } from '../../harness/fixtures';
import type { RunOptions } from '../../harness/runWorkflow';

/** The sandbox's first scheduler (the default) and its cluster user, who differs from the login. */
export const SCHEDULER = String(SCHEDULERS[0].id);
export const OTHER_SCHEDULER = String(SCHEDULERS[1].id);
export const CLUSTER_USER = DEFAULT_ACCOUNT.clusterUser;
export const HOME = `/public/home/${CLUSTER_USER}`;

/** A token pasted by hand with the HPC service URL only (a user with jobs and no containers). */
export const hpcToken = (sandbox: Sandbox, extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
	authentication: 'accessToken',
	hpcUrl: sandbox.url,
	token: sandbox.token,
	...extra,
});

/** Runs one Job operation against the sandbox, with the pasted HPC token unless another credential is given. */
export function runJob(scnet: SandboxFixture, operation: string, parameters: INodeParameters, rest: Partial<Omit<RunOptions, 'operation' | 'parameters' | 'resource'>> = {}) {
	return scnet.run({ resource: 'job', operation, items: [{}], credentials: hpcToken(scnet.sandbox), ...rest, parameters });
}

/** The Submit parameters of a small job in the normal CPU queue (the debug queue allows 30 minutes at most). */
export const submitParameters = (extra: INodeParameters = {}): INodeParameters => ({ queue: 'kshcnormal', jobName: 'probe', script: 'seq 10', ...extra });

export const json = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);
