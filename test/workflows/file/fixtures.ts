import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_ACCOUNT } from '../../../sandbox/auth';
import type { Sandbox } from '../../../sandbox/server';
import type { SandboxFixture } from '../../harness/fixtures';
import type { InputFile, RunOptions } from '../../harness/runWorkflow';

/** The sandbox's cluster user's home, which region discovery names and which always exists. */
export const HOME = `/public/home/${DEFAULT_ACCOUNT.clusterUser}`;

/** A token pasted by hand with the file service URL only (a user with files and nothing else). */
export const efileToken = (sandbox: Sandbox, extra: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
	authentication: 'accessToken',
	efileUrl: sandbox.url,
	token: sandbox.token,
	...extra,
});

/** Runs one File operation against the sandbox, with the pasted file-service token unless another credential is given. */
export function runFile(scnet: SandboxFixture, operation: string, parameters: INodeParameters, rest: Partial<Omit<RunOptions, 'operation' | 'parameters' | 'resource'>> = {}) {
	return scnet.run({ resource: 'file', operation, items: [{}], credentials: efileToken(scnet.sandbox), ...rest, parameters });
}

/** `size` bytes that differ from one position to the next (so a chunk out of place shows). */
export function patterned(size: number, seed = 7): Buffer {
	const bytes = Buffer.alloc(size);
	let state = seed;
	for (let at = 0; at < size; at++) {
		state = (state * 1103515245 + 12345) & 0x7fffffff;
		bytes[at] = state >> 16;
	}
	return bytes;
}

export const file = (content: Buffer | string, fileName = 'data.bin'): { data: InputFile } => ({ data: { content: Buffer.from(content), fileName } });

export const MIB = 1024 * 1024;
