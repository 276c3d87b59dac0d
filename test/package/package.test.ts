import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType } from 'n8n-workflow';

const root = resolve(__dirname, '../..');
// Inside the repository, so that the unpacked package resolves its peer n8n-workflow from our devDependencies.
const workDir = join(root, '.tmp', 'package-test');
const unpacked = join(workDir, 'node_modules', 'n8n-nodes-scnet');
const npm = (args: string[], cwd = root) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the packed tarball', () => {
	let files: string[];
	let loader: PackageDirectoryLoader;

	beforeAll(async () => {
		rmSync(workDir, { recursive: true, force: true });
		mkdirSync(unpacked, { recursive: true });
		npm(['run', 'build']);
		const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', workDir])) as Array<{
			filename: string;
			files: Array<{ path: string }>;
		}>;
		files = packed.files.map((file) => file.path).sort();
		execFileSync('tar', ['-xzf', join(workDir, packed.filename), '-C', unpacked, '--strip-components=1']);
		loader = new PackageDirectoryLoader(unpacked);
		await loader.loadAll();
	}, 120000);

	it('ships the compiled package and nothing else', () => {
		expect(files).toContain('dist/nodes/Scnet/Scnet.node.js');
		expect(files).toContain('dist/credentials/ScnetApi.credentials.js');
		expect(files).toContain('dist/nodes/Scnet/Scnet.node.json');
		expect(files).toContain('dist/nodes/Scnet/scnet.svg');
		expect(files).toContain('dist/nodes/Scnet/scnet.dark.svg');
		expect(files.filter((file) => !file.startsWith('dist/'))).toEqual(['LICENSE.md', 'README.md', 'package.json']);
		expect(files.filter((file) => /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
	});

	it('declares no runtime dependencies and only n8n-workflow as peer', () => {
		const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
		expect(manifest.dependencies).toBeUndefined();
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.keywords).toContain('n8n-community-node-package');
		expect(manifest.license).toBe('MIT');
	});

	it('loads in n8n as a community package, with its node, its trigger and the credential', () => {
		expect(loader.packageName).toBe('n8n-nodes-scnet');
		const node = loader.nodeTypes.scnet?.type as INodeType;
		expect(node.description).toMatchObject({ displayName: 'SCNet', usableAsTool: true, credentials: [{ name: 'scnetApi', required: true }] });
		const trigger = loader.nodeTypes.scnetTrigger?.type as INodeType;
		expect(trigger.description).toMatchObject({ displayName: 'SCNet Trigger', polling: true, credentials: [{ name: 'scnetApi', required: true }] });
		expect(typeof trigger.poll).toBe('function');
		const credential = loader.credentialTypes.scnetApi?.type as ICredentialType;
		expect(credential.displayName).toBe('SCNet API');
		expect(Object.keys(loader.known.nodes)).toEqual(['scnet', 'scnetTrigger']);
		expect(Object.keys(loader.known.credentials)).toEqual(['scnetApi']);
	});

	it('resolves every icon to a file in the package', () => {
		const icons = [
			...loader.types.nodes.map((node) => node.iconUrl),
			...loader.types.credentials.map((credential) => credential.iconUrl),
		];
		expect(icons).toHaveLength(3);
		for (const icon of icons) {
			const { light, dark } = icon as { light: string; dark: string };
			for (const url of [light, dark]) {
				const relative = url.replace(/^icons\/n8n-nodes-scnet\//, '');
				expect(existsSync(join(unpacked, relative))).toBe(true);
			}
		}
	});

	it('is found in the nodes panel by the words users search for', () => {
		const { codex } = loader.types.nodes[0] as { codex?: { alias?: string[]; categories?: string[] } };
		expect(codex?.alias).toEqual(expect.arrayContaining(['container', 'instance', 'GPU', 'Sugon', 'AC', 'delete container']));
		expect(codex?.categories).toEqual(['Development']);
	});

	it("links its documentation to sections of the repository's README that exist", () => {
		const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
		const repository = String(manifest.repository.url).replace(/^git\+/, '').replace(/\.git$/, '');
		const codexes = loader.types.nodes.map((node) => (node as { codex?: { resources?: Record<string, Array<{ url: string }>> } }).codex);
		const credential = loader.credentialTypes.scnetApi?.type as ICredentialType;
		const links = [
			...codexes.flatMap((codex) => Object.values(codex?.resources ?? {}).flatMap((entries) => entries.map((entry) => entry.url))),
			credential.documentationUrl as string,
			manifest.homepage as string,
			`${String(manifest.bugs.url).replace(/\/issues$/, '')}#readme`,
		];
		expect(links.length).toBe(7);
		// GitHub's anchors: headings lower-cased, punctuation dropped, spaces as dashes.
		const anchors = readFileSync(join(unpacked, 'README.md'), 'utf8')
			.split('\n')
			.filter((line) => /^#{1,4} /.test(line))
			.map((line) => line.replace(/^#+ /, '').trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'));
		for (const link of links) {
			const [base, anchor] = link.split('#');
			expect(base).toBe(repository);
			expect([...anchors, 'readme']).toContain(anchor);
		}
	});

	/**
	 * n8n's community-package scanner, offline: the repository's sources and the unpacked tarball.
	 * Without the test runner's NODE_ENV=test, which switches n8n's lint rules to their own test mode.
	 */
	const scan = (packageDir: string) => {
		const { NODE_ENV: _testMode, ...env } = process.env;
		const output = execFileSync(process.execPath, [join(root, 'scripts', 'scan-package.mjs'), root, packageDir], { encoding: 'utf8', env });
		return JSON.parse(output) as { passed: boolean; details: string };
	};

	it("passes n8n's community-package scanner (@n8n/scan-community-package), offline", () => {
		const { passed, details } = scan(unpacked);
		expect({ passed, details: details.trim() }).toEqual({ passed: true, details: '' });
	}, 120000);

	it('would be stopped by the scanner if the tarball broke one of its rules', () => {
		const tampered = join(workDir, 'tampered');
		rmSync(tampered, { recursive: true, force: true });
		cpSync(unpacked, tampered, { recursive: true });
		appendFileSync(join(tampered, 'dist', 'nodes', 'Scnet', 'Scnet.node.js'), '\nconsole.log("leak");\n');

		const result = scan(tampered);
		expect(result.passed).toBe(false);
		expect(result.details).toContain('no-console');
	}, 120000);

	it('has a CI workflow for pull requests and a publish workflow with provenance on version tags', () => {
		const ci = readFileSync(join(root, '.github', 'workflows', 'ci.yml'), 'utf8');
		const publish = readFileSync(join(root, '.github', 'workflows', 'publish.yml'), 'utf8');
		expect(ci).toMatch(/pull_request/);
		expect(ci).toContain('bash .ci/run --fast');
		expect(publish).toMatch(/tags:\s*\n\s*- 'v\*'/);
		expect(publish).toContain('id-token: write');
		expect(publish).toContain('bash .ci/run --fast');
		expect(publish).toContain('npm publish --provenance --access public');
	});
});
