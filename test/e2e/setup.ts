import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readExamples, sandboxCredentials } from '../../scripts/n8n/examples';
import { N8nInstance } from '../../scripts/n8n/instance';
import { packPackage } from '../../scripts/n8n/pack';
import { ensureN8n } from '../../scripts/n8n/runtime';
import { accessTokenCredentialData } from '../../sandbox/credentials';
import { startSandbox, type Sandbox } from '../../sandbox/server';

export const log = (line: string) => process.stderr.write(`${line}\n`);

let tarball: Promise<string> | undefined;

/** The package, built and packed on first use: once per test file, however many n8n set-ups it installs it in. */
export function packedPackage(): Promise<string> {
	tarball ??= packPackage(log);
	return tarball;
}

export interface RealN8n {
	n8n: N8nInstance;
	sandbox: Sandbox;
	/** A second sandbox, for the trigger to watch: only the trigger test changes it. */
	watched: Sandbox;
}

/** The credential the trigger tests' workflows use: the watched sandbox's token, for its containers and its jobs. */
export const WATCHED_CREDENTIAL = { id: 'scnetWatched001', name: 'SCNet watched sandbox' };

/**
 * A real n8n of `version` with a fresh user folder, the packed package installed in
 * `.n8n/nodes` as a user installs it, the sandbox credentials (Access Key and Access Token) and the example workflows
 * imported with n8n's CLI, and a sandbox for them to talk to.
 */
export async function setUpRealN8n(version: string, port: number, workflows: object[] = []): Promise<RealN8n> {
	const [sandbox, watched] = await Promise.all([startSandbox({ demo: true }), startSandbox({ containers: 12 })]);
	const [runtime, packed] = await Promise.all([ensureN8n(version, log), packedPackage()]);
	const n8n = new N8nInstance({
		runtime,
		userFolder: mkdtempSync(join(tmpdir(), `scnet-n8n-${version}-`)),
		port,
		brokerPort: port + 1,
		// n8n 2.x's default on both: `n8n execute` cannot print a run that holds tens of MB of binary
		// data in memory (1.x's default). The engine tests cover memory mode (test/workflows/file/memoryMode.test.ts).
		env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' },
		log,
	});
	await n8n.installPackage(packed);
	await n8n.importCredentials([...sandboxCredentials(sandbox), { ...WATCHED_CREDENTIAL, type: 'scnetApi', data: { ...accessTokenCredentialData(watched), hpcUrl: watched.url } }]);
	// A workflow passed here replaces the example with the same ID (e.g. one set to poll every minute).
	const ids = new Set(workflows.map((workflow) => (workflow as { id: string }).id));
	const examples = Object.values(readExamples(sandbox.url)).filter((example) => !ids.has((example as { id: string }).id));
	await n8n.importWorkflows([...examples, ...workflows]);
	return { n8n, sandbox, watched };
}
