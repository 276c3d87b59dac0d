import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_V2 } from '../../scripts/n8n/runtime';
import { findInNodePanel, SCREENSHOT_DIR } from './editor';
import { OWNER, realN8nScenarios } from './scenarios';

describe(`real n8n ${N8N_V2} (Node 24)`, () => {
	realN8nScenarios(N8N_V2, 15700, (env) => {
		it('shows SCNet in the editor nodes panel, with its Delete action (headless Chromium)', async () => {
			const listed = await findInNodePanel(env().n8n.baseUrl, OWNER, 'SCNet', 'Delete containers');

			expect(listed).toContain('SCNet');
			expect(existsSync(join(SCREENSHOT_DIR, 'node-panel-actions.png'))).toBe(true);
		});
	});
});
