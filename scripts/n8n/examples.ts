import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { accessKeyCredentialData, accessTokenCredentialData } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox/server';
import { repoRoot } from './runtime';

/** The credential the example workflows point at: the recommended Access Key sign-in. */
export const SANDBOX_CREDENTIAL = { id: 'scnetSandbox01', name: 'SCNet sandbox' };

/** A second one with the sandbox's token pasted by hand ('Access Token'). */
export const SANDBOX_TOKEN_CREDENTIAL = { id: 'scnetSandbox02', name: 'SCNet sandbox (access token)' };

/** Both, filled in for a running sandbox, ready for `n8n import:credentials`. */
export function sandboxCredentials(sandbox: Sandbox): object[] {
	return [
		{ ...SANDBOX_CREDENTIAL, type: 'scnetApi', data: accessKeyCredentialData(sandbox) },
		{ ...SANDBOX_TOKEN_CREDENTIAL, type: 'scnetApi', data: accessTokenCredentialData(sandbox) },
	];
}

/** The workflows in examples/, by file name without `.json`. */
export function readExamples(): Record<string, object> {
	const dir = join(repoRoot(), 'examples');
	return Object.fromEntries(
		readdirSync(dir)
			.filter((file) => file.endsWith('.json'))
			.map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, file), 'utf8')) as object]),
	);
}
