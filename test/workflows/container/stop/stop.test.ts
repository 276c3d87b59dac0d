import type { NodeApiError } from 'n8n-workflow';

import { option } from '../../../../nodes/Scnet/actions/container/stop.operation';
import { containerId } from '../../../../sandbox/containers';
import { STOP_PATH } from '../../../../sandbox/server';
import { UNKNOWN_CONTAINER_ID, useSandbox } from '../../../harness/fixtures';
import { json, pairs } from '../../../harness/items';

const scnet = useSandbox({ containers: 120 });
const id = containerId;
const stops = () => scnet.sandbox.requests.filter((request) => request.route === 'stop');
const statusOf = (containerIdValue: string) => scnet.sandbox.containers.get(containerIdValue)?.status;
/** Seeded containers that run (every sixth one). */
const running = (n: number) => id(6 * n);

describe('Container → Stop (beta)', () => {
	it('is named Stop in the dropdown as in the actions, and its description says beta', () => {
		expect(option.name).toBe('Stop');
		expect(option.action).toBe('Stop containers');
		expect(option.description).toMatch(/Beta: SCNet does not document this call/);
	});

	it('stops the IDs of all items with one POST `?ids=a&ids=b`, and outputs one item per ID with `stopped`', async () => {
		const items = [{ id: `${running(0)}, ${running(1)}` }, { id: running(2) }];
		const { main, errorOutput, error } = await scnet.run({ operation: 'stop', items });

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(main).toEqual([
			{ json: { id: running(0), stopped: true, code: '0', message: 'success' }, pairedItem: { item: 0 } },
			{ json: { id: running(1), stopped: true, code: '0', message: 'success' }, pairedItem: { item: 0 } },
			{ json: { id: running(2), stopped: true, code: '0', message: 'success' }, pairedItem: { item: 1 } },
		]);
		expect(stops()).toHaveLength(1);
		const [request] = stops();
		expect(request).toMatchObject({ method: 'POST', path: STOP_PATH, body: '', queryKeys: ['ids'] });
		expect(request.url).toBe(`${STOP_PATH}?ids=${running(0)}&ids=${running(1)}&ids=${running(2)}`);
		expect([0, 1, 2].map((n) => statusOf(running(n)))).toEqual(['Terminated', 'Terminated', 'Terminated']);
		expect(scnet.sandbox.containers.get(running(0))?.endTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
		expect(statusOf(running(3))).toBe('Running');
	});

	it("splits requests by 'IDs per Request' and takes lists from expressions", async () => {
		const { main } = await scnet.run({
			operation: 'stop',
			items: [{ run: [running(0), running(1), running(2)] }, { run: [running(3)] }],
			parameters: { containerIds: '={{ $json.run }}', options: { batchSize: 2 } },
		});

		expect(stops().map((request) => request.ids)).toEqual([
			[running(0), running(1)],
			[running(2), running(3)],
		]);
		expect(pairs(main)).toEqual([
			[running(0), 0],
			[running(1), 0],
			[running(2), 0],
			[running(3), 1],
		]);
	});

	it('isolates an unknown ID by splitting the request (code 10004), and stops all the others', async () => {
		const items = Array.from({ length: 16 }, (_, n) => ({ id: n === 9 ? UNKNOWN_CONTAINER_ID : running(n) }));
		const others = Array.from({ length: 16 }, (_, n) => n).filter((n) => n !== 9);
		const { main, errorOutput } = await scnet.run({ operation: 'stop', items, onError: 'continueErrorOutput' });

		expect(pairs(main)).toEqual(others.map((n) => [running(n), n]));
		expect(main.every((item) => item.json.stopped === true)).toBe(true);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].pairedItem).toEqual({ item: 9 });
		expect(errorOutput[0].json).toMatchObject({
			error: {
				id: UNKNOWN_CONTAINER_ID,
				stopped: false,
				code: '10004',
				message: 'SCNet rejected the container ID as invalid',
				description: expect.stringMatching(/may not exist/),
			},
			message: `SCNet rejected the container ID as invalid (container '${UNKNOWN_CONTAINER_ID}', code 10004) [item 9]`,
		});
		expect(others.map((n) => statusOf(running(n)))).toEqual(Array(15).fill('Terminated'));
		// One request for all sixteen, then halves down to the culprit: 1 + 2 × 4 requests, not one per ID.
		expect(stops()[0].ids).toHaveLength(16);
		expect(stops()).toHaveLength(9);
		expect(stops().filter((request) => request.ids.length === 1 && request.ids[0] === UNKNOWN_CONTAINER_ID)).toHaveLength(1);
	});

	it('puts failures on the main output with "Continue"', async () => {
		const { main } = await scnet.run({ operation: 'stop', items: [{ id: `${UNKNOWN_CONTAINER_ID},${running(0)}` }], onError: 'continueRegularOutput' });

		expect(json(main).map((j) => [j.id, j.stopped, j.code])).toEqual([
			[UNKNOWN_CONTAINER_ID, false, '10004'],
			[running(0), true, '0'],
		]);
	});

	it('stops the workflow at the failure with "Stop", naming the container and item', async () => {
		const { error, main } = await scnet.run({ operation: 'stop', items: [{ id: running(0) }, { id: UNKNOWN_CONTAINER_ID }] });

		expect(main).toEqual([]);
		expect(error?.message).toBe(`SCNet rejected the container ID as invalid (container '${UNKNOWN_CONTAINER_ID}', code 10004) [item 1]`);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
	});

	it('refuses bad input with "Stop" before anything is sent', async () => {
		const { error } = await scnet.run({ operation: 'stop', items: [{ id: running(0) }, { id: 'bad&id' }] });

		expect(error?.message).toBe("Invalid container ID 'bad&id': only letters, digits, '-' and '_' are allowed [item 1]");
		expect(scnet.sandbox.requests).toEqual([]);
		expect(statusOf(running(0))).toBe('Running');
	});

	it('sends nothing on a dry run and says what would happen', async () => {
		const { main } = await scnet.run({ operation: 'stop', items: [{ id: running(0) }, { id: `${running(1)},${running(2)}` }], parameters: { options: { dryRun: true, batchSize: 2 } } });

		expect(scnet.sandbox.requests).toEqual([]);
		expect(main).toEqual([
			{ json: { id: running(0), stopped: false, dryRun: true, message: 'Dry run: would be stopped in request 1 of 2' }, pairedItem: { item: 0 } },
			{ json: { id: running(1), stopped: false, dryRun: true, message: 'Dry run: would be stopped in request 1 of 2' }, pairedItem: { item: 1 } },
			{ json: { id: running(2), stopped: false, dryRun: true, message: 'Dry run: would be stopped in request 2 of 2' }, pairedItem: { item: 1 } },
		]);
		expect([0, 1, 2].map((n) => statusOf(running(n)))).toEqual(['Running', 'Running', 'Running']);
	});

	it('sends a stop again after a temporary HTTP 503 (stopping twice is harmless)', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'stop', times: 1, respond: { status: 503, body: '<html>busy</html>' } });
		const { main } = await scnet.run({ operation: 'stop', items: [{ id: running(0) }] });

		expect(main[0].json).toMatchObject({ id: running(0), stopped: true });
		expect(stops()).toHaveLength(2);
	});
});
