import { containerId } from '../../../../sandbox/containers';
import { DELETE_PATH } from '../../../../sandbox/server';
import { useSandbox } from '../../../harness/fixtures';

const scnet = useSandbox();
const id = containerId;
const deletes = () => scnet.sandbox.requests.filter((r) => r.path === DELETE_PATH);

describe('Container → Delete: transient faults', () => {
	it.each([
		['HTTP 503 with a gateway page', { respond: { status: 503, body: '<html><body>503 Service Unavailable</body></html>' } }],
		['HTTP 502 with JSON', { respond: { status: 502, body: { code: '10001', msg: 'bad gateway' } } }],
		['HTTP 429', { respond: { status: 429, body: 'Too Many Requests', headers: { 'retry-after': '0' } } }],
		['code 10012', { respond: { body: { code: '10012', msg: '连接中断' } } }],
		['a dropped connection', { drop: true }],
	])('retries after %s and then succeeds', async (_, fault) => {
		scnet.sandbox.addFault({ ...fault, times: 2 });
		const { main, error } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }] });

		expect(error).toBeUndefined();
		expect(main[0].json).toMatchObject({ id: id(0), deleted: true });
		expect(deletes()).toHaveLength(3);
		expect(scnet.sandbox.containers.has(id(0))).toBe(false);
	});

	it('retries a request that times out', async () => {
		scnet.sandbox.addFault({ delayMs: 1500, times: 1 });
		const { main } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], parameters: { options: { timeout: 300 } } });

		expect(main[0].json).toMatchObject({ deleted: true });
		expect(deletes()).toHaveLength(2);
	});

	it("reports the IDs as failed once 'Max Tries' is used up", async () => {
		scnet.sandbox.addFault({ respond: { status: 503, body: '<html>down</html>' } });
		const { main } = await scnet.run({ operation: 'delete',
			items: [{ id: `${id(0)},${id(1)}` }],
			parameters: { options: { maxTries: 2 } },
			onError: 'continueRegularOutput',
		});

		expect(deletes()).toHaveLength(2);
		expect(main.map((item) => item.json)).toEqual(
			[id(0), id(1)].map((containerId) => ({
				id: containerId,
				deleted: false,
				code: 'HTTP_503',
				message: 'SCNet answered with a server error (HTTP 503) (after 2 attempts)',
				description: expect.stringMatching(/run the workflow again later/),
			})),
		);
	});

	it('reports a timeout with its own code after the last try', async () => {
		scnet.sandbox.addFault({ delayMs: 1000 });
		const { main } = await scnet.run({ operation: 'delete',
			items: [{ id: id(0) }],
			parameters: { options: { timeout: 200, maxTries: 1 } },
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({ code: 'TIMEOUT', message: 'SCNet did not answer within 200 ms', deleted: false });
	});

	it('reports dropped connections after the last try', async () => {
		scnet.sandbox.addFault({ drop: true });
		const { main } = await scnet.run({ operation: 'delete',
			items: [{ id: id(0) }],
			parameters: { options: { maxTries: 2 } },
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toMatchObject({ code: 'ECONNRESET', deleted: false });
		expect(main[0].json.message).toMatch(/\(after 2 attempts\)$/);
	});

	it('names the container, code and item when "Stop" meets a network fault', async () => {
		scnet.sandbox.addFault({ drop: true });
		const { error } = await scnet.run({ operation: 'delete', items: [{ id: id(0) }], parameters: { options: { maxTries: 1 } } });

		expect(error?.message).toBe(`The connection to SCNet was reset (container '${id(0)}', code ECONNRESET) [item 0]`);
	});

	it('does not retry answers that will not change', async () => {
		scnet.sandbox.failIds([id(0)], '716866');
		await scnet.run({ operation: 'delete', items: [{ id: id(0) }], onError: 'continueRegularOutput' });

		expect(deletes()).toHaveLength(1);
	});
});
