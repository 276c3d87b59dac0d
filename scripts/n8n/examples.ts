import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from './runtime';

/** The credential the example workflows point at. */
export const SANDBOX_CREDENTIAL = { id: 'scnetSandbox01', name: 'SCNet sandbox' };

/** That credential, filled in for a running sandbox, ready for `n8n import:credentials`. */
export function sandboxCredential(sandbox: { url: string; token: string }): object {
	return { ...SANDBOX_CREDENTIAL, type: 'scnetApi', data: { baseUrl: sandbox.url, token: sandbox.token } };
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
