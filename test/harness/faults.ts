import { createServer, type AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { Fault, Sandbox } from '../../sandbox/server';
import { pastedToken, type SandboxFixture } from './fixtures';
import { onErrorSetting, type OnErrorChoice } from './runWorkflow';

/** A port on this machine nothing listens on: connecting to it is refused. */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** A pasted-token credential for a server on this machine at `port` (e.g. a closed one). */
export const pastedTokenAtPort = (port: number, token: string): ICredentialDataDecryptedObject => pastedToken(`http://127.0.0.1:${port}`, token);

/** A fault's `when` for the requests that reach one container route (`create`, `detail`, …). */
export const onRoute =
	(route: string): Fault['when'] =>
	(request) =>
		request.route === route;

/** The query of a recorded request. */
export const queryOf = (request: { url: string }) => new URL(request.url, 'http://sandbox').searchParams;

/**
 * A fault's answer to list calls that pages `entries` as SCNet does, by the call's `start` and
 * `limit` (a fixed answer to every page would be a server that ignores `start`).
 */
export const pagedList =
	(entries: IDataObject[], { total = true }: { total?: boolean } = {}) =>
	(request: { url: string }) => {
		const start = Number(queryOf(request).get('start') ?? 0);
		const page = entries.slice(start, start + Number(queryOf(request).get('limit') ?? entries.length));
		return { body: { code: '0', msg: 'success', data: total ? { list: page, total: entries.length } : page } };
	};

/**
 * A fault's `when` that runs `act` as the `n`-th list request from now arrives, before it is
 * answered (to change the account between two pages of one read), and is true for that request.
 */
export const onListRequest = (n: number, act: () => void = () => {}): NonNullable<Fault['when']> => {
	let seen = 0;
	return (request) => {
		if (request.route !== 'list' || ++seen !== n) return false;
		act();
		return true;
	};
};

/** The requests `sandbox` received on one container route. */
export const requestsOn = (route: string, sandbox: Sandbox) => sandbox.requests.filter((request) => request.route === route);

export interface OneItemRun {
	/** The node's options; 'Max Tries' is 3 unless given. */
	options?: Record<string, unknown>;
	/** "Continue" (regular output) unless given; 'stop' for "Stop". */
	onError?: OnErrorChoice;
	credentials?: ICredentialDataDecryptedObject;
}

/** Runs `operation` on one item with `parameters`, varying only what a retry test varies. */
export const oneItemRun =
	(scnet: SandboxFixture, operation: string, item: IDataObject, parameters: INodeParameters) =>
	({ options = {}, onError = 'continueRegularOutput', credentials }: OneItemRun = {}) =>
		scnet.run({
			operation,
			items: [{ ...item }],
			parameters: { ...parameters, options: { maxTries: 3, ...options } },
			credentials,
			onError: onErrorSetting(onError),
		});

/**
 * Faults after which a request may have reached SCNet and been carried out: a call that creates or
 * runs something must not be sent again after any of them. `[what, fault, node options, code]`.
 */
export const AMBIGUOUS_FAULTS: Array<[string, Partial<Fault>, Record<string, unknown>, string]> = [
	['a time-out', { delayMs: 1500 }, { timeout: 300 }, 'TIMEOUT'],
	['a dropped connection', { drop: true }, {}, 'ECONNRESET'],
	['HTTP 503 with a gateway page', { respond: { status: 503, body: '<html>503 Service Unavailable</html>' } }, {}, 'HTTP_503'],
	['HTTP 500 with an envelope', { respond: { status: 500, body: { code: '10001', msg: 'internal' } } }, {}, '10001'],
	['HTTP 502', { respond: { status: 502, body: '<html>bad gateway</html>' } }, {}, 'HTTP_502'],
	['HTTP 504', { respond: { status: 504, body: '<html>gateway time-out</html>' } }, {}, 'HTTP_504'],
	['code 10012 (interrupted)', { respond: { body: { code: '10012', msg: '连接中断' } } }, {}, '10012'],
];
