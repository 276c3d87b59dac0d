import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Page } from 'playwright-core';

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

async function withEditor<T>(
	baseUrl: string,
	login: { email: string; password: string },
	use: (page: Page) => Promise<T>,
): Promise<T> {
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const response = await context.request.post(`${baseUrl}/rest/login`, {
			data: { emailOrLdapLoginId: login.email, email: login.email, password: login.password },
		});
		if (!response.ok()) throw new Error(`login failed: ${response.status()}`);
		return await use(await context.newPage());
	} finally {
		await browser.close();
	}
}

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
	/** A workflow that has a trigger already, so that the panel offers the next step's nodes. */
	workflowId: string,
): Promise<string[]> {
	return withEditor(baseUrl, login, async (page) => {
		await page.goto(`${baseUrl}/workflow/${workflowId}`);
		await page.click('[data-test-id="node-creator-plus-button"]', { timeout: 90000 });
		await page.keyboard.type(search);
		const names = page.locator('[data-test-id="node-creator-item-name"]');
		// Exactly the node searched for: "SCNet" also finds "SCNet Trigger".
		const found = names.filter({ hasText: new RegExp(`^\\s*${search}\\s*$`) }).first();
		await found.waitFor({ timeout: 30000 });
		await page.screenshot({ path: join(SCREENSHOT_DIR, 'node-panel-search.png') });
		const listed = (await names.allInnerTexts()).map((name) => name.trim());

		await found.click();
		await page.getByText(action, { exact: true }).filter({ visible: true }).first().waitFor({ timeout: 30000 });
		await page.screenshot({ path: join(SCREENSHOT_DIR, 'node-panel-actions.png') });
		return listed;
	});
}

/** Opens a workflow in the editor and runs it from the given manual trigger, as a user clicks it. */
export async function executeFromEditor(
	baseUrl: string,
	login: { email: string; password: string },
	workflowId: string,
	trigger: string,
	finished: () => boolean,
): Promise<void> {
	await withEditor(baseUrl, login, async (page) => {
		await page.goto(`${baseUrl}/workflow/${workflowId}`);
		// The button only shows while the pointer is over the trigger; a user hovers, we force.
		await page.click(`[data-test-id="execute-workflow-button-${trigger}"]`, { force: true, timeout: 90000 });
		for (let waited = 0; waited < 60 && !finished(); waited++) await page.waitForTimeout(500);
		await page.screenshot({ path: join(SCREENSHOT_DIR, 'workflow-executed.png') });
	});
}

/**
 * Opens a credential in the editor, as a user does from the Overview page, and returns the labels
 * of its fields once the editor's automatic connection test has passed (a screenshot is saved).
 */
export async function openCredential(
	baseUrl: string,
	login: { email: string; password: string },
	credentialId: string,
): Promise<string[]> {
	return withEditor(baseUrl, login, async (page) => {
		await page.goto(`${baseUrl}/home/credentials/${credentialId}`);
		await page.getByText('Connection tested successfully').waitFor({ timeout: 90000 });
		await page.screenshot({ path: join(SCREENSHOT_DIR, `credential-${credentialId}.png`) });
		const labels = await page.locator('.el-dialog label').allInnerTexts();
		return labels.map((label) => label.split('\n')[0].replace(/\s*\*$/, ''));
	});
}

/**
 * Opens a node of a workflow in the editor (its parameters panel) and returns what the first
 * resource locator's list offers once opened, as a user clicks into it (a screenshot is saved).
 */
export async function listPickerItems(
	baseUrl: string,
	login: { email: string; password: string },
	workflowId: string,
	nodeId: string,
): Promise<string[]> {
	return withEditor(baseUrl, login, async (page) => {
		await page.goto(`${baseUrl}/workflow/${workflowId}/${nodeId}`);
		await page.locator('[data-test-id="rlc-input"]').filter({ visible: true }).first().click({ timeout: 90000 });
		const items = page.locator('[data-test-id="rlc-item"]').filter({ visible: true });
		await items.first().waitFor({ timeout: 60000 });
		await page.screenshot({ path: join(SCREENSHOT_DIR, 'container-picker.png') });
		return (await items.allInnerTexts()).map((text) => text.trim());
	});
}
