import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { accessKeyCredentialData, accessTokenCredentialData } from '../../sandbox/credentials';
import type { Sandbox } from '../../sandbox/server';
import type { N8nInstance, StoredWorkflow } from './instance';
import { repoRoot, type Log } from './runtime';

/** The credential the example workflows point at: the recommended Access Key sign-in. */
export const SANDBOX_CREDENTIAL = { id: 'scnetSandbox01', name: 'SCNet sandbox' };

/** A second one with the sandbox's token pasted by hand ('Access Token'). */
export const SANDBOX_TOKEN_CREDENTIAL = { id: 'scnetSandbox02', name: 'SCNet sandbox (access token)' };

/**
 * The header the webhook example requires (n8n's Header Auth): n8n answers 403 to a call without it.
 * A well-known demo value, for the local sandbox only: in your own n8n, replace it in the
 * 'SCNet webhook header' credential with a long random one (e.g. `openssl rand -hex 32`).
 */
export const WEBHOOK_HEADER = { name: 'X-SCNet-Webhook-Key', value: 'demo-webhook-key-change-me' };

/** The Header Auth credential the webhook example's Webhook node points at. */
export const WEBHOOK_CREDENTIAL = { id: 'scnetWebhookAuth1', name: 'SCNet webhook header' };

/**
 * The bearer token MCP clients send to the MCP example's MCP Server Trigger (`Authorization: Bearer …`);
 * n8n answers 403 to a call without it. A well-known demo value, for the local sandbox only: in
 * your own n8n, replace it in the 'SCNet MCP bearer token' credential with a long random one.
 */
export const MCP_BEARER_TOKEN = 'demo-mcp-bearer-token-change-me';

/** The Bearer Auth credential the MCP example's MCP Server Trigger points at. */
export const MCP_CREDENTIAL = { id: 'scnetMcpBearer01', name: 'SCNet MCP bearer token' };

/**
 * The sandbox credentials (Access Key and Access Token), filled in for a running sandbox, the
 * webhook example's header and the MCP example's bearer token, ready for `n8n import:credentials`.
 */
export function sandboxCredentials(sandbox: Sandbox): object[] {
	return [
		{ ...SANDBOX_CREDENTIAL, type: 'scnetApi', data: accessKeyCredentialData(sandbox) },
		{ ...SANDBOX_TOKEN_CREDENTIAL, type: 'scnetApi', data: accessTokenCredentialData(sandbox) },
		{ ...WEBHOOK_CREDENTIAL, type: 'httpHeaderAuth', data: { name: WEBHOOK_HEADER.name, value: WEBHOOK_HEADER.value } },
		{ ...MCP_CREDENTIAL, type: 'httpBearerAuth', data: { token: MCP_BEARER_TOKEN } },
	];
}

/** Where the examples expect the sandbox (`npm start` runs it there): an example that fetches sample data names it. */
export const EXAMPLE_SANDBOX_URL = 'http://127.0.0.1:8765';

/** The workflows in examples/, by file name without `.json`; with `sandboxUrl`, pointed at that sandbox instead. */
export function readExamples(sandboxUrl = EXAMPLE_SANDBOX_URL): Record<string, object> {
	const dir = join(repoRoot(), 'examples');
	return Object.fromEntries(
		readdirSync(dir)
			.filter((file) => file.endsWith('.json'))
			.sort()
			.map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, file), 'utf8').split(EXAMPLE_SANDBOX_URL).join(sandboxUrl)) as object]),
	);
}

/** The example workflows as n8n holds them after `importMissingExamples`, and what that call imported. */
export interface ExamplesState {
	/** One per file in examples/, in file-name order: the user's version when it was there already. */
	workflows: Array<StoredWorkflow & { file: string }>;
	/** The IDs of the workflows and credentials this call imported. */
	imported: { workflows: string[]; credentials: string[] };
}

/**
 * Puts the example workflows and the sandbox credentials into a stopped n8n when n8n does not
 * have them yet (by ID), and leaves alone the ones it has: the user's edits and published
 * (active) state survive a restart. `reset` imports them all again, overwriting the user's
 * versions, unpublished. Asks n8n itself (two CLI calls; one with `reset`), so deleting a
 * workflow, a credential or the whole database brings the originals back on the next start.
 */
export async function importMissingExamples(
	n8n: N8nInstance,
	sandbox: Sandbox,
	options: { reset?: boolean; log?: Log } = {},
): Promise<ExamplesState> {
	const log = options.log ?? (() => {});
	const examples = Object.entries(readExamples(sandbox.url)).map(([file, workflow]) => ({ file, workflow: workflow as StoredWorkflow }));
	const credentials = sandboxCredentials(sandbox) as Array<{ id: string }>;
	const storedWorkflows = new Map((await n8n.listWorkflows()).map((workflow) => [workflow.id, workflow]));
	// Reset imports every credential anyway, so it need not ask n8n (a slow CLI run) which it has.
	const storedCredentials = options.reset ? new Set<string>() : new Set(await n8n.credentialIds());

	const missingCredentials = credentials.filter((credential) => options.reset || !storedCredentials.has(credential.id));
	if (missingCredentials.length > 0) {
		log(`Importing the sandbox credentials: ${missingCredentials.map((credential) => credential.id).join(', ')}…`);
		await n8n.importCredentials(missingCredentials);
	}
	const missing = examples.filter(({ workflow }) => options.reset || !storedWorkflows.has(workflow.id));
	if (missing.length > 0) {
		// n8n 2.x refuses to import over a published workflow; unpublish it first.
		for (const { workflow } of missing) if (storedWorkflows.get(workflow.id)?.active) await n8n.unpublish(workflow.id);
		log(`Importing the example workflows: ${missing.map(({ file }) => file).join(', ')}…`);
		await n8n.importWorkflows(missing.map(({ workflow }) => workflow));
	}
	const imported = new Set(missing.map(({ workflow }) => workflow.id));
	return {
		workflows: examples.map(({ file, workflow }) => {
			const stored = imported.has(workflow.id) ? undefined : storedWorkflows.get(workflow.id);
			return { file, ...(stored ?? { id: workflow.id, name: workflow.name, active: false, archived: false, nodes: workflow.nodes }) };
		}),
		imported: { workflows: [...imported], credentials: missingCredentials.map((credential) => credential.id) },
	};
}
