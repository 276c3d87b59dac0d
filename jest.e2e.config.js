/** End-to-end tests on real n8n: slow (n8n is installed on first run), so kept apart from `npm test`. */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 5 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
	// fetch keeps idle keep-alive sockets to the stopped servers for a while; nothing else is left running.
	forceExit: true,
};
