import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_REGION } from '../../../sandbox/auth';
import { notebookId } from '../../../sandbox/notebook/store';
import type { Sandbox } from '../../../sandbox/server';
import { accessKeyCredentials, type SandboxFixture } from '../../harness/fixtures';
import type { RunOptions } from '../../harness/runWorkflow';

/** The seeded notebooks: Running, Terminated, Failed. */
export const RUNNING = notebookId(0);
export const STOPPED = notebookId(1);
export const FAILED = notebookId(2);
export const REGION_ID = DEFAULT_REGION.id;

/**
 * A token pasted by hand, with the container service URL (where `/ai/…` goes) and the Region
 * Discovery URL (the platform host, where `/ac/…` goes) both at the sandbox.
 */
export const notebookToken = (sandbox: Sandbox, extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
	authentication: 'accessToken',
	baseUrl: sandbox.url,
	centerUrl: sandbox.url,
	token: sandbox.token,
	...extra,
});

/**
 * Signing in with the access key, in a region whose container service (`aiUrls`) is the sandbox's
 * second address: a host other than the platform's, as on the real platform.
 */
export function signedInElsewhere(sandbox: Sandbox): ICredentialDataDecryptedObject {
	sandbox.auth.configure({ regions: [{ ...DEFAULT_REGION, aiUrl: { enable: 'true', url: `${sandbox.regionUrl}/ai` } }] });
	return accessKeyCredentials(sandbox);
}

/** A notebook given by ID in the 'Notebook' picker. */
export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** Runs one Notebook operation against the sandbox, with the pasted token unless another credential is given. */
export function runNotebook(scnet: SandboxFixture, operation: string, parameters: INodeParameters, rest: Partial<Omit<RunOptions, 'operation' | 'parameters' | 'resource'>> = {}) {
	return scnet.run({ resource: 'notebook', operation, items: [{}], credentials: notebookToken(scnet.sandbox), ...rest, parameters });
}

/** The requests one notebook route received (`create`, `list`, …), in order. */
export const calls = (sandbox: Sandbox, route: string) => sandbox.requests.filter((request) => request.route === `notebook.${route}`);

export const json = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json);
