/**
 * `npm start`: the node working in real n8n, without an SCNet account.
 * Builds and packs the package, starts the SCNet sandbox, installs real n8n (cached after the
 * first run), installs the package into n8n's user folder as a community package, imports a
 * ready "SCNet sandbox" credential and the example workflows, and starts the editor.
 */
import { join } from 'node:path';

import { startSandbox } from '../sandbox/server';
import { readExamples, sandboxCredentials } from './n8n/examples';
import { N8nInstance } from './n8n/instance';
import { packPackage } from './n8n/pack';
import { ensureN8n, N8N_V2, repoRoot } from './n8n/runtime';

const LOGIN = { email: 'demo@example.com', password: 'Scnet-demo-2026' };
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
	const root = repoRoot();
	const port = Number(process.env.N8N_PORT ?? 5678);
	const sandbox = await startSandbox({ port: Number(process.env.SCNET_SANDBOX_PORT ?? 8765) });
	log(`SCNet sandbox: ${sandbox.url} (token ${sandbox.token}, ${sandbox.containers.size} containers)`);

	const [runtime, tarball] = await Promise.all([ensureN8n(N8N_V2, log), packPackage(log)]);
	// One user folder across starts, so the workflows you build survive a restart.
	const n8n = new N8nInstance({ runtime, userFolder: join(root, '.n8n-runtime', 'user'), port, brokerPort: port + 1, log });
	log('Installing n8n-nodes-scnet as a community package…');
	await n8n.installPackage(tarball);
	await n8n.importCredentials(sandboxCredentials(sandbox));
	const examples = readExamples();
	await n8n.importWorkflows(Object.values(examples));

	log(`Starting n8n ${runtime.version}…`);
	await n8n.start();
	await n8n.setupOwner(LOGIN.email, LOGIN.password).catch(() => {
		// Set up on an earlier start already.
	});

	log(
		[
			'',
			`n8n is running:  ${n8n.baseUrl}`,
			`Log in with:     ${LOGIN.email} / ${LOGIN.password}`,
			`Workflows:       ${Object.keys(examples).join(', ')}`,
			`Sandbox state:   ${sandbox.url}/__sandbox/containers`,
			'Press Ctrl-C to stop n8n and the sandbox.',
			'',
		].join('\n'),
	);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		log('Stopping n8n and the sandbox…');
		await n8n.stop();
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
