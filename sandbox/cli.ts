/**
 * `npm run sandbox`: the SCNet sandbox as a program, for trying the node without an SCNet account.
 * Flags (or SCNET_SANDBOX_* variables): --host, --port, --token, --latency-ms, --containers,
 * --fail ID=CODE (repeatable: every delete that includes ID answers CODE),
 * --flaky N (the first N delete requests answer HTTP 503), --token-lifetime-ms (of signed-in tokens),
 * --churn-seconds N (every N seconds one numbered container moves on: runs, finishes, fails).
 * `POST /__sandbox/containers/{id}/status` with `{ "status": "Failed" }` moves one by hand.
 * The account that signs in has fixed keys, printed at start. Besides the `--containers` numbered
 * ones, it holds the demo containers with the IDs the README uses (`demoContainers`).
 */
import { parseArgs } from 'node:util';

import { DEMO_CONTAINER_IDS } from './containers';
import { DELETE_PATH, startSandbox, STATE_PATH } from './server';

const env = process.env;
const { values } = parseArgs({
	options: {
		host: { type: 'string', default: env.SCNET_SANDBOX_HOST ?? '127.0.0.1' },
		port: { type: 'string', default: env.SCNET_SANDBOX_PORT ?? '8765' },
		token: { type: 'string', default: env.SCNET_SANDBOX_TOKEN },
		'latency-ms': { type: 'string', default: env.SCNET_SANDBOX_LATENCY_MS ?? '0' },
		containers: { type: 'string', default: env.SCNET_SANDBOX_CONTAINERS ?? '40' },
		fail: { type: 'string', multiple: true, default: [] },
		flaky: { type: 'string', default: '0' },
		'token-lifetime-ms': { type: 'string', default: env.SCNET_SANDBOX_TOKEN_LIFETIME_MS ?? String(24 * 60 * 60 * 1000) },
		'churn-seconds': { type: 'string', default: env.SCNET_SANDBOX_CHURN_SECONDS ?? '0' },
	},
});

async function main(): Promise<void> {
	const sandbox = await startSandbox({
		host: values.host,
		port: Number(values.port),
		token: values.token,
		latencyMs: Number(values['latency-ms']),
		containers: Number(values.containers),
		demo: true,
		churnEveryMs: Number(values['churn-seconds']) * 1000,
		auth: { tokenLifetimeMs: Number(values['token-lifetime-ms']) },
	});
	for (const rule of values.fail ?? []) {
		const [id, code] = rule.split('=');
		if (!id || !code) throw new Error(`--fail takes ID=CODE, not '${rule}'`);
		sandbox.failIds([id], code);
	}
	const flaky = Number(values.flaky);
	if (flaky > 0) {
		sandbox.addFault({
			when: (request) => request.path === DELETE_PATH,
			times: flaky,
			respond: { status: 503, body: '<html><body>503 Service Unavailable</body></html>' },
		});
	}
	const { user, accessKey, secretKey, password, orgId } = sandbox.auth.settings.account;
	process.stdout.write(
		[
			'SCNet sandbox is running.',
			`  Access Key sign-in:  User ${user}, Access Key ${accessKey}, Secret Key ${secretKey}`,
			`  Password sign-in:    User ${user}, Password ${password}, Organization ID ${orgId}`,
			`  Sign-in URL and Region Discovery URL: ${sandbox.url}`,
			`  Access Token:        Container Service URL ${sandbox.url}, Token ${sandbox.token}`,
			`  Containers: ${sandbox.containers.size} (live view: ${sandbox.url}${STATE_PATH})`,
			`  Demo container IDs:  ${DEMO_CONTAINER_IDS.join(', ')}`,
			'Press Ctrl-C to stop.',
			'',
		].join('\n'),
	);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
	process.stderr.write(`${error.message}\n`);
	process.exit(1);
});
