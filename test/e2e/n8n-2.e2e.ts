import type { IDataObject } from 'n8n-workflow';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_V2 } from '../../scripts/n8n/runtime';
import { importMissingExamples, SANDBOX_CREDENTIAL, SANDBOX_TOKEN_CREDENTIAL } from '../../scripts/n8n/examples';
import { aiToolScenarios } from './agent';
import { executeFromEditor, findInNodePanel, listPickerItems, openCredential, SCREENSHOT_DIR } from './editor';
import { OWNER, postToWebhook, realN8nScenarios, WEBHOOK_EXAMPLE } from './scenarios';
import { cleanUpCandidates, id, PICKER_WORKFLOW } from './workflows';

describe(`real n8n ${N8N_V2} (Node 24)`, () => {
	realN8nScenarios(N8N_V2, 15700, (env) => {
		it('shows SCNet in the editor nodes panel, with its Delete action (headless Chromium)', async () => {
			const listed = await findInNodePanel(env().n8n.baseUrl, OWNER, 'SCNet', 'Delete containers', PICKER_WORKFLOW.id);

			expect(listed).toContain('SCNet');
			expect(existsSync(join(SCREENSHOT_DIR, 'node-panel-actions.png'))).toBe(true);
		});

		it('shows each credential with the fields of its mode, and its test passes (headless Chromium)', async () => {
			const { baseUrl } = env().n8n;

			expect(await openCredential(baseUrl, OWNER, SANDBOX_CREDENTIAL.id)).toEqual(
				expect.arrayContaining(['Authentication', 'User', 'Access Key', 'Secret Key', 'Region', 'Container Service URL', 'Sign-in URL', 'Region Discovery URL']),
			);
			const tokenFields = await openCredential(baseUrl, OWNER, SANDBOX_TOKEN_CREDENTIAL.id);
			expect(tokenFields).toEqual(expect.arrayContaining(['Authentication', 'Token', 'Container Service URL', 'Region Discovery URL']));
			expect(tokenFields).not.toContain('Secret Key');
			expect(tokenFields).not.toContain('Base URL');
		});

		it("lists the sandbox's containers in the node's container picker, signing in from the editor (headless Chromium)", async () => {
			const { n8n, sandbox } = env();
			sandbox.reset();
			const newest = [...sandbox.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime))[0];

			const items = await listPickerItems(n8n.baseUrl, OWNER, PICKER_WORKFLOW.id, PICKER_WORKFLOW.nodeId);

			expect(items.length).toBeGreaterThan(5);
			expect(items[0]).toContain(`${newest.instanceServiceName} (${newest.status})`);
		});

		it('deletes containers when the nightly example is run from the editor', async () => {
			const { n8n, sandbox } = env();
			sandbox.reset();
			const [before, candidates] = [sandbox.containers.size, cleanUpCandidates(sandbox).length];
			const gone = () => cleanUpCandidates(sandbox).length === 0;

			await executeFromEditor(n8n.baseUrl, OWNER, 'scnetNightly0001', 'Run now', gone);

			expect(gone()).toBe(true);
			expect(sandbox.containers.size).toBe(before - candidates);
		});

		it('keeps the published, edited webhook example when restarted the way npm start does', async () => {
			const { n8n, sandbox } = env();
			sandbox.reset();
			await n8n.api('POST', `/workflows/${WEBHOOK_EXAMPLE}/activate`);
			const original = await n8n.api<{ nodes: object[]; connections: object }>('GET', `/workflows/${WEBHOOK_EXAMPLE}`);
			const renamed = 'Delete the containers of cancelled runs';
			await n8n.api('PUT', `/workflows/${WEBHOOK_EXAMPLE}`, {
				name: renamed,
				nodes: original.nodes,
				connections: original.connections,
				settings: { executionOrder: 'v1' },
			});

			await n8n.stop();
			const state = await importMissingExamples(n8n, sandbox);
			await n8n.start();

			expect(state.imported).toEqual({ workflows: [], credentials: [] });
			expect(state.workflows.find((workflow) => workflow.id === WEBHOOK_EXAMPLE)).toMatchObject({ name: renamed, active: true });
			const response = await postToWebhook(n8n.baseUrl, { ids: [id(33), 'no/such-id'] });
			expect(response.status).toBe(200);
			expect(((await response.json()) as IDataObject[]).map((result) => [result.id, result.deleted, result.code])).toEqual([
				[id(33), true, '0'],
				['no/such-id', false, 'INVALID_CONTAINER_ID'],
			]);
			expect((await n8n.api<{ name: string }>('GET', `/workflows/${WEBHOOK_EXAMPLE}`)).name).toBe(renamed);
			expect(readdirSync(n8n.userFolder).filter((name) => name.startsWith('import-'))).toEqual([]);
		}, 4 * 60 * 1000);

		aiToolScenarios(env);
	});
});
