/**
 * A sandbox in a process of its own, for the file benchmark: the node (in the bench's process) and
 * a bare script (in another) then both send to a server that does not share their CPU or memory.
 * Controlled over the IPC channel of `fork`: each message `{ id, command, ...args }` gets
 * `{ id, result }` back.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

import { startSandbox } from '../sandbox/server';

type Command = { id: number; command: 'reset' } | { id: number; command: 'count'; prefix: string } | { id: number; command: 'place'; path: string; from: string };

async function main(): Promise<void> {
	const sandbox = await startSandbox({});
	const send = (message: object) => process.send?.(message);
	send({ ready: true, url: sandbox.url, token: sandbox.token });
	process.on('message', (message: Command) => {
		void (async () => {
			let result: unknown = null;
			if (message.command === 'reset') sandbox.reset();
			if (message.command === 'count') result = sandbox.requests.filter((request) => request.route?.startsWith(message.prefix)).length;
			if (message.command === 'place') {
				sandbox.efile.put(message.path, '');
				await pipeline(createReadStream(message.from), createWriteStream(sandbox.efile.localPath(message.path)));
			}
			send({ id: message.id, result });
		})();
	});
	process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));
}

void main();
