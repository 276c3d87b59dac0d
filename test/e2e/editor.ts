import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { repoRoot } from '../../scripts/n8n/runtime';

/** Where the editor screenshots go (git-ignored). */
export const SCREENSHOT_DIR = join(repoRoot(), '.tmp', 'screenshots');

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

/**
 * Logs in to the editor with Debian's Chromium, searches the nodes panel for `search`, opens the
 * node found, and waits for `action` among its actions. Screenshots of both steps are saved;
 * returns the names the search listed.
 */
export async function findInNodePanel(
	baseUrl: string,
	login: { email: string; password: string },
	search: string,
	action: string,
): Promise<string[]> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const response = await context.request.post(`${baseUrl}/rest/login`, {
			data: { emailOrLdapLoginId: login.email, email: login.email, password: login.password },
		});
		if (!response.ok()) throw new Error(`login failed: ${response.status()}`);
		const page = await context.newPage();
		await page.goto(`${baseUrl}/workflow/new`);
		await page.click('[data-test-id="node-creator-plus-button"]', { timeout: 90000 });
		await page.keyboard.type(search);
		const names = page.locator('[data-test-id="node-creator-item-name"]');
		const found = names.filter({ hasText: search }).first();
		await found.waitFor({ timeout: 30000 });
		await page.screenshot({ path: join(SCREENSHOT_DIR, 'node-panel-search.png') });
		const listed = (await names.allInnerTexts()).map((name) => name.trim());

		await found.click();
		await page.getByText(action, { exact: true }).filter({ visible: true }).first().waitFor({ timeout: 30000 });
		await page.screenshot({ path: join(SCREENSHOT_DIR, 'node-panel-actions.png') });
		return listed;
	} finally {
		await browser.close();
	}
}
