import type { IDataObject, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { containerId } from '../../../../sandbox/containers';
import { pastedToken, useSandbox } from '../../../harness/fixtures';
import type { OnError } from '../../../harness/runWorkflow';
import { captureConsole } from '../../../harness/console';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoic2FuZGJveCJ9.c2VjcmV0LXNpZ25hdHVyZS1vZi10aGUtdG9rZW4';
const scnet = useSandbox({ token: TOKEN, containers: 200 });
const id = containerId;

/** A small deterministic generator, so a failing case can be replayed. */
function random(seed: number) {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) % 2147483648;
		return state / 2147483648;
	};
}

/** The failure or success an output item reports, wherever n8n put it. */
const reported = (item: INodeExecutionData): IDataObject =>
	(item.json.error && typeof item.json.error === 'object' ? item.json.error : item.json) as IDataObject;

describe('Container → Delete: nothing is lost', () => {
	it.each<[number, OnError]>([
		[1, 'continueRegularOutput'],
		[2, 'continueErrorOutput'],
		[3, 'continueRegularOutput'],
		[4, 'continueErrorOutput'],
	])('every ID occurrence ends in exactly one output item (seed %i, %s)', async (seed, onError) => {
		const next = random(seed);
		const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
		const tokens = () => [
			id(Math.floor(next() * 150)),
			id(Math.floor(next() * 150)),
			`missing${Math.floor(next() * 5)}`,
			'bad&id',
			'x'.repeat(130),
		];
		// Each input item: an expected list of [itemIndex, entry] occurrences, and its JSON.
		const expected: Array<[number, string]> = [];
		const items: IDataObject[] = Array.from({ length: 60 }, (_, itemIndex) => {
			const count = Math.floor(next() * 4);
			const entries = Array.from({ length: count }, () => pick(tokens()));
			if (entries.length === 0) expected.push([itemIndex, '(none)']);
			for (const entry of entries) expected.push([itemIndex, entry]);
			return { ids: next() < 0.5 ? entries.join(', ') : entries };
		});
		scnet.sandbox.failIds([id(7), id(42)], '716866');
		scnet.sandbox.failIds([id(99)], '10001');
		scnet.sandbox.addFault({ respond: { status: 503, body: '<html>busy</html>' }, times: 1 });
		scnet.sandbox.addFault({ drop: true, times: 1 });

		const { main, errorOutput, error } = await scnet.run({ operation: 'delete',
			items,
			parameters: { containerIds: '={{ $json.ids }}', options: { batchSize: 7 } },
			onError,
		});

		expect(error).toBeUndefined();
		const outputs = [...main, ...errorOutput].map((item) => {
			const { id: reportedId, code } = reported(item);
			const entry = code === 'NO_CONTAINER_ID' ? '(none)' : code === 'INVALID_CONTAINER_ID' && reportedId === null ? '?' : String(reportedId);
			return [(item.pairedItem as IPairedItemData).item, entry] as [number, string];
		});
		const key = ([item, entry]: [number, string]) => `${item}:${entry.startsWith('xxxx') ? 'long' : entry}`;
		expect(outputs.map(key).sort()).toEqual(expected.map(key).sort());

		// What the items say happened is what happened on the server.
		for (const item of [...main, ...errorOutput]) {
			const { id: reportedId, deleted } = reported(item);
			if (deleted === true) expect(scnet.sandbox.containers.has(String(reportedId))).toBe(false);
			if (typeof reportedId === 'string' && scnet.sandbox.containers.has(reportedId)) expect(deleted).toBe(false);
		}
		// Success on the main output, failures on the error output when it is used.
		if (onError === 'continueErrorOutput') {
			expect(main.every((item) => item.json.deleted === true)).toBe(true);
			expect(errorOutput.every((item) => reported(item).deleted === false)).toBe(true);
		}
	});
});

describe('Container → Delete: the token stays secret', () => {
	const logged = captureConsole();

	const expectNoLeak = (run: unknown) => {
		expect(JSON.stringify(run)).not.toContain(TOKEN);
		expect(logged.text()).not.toContain(TOKEN);
		for (const request of scnet.sandbox.requests) {
			expect(request.url).not.toContain(TOKEN);
			const { token, ...otherHeaders } = request.headers;
			expect(JSON.stringify(otherHeaders)).not.toContain(TOKEN);
			expect(token === undefined || token === TOKEN).toBe(true);
		}
	};

	it.each<[string, () => void, OnError | undefined]>([
		['a successful run', () => {}, 'continueRegularOutput'],
		['a failed run that stops', () => scnet.sandbox.failIds([id(0)], '716866'), undefined],
		['a failed run with error output', () => scnet.sandbox.failIds([id(0)], '10008'), 'continueErrorOutput'],
		['a server that echoes the token', () => scnet.sandbox.addFault({ respond: { body: { code: '999', msg: `bad token ${TOKEN}` } } }), 'continueRegularOutput'],
		['a server that echoes the token on success', () => scnet.sandbox.addFault({ respond: { body: { code: '0', msg: `ok ${TOKEN}` } } }), undefined],
		['a retried fault', () => scnet.sandbox.addFault({ respond: { status: 500, body: TOKEN }, times: 1 }), undefined],
	])('in %s', async (_, arrange, onError) => {
		arrange();
		const result = await scnet.run({ operation: 'delete', items: [{ id: id(0) }, { id: id(1) }], onError });

		expect(scnet.sandbox.requests.length).toBeGreaterThan(0);
		expectNoLeak(result.run);
		expect(JSON.stringify(result.main)).not.toContain(TOKEN);
	});

	it('when the token itself is pasted as a container ID', async () => {
		for (const onError of [undefined, 'continueRegularOutput', 'continueErrorOutput'] as const) {
			const result = await scnet.run({ operation: 'delete', items: [{ id: TOKEN }, { id: `x,${TOKEN}` }], onError });
			// The input items hold the token (the user put it there, and n8n merges them into
			// error-output items); what the node itself reports must not.
			const reports = [...result.main, ...result.errorOutput].map(reported);
			expect(reports).toHaveLength(onError === undefined ? 0 : 3);
			expect(JSON.stringify(reports)).not.toContain(TOKEN);
			expect(JSON.stringify(result.error ?? null)).not.toContain(TOKEN);
			expect(logged.text()).not.toContain(TOKEN);
			if (onError === undefined) expect(result.error?.message).toContain("'[secret]'");
		}
	});

	it('when the token is refused', async () => {
		const result = await scnet.run({ operation: 'delete',
			items: [{ id: id(0) }],
			credentials: pastedToken(scnet.sandbox.url, `${TOKEN}-old`),
			onError: 'continueRegularOutput',
		});

		expect(result.main[0].json.code).toBe('10008');
		expect(JSON.stringify(result.run)).not.toContain(`${TOKEN}-old`);
	});
});
