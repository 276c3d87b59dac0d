/**
 * `npm start`: the node working in real n8n, without an SCNet account.
 * Builds and packs the package, starts the SCNet sandbox (with the demo containers), installs real
 * n8n (cached after the first run), installs the package into n8n's user folder as a community
 * package, imports the "SCNet sandbox" credentials and the example workflows when n8n does not
 * have them yet, and starts the editor. `npm start -- --reset-examples` imports the originals
 * again, over the user's versions.
 */
import { join } from 'node:path';

import { DEMO_CONTAINER_IDS, WEBHOOK_DEMO_IDS } from '../sandbox/containers';
import { startSandbox, STATE_PATH } from '../sandbox/server';
import { importMissingExamples, WEBHOOK_CREDENTIAL, WEBHOOK_HEADER, type ExamplesState } from './n8n/examples';
import { N8nInstance } from './n8n/instance';
import { packPackage } from './n8n/pack';
import { ensureN8n, majorVersion, N8N_V2, repoRoot } from './n8n/runtime';

const LOGIN = { email: 'demo@example.com', password: 'Scnet-demo-2026' };
const RESET_FLAG = '--reset-examples';
const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const unknown = args.filter((arg) => arg !== RESET_FLAG);
	if (unknown.length > 0) throw new Error(`Unknown option ${unknown.join(' ')}; the only one is ${RESET_FLAG}.`);
	const reset = args.includes(RESET_FLAG);

	const root = repoRoot();
	const port = Number(process.env.N8N_PORT ?? 5678);
	// Containers move on by themselves now and then, so a trigger watching them has something to report.
	const churnSeconds = Number(process.env.SCNET_SANDBOX_CHURN_SECONDS ?? 30);
	const sandbox = await startSandbox({ port: Number(process.env.SCNET_SANDBOX_PORT ?? 8765), demo: true, churnEveryMs: churnSeconds * 1000 });
	log(`SCNet sandbox: ${sandbox.url} (token ${sandbox.token}, ${sandbox.containers.size} containers)`);

	const [runtime, tarball] = await Promise.all([ensureN8n(N8N_V2, log), packPackage(log)]);
	// One user folder across starts, so the workflows you build survive a restart.
	const n8n = new N8nInstance({ runtime, userFolder: join(root, '.n8n-runtime', 'user'), port, brokerPort: port + 1, log });
	log('Installing n8n-nodes-scnet as a community package…');
	await n8n.installPackage(tarball);
	log(reset ? 'Importing the original examples and sandbox credentials…' : 'Checking for the examples and sandbox credentials…');
	const examples = await importMissingExamples(n8n, sandbox, { reset, log });

	log(`Starting n8n ${runtime.version}…`);
	await n8n.start();
	await n8n.setupOwner(LOGIN.email, LOGIN.password).catch(() => {
		// Set up on an earlier start already.
	});
	log(banner(n8n.baseUrl, `${sandbox.url}${STATE_PATH}`, examples, runtime.version));

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

/** What is running, where each example is, and what to try first. */
function banner(baseUrl: string, sandboxState: string, examples: ExamplesState, version: string): string {
	const { workflows, imported } = examples;
	const width = Math.max(...workflows.map((workflow) => workflow.name.length));
	const published = majorVersion(version) >= 2 ? 'published' : 'active';
	const nightly = workflows.find((workflow) => workflow.file === 'nightly-cleanup');
	const webhook = workflows.find((workflow) => workflow.file === 'webhook-delete-containers');
	const startExample = workflows.find((workflow) => workflow.file === 'start-run-script');
	const slurmExample = workflows.find((workflow) => workflow.file === 'run-slurm-job');
	const path = webhook?.nodes.find((node) => node.type === 'n8n-nodes-base.webhook')?.parameters?.path ?? 'scnet-delete-containers';
	const body = JSON.stringify({ ids: WEBHOOK_DEMO_IDS }).replace(/,/g, ', ').replace(':', ': ');
	const curl = [
		`     curl -X POST ${baseUrl}/webhook/${String(path)} \\`,
		"       -H 'content-type: application/json' \\",
		`       -H '${WEBHOOK_HEADER.name}: ${WEBHOOK_HEADER.value}' \\`,
		`       -d '${body}'`,
	];
	const kept = workflows.filter((workflow) => !imported.workflows.includes(workflow.id));
	const lines = [
		'',
		`n8n ${version} is running:  ${baseUrl}`,
		`Log in with:  ${LOGIN.email} / ${LOGIN.password}`,
		'',
		'Example workflows:',
		...workflows.map((workflow) => {
			const state = [workflow.active ? published : `not ${published}`, ...(workflow.archived ? ['archived'] : [])].join(', ');
			return `  ${workflow.name.padEnd(width)}  ${baseUrl}/workflow/${workflow.id}  (${state})`;
		}),
		kept.length === 0
			? '  (just imported with the sandbox credentials)'
			: `  (kept as you left them${imported.workflows.length > 0 ? '; the others just imported' : ''}; originals: npm start -- ${RESET_FLAG})`,
		'',
		'What to try:',
	];
	if (nightly) lines.push(`  1. Open "${nightly.name}" and press "Execute workflow": it lists the finished containers older than a day, deletes them and reports.`);
	if (webhook) {
		lines.push(
			webhook.active
				? `  2. "${webhook.name}" is ${published}; call it:`
				: `  2. Open "${webhook.name}", ${published === 'published' ? 'press "Publish" (top right)' : 'switch it to Active'}, then call it:`,
			...curl,
			'     It answers one result per container: deleted, or not and why (send it twice: code 716866, already gone).',
			`     Without the ${WEBHOOK_HEADER.name} header (credential "${WEBHOOK_CREDENTIAL.name}") n8n answers 403; in your own n8n, set a long random value there.`,
		);
	}
	if (startExample) {
		lines.push(`  3. Open "${startExample.name}" and press "Execute workflow": it starts demo-dev-box, waits until it runs, runs a script in it and reports its URL.`);
	}
	if (slurmExample) {
		lines.push(`  4. Open "${slurmExample.name}" and press "Execute workflow": it submits a Slurm job, waits until it has finished and reports the end of its output.`);
	}
	lines.push(
		`  5. Publish a workflow with an SCNet Trigger (e.g. "SCNet: forgotten GPUs" or "SCNet: report each finished Slurm job"):`,
		'     the sandbox moves a container on now and then; move one yourself with',
		`     curl -X POST ${sandboxState}/<id>/status -H 'content-type: application/json' -d '{"status": "Failed"}'`,
	);
	lines.push(
		'',
		`Sandbox containers (live):  ${sandboxState}`,
		`Demo container IDs:         ${DEMO_CONTAINER_IDS.join(', ')}`,
		'Press Ctrl-C to stop n8n and the sandbox.',
		'',
	);
	return lines.join('\n');
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
