import { dirname } from 'node:path';

import { BinaryDataService } from 'n8n-core';

/*
 * n8n keeps binary data in memory (its 'default' mode, n8n 1.x's default) or on disk
 * ('filesystem', n8n 2.x's default), according to how its BinaryDataService was started. A test
 * file that calls this runs in filesystem mode, under the test's own user folder (see env.ts);
 * one that does not runs in memory mode.
 */
export function useBinaryStore(): void {
	beforeAll(async () => {
		// n8n-core's own copy of the dependency-injection container (another version may sit at the top of node_modules).
		const { Container } = require(require.resolve('@n8n/di', { paths: [dirname(require.resolve('n8n-core'))] })) as typeof import('@n8n/di');
		await Container.get(BinaryDataService).init();
	});
}
