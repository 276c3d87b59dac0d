import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { runWorkflow, type RunOptions, type RunResult } from './runWorkflow';

export interface SandboxFixture {
	readonly sandbox: Sandbox;
	/** Runs Input → SCNet with a credential that points at the sandbox. */
	run(options: Omit<RunOptions, 'credentials'> & { credentials?: RunOptions['credentials'] }): Promise<RunResult>;
}

/** One sandbox per test file, reset before each test. */
export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	beforeEach(() => sandbox?.reset());
	afterAll(async () => sandbox?.close());

	const current = (): Sandbox => {
		if (!sandbox) throw new Error('the sandbox is not running');
		return sandbox;
	};
	return {
		get sandbox() {
			return current();
		},
		run: async ({ credentials, ...rest }) =>
			runWorkflow({ credentials: credentials ?? { baseUrl: current().url, token: current().token }, ...rest }),
	};
}

/** An 'Access Key' credential for the sandbox's account, signing in and discovering at the sandbox. */
export function accessKeyCredentials(sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const { user, accessKey, secretKey } = sandbox.auth.settings.account;
	return { authentication: 'accessKey', user, accessKey, secretKey, authUrl: sandbox.url, centerUrl: sandbox.url, ...overrides };
}

/** A 'Password' credential for the sandbox's account. */
export function passwordCredentials(sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const { user, password, orgId } = sandbox.auth.settings.account;
	return { authentication: 'password', user, password, orgId, authUrl: sandbox.url, centerUrl: sandbox.url, ...overrides };
}
