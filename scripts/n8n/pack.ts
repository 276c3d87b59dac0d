import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot, run, type Log } from './runtime';

/** Builds the package and packs it as npm would publish it; returns the tarball's path. */
export async function packPackage(log: Log = () => {}): Promise<string> {
	const root = repoRoot();
	const destination = join(root, '.n8n-runtime', 'pack');
	rmSync(destination, { recursive: true, force: true });
	mkdirSync(destination, { recursive: true });
	log('Building and packing n8n-nodes-scnet…');
	await run('npm', ['run', 'build'], { cwd: root, log });
	await run('npm', ['pack', '--pack-destination', destination], { cwd: root, log });
	const [tarball] = readdirSync(destination).filter((file) => file.endsWith('.tgz'));
	return join(destination, tarball);
}
