import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { accessKeyCredentialData, passwordCredentialData } from '../../sandbox/credentials';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { runWorkflow, type RunOptions, type RunResult } from './runWorkflow';

export interface SandboxFixture {
	readonly sandbox: Sandbox;
	/** The credential the tests use unless they give one: a token pasted by hand for the sandbox. */
	credentials(): ICredentialDataDecryptedObject;
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
	const credentials = (): ICredentialDataDecryptedObject => pastedToken(current().url, current().token);
	return {
		get sandbox() {
			return current();
		},
		credentials,
		run: async ({ credentials: given, ...rest }) => runWorkflow({ credentials: given ?? credentials(), ...rest }),
	};
}

/** A well-formed container ID that no sandbox container has. */
export const UNKNOWN_CONTAINER_ID = 'ffffffffffffffffffffffffffffffff';

/** A credential with a token pasted by hand ('Access Token'), as the tests store it. */
export const pastedToken = (baseUrl: string, token: string): ICredentialDataDecryptedObject => ({
	authentication: 'accessToken',
	baseUrl,
	token,
});

/** Credential data for the sandbox's account, as the tests store it. */
export const accessKeyCredentials = (sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}) =>
	accessKeyCredentialData(sandbox, overrides) as ICredentialDataDecryptedObject;
export const passwordCredentials = (sandbox: Sandbox, overrides: ICredentialDataDecryptedObject = {}) =>
	passwordCredentialData(sandbox, overrides) as ICredentialDataDecryptedObject;
