import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_V2 } from '../../scripts/n8n/runtime';
import { SANDBOX_CREDENTIAL, SANDBOX_TOKEN_CREDENTIAL } from '../../scripts/n8n/examples';
import { executeFromEditor, findInNodePanel, openCredential, SCREENSHOT_DIR } from './editor';
import { OWNER, realN8nScenarios } from './scenarios';
import { id } from './workflows';

describe(`real n8n ${N8N_V2} (Node 24)`, () => {
	realN8nScenarios(N8N_V2, 15700, (env) => {
		it('shows SCNet in the editor nodes panel, with its Delete action (headless Chromium)', async () => {
			const listed = await findInNodePanel(env().n8n.baseUrl, OWNER, 'SCNet', 'Delete containers');

			expect(listed).toContain('SCNet');
			expect(existsSync(join(SCREENSHOT_DIR, 'node-panel-actions.png'))).toBe(true);
		});

		it('shows each credential with the fields of its mode, and its test passes (headless Chromium)', async () => {
			const { baseUrl } = env().n8n;

			expect(await openCredential(baseUrl, OWNER, SANDBOX_CREDENTIAL.id)).toEqual(
				expect.arrayContaining(['Authentication', 'User', 'Access Key', 'Secret Key', 'Region', 'Sign-in URL', 'Region Discovery URL', 'Container Service URL']),
			);
			const tokenFields = await openCredential(baseUrl, OWNER, SANDBOX_TOKEN_CREDENTIAL.id);
			expect(tokenFields).toEqual(expect.arrayContaining(['Authentication', 'Base URL', 'Token']));
			expect(tokenFields).not.toContain('Secret Key');
		});

		it('deletes containers when the nightly example is run from the editor', async () => {
			const { n8n, sandbox } = env();
			sandbox.reset();
			const gone = () => [3, 4, 5].every((n) => !sandbox.containers.has(id(n)));

			await executeFromEditor(n8n.baseUrl, OWNER, 'scnetNightly0001', 'Run now', gone);

			expect(gone()).toBe(true);
			expect(sandbox.containers.size).toBe(37);
		});
	});
});
