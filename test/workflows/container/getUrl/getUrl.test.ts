import type { INodeExecutionData, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SCNET_ERROR_CODES } from '../../../../nodes/shared/transport/errorCodes';
import { containerId } from '../../../../sandbox/containers';
import { urlPath } from '../../../../sandbox/server';
import { captureConsole } from '../../../harness/console';
import { UNKNOWN_CONTAINER_ID, useSandbox } from '../../../harness/fixtures';
import { json, pairs } from '../../../harness/items';
import type { OnError } from '../../../harness/runWorkflow';

const scnet = useSandbox();
const id = containerId;
const BY_EXPRESSION = { containerId: '={{ $json.id }}' };
/** The address the sandbox hands out for a container: it carries the container service's token. */
const serviceUrl = (containerIdValue: string) => `${scnet.sandbox.url}/jupyter-forward/${containerIdValue}/?token=sothisai_${containerIdValue}`;
const urlRequests = () => scnet.sandbox.requests.filter((request) => request.route === 'url');

describe('Container → Get URL: output', () => {
	it('outputs `{ id, url }` for each item, paired with it', async () => {
		const { main, errorOutput, error } = await scnet.run({
			operation: 'getUrl',
			items: [{ id: id(0) }, { id: id(6) }],
			parameters: BY_EXPRESSION,
		});

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		expect(main).toEqual([
			{ json: { id: id(0), url: serviceUrl(id(0)) }, pairedItem: { item: 0 } },
			{ json: { id: id(6), url: serviceUrl(id(6)) }, pairedItem: { item: 1 } },
		]);
		expect(urlRequests().map((request) => [request.method, request.url, request.body])).toEqual([
			['GET', urlPath(id(0)), ''],
			['GET', urlPath(id(6)), ''],
		]);
	});

	it.each([
		['From List', { __rl: true, mode: 'list', value: id(1) }],
		['By ID', { __rl: true, mode: 'id', value: id(1) }],
	])('takes the container picked %s', async (_, containerIdValue) => {
		const { main } = await scnet.run({ operation: 'getUrl', items: [{}], parameters: { containerId: containerIdValue } });

		expect(json(main)).toEqual([{ id: id(1), url: serviceUrl(id(1)) }]);
	});

	it('also reads an object holding the URL', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'url', respond: { body: { code: '0', msg: 'success', data: { url: 'https://example.test/x?token=t0k3n' } } } });
		const { main } = await scnet.run({ operation: 'getUrl', items: [{ id: id(0) }], parameters: BY_EXPRESSION });

		expect(json(main)).toEqual([{ id: id(0), url: 'https://example.test/x?token=t0k3n' }]);
	});

	it.each([
		['no data', null],
		['an empty text', ''],
		['an object without `url`', { accessUrl: 'https://example.test/x?token=t0k3n' }],
	])('fails the item with NO_URL when SCNet answers success with %s', async (_, data) => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'url', respond: { body: { code: '0', msg: 'success', data } } });
		const { main } = await scnet.run({ operation: 'getUrl', items: [{ id: id(0) }], parameters: BY_EXPRESSION, onError: 'continueRegularOutput' });

		expect(main[0].json).toEqual({
			id: id(0),
			code: 'NO_URL',
			message: 'SCNet returned no URL for the container',
			description: expect.stringMatching(/not be running yet/),
		});
		expect(JSON.stringify(main)).not.toContain('t0k3n');
	});
});

describe('Container → Get URL: bad input and failures', () => {
	it.each([
		['not an id!', 'INVALID_CONTAINER_ID', "Invalid container ID 'not an id!': only letters, digits, '-' and '_' are allowed [item 0]"],
		['', 'NO_CONTAINER_ID', "No container ID in 'Container' [item 0]"],
	])('fails the item %j as bad input without sending anything for it', async (value, code, message) => {
		const { main, errorOutput } = await scnet.run({
			operation: 'getUrl',
			items: [{ id: value }, { id: id(0) }],
			parameters: BY_EXPRESSION,
			onError: 'continueErrorOutput',
		});

		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].json).toMatchObject({ error: { code, message }, message });
		expect(errorOutput[0].pairedItem).toEqual({ item: 0 });
		expect(pairs(main)).toEqual([[id(0), 1]]);
		expect(urlRequests().map((request) => request.path)).toEqual([urlPath(id(0))]);
	});

	it("reports SCNet's code for an unknown container with \"Continue\"", async () => {
		const { main } = await scnet.run({ operation: 'getUrl', items: [{ id: UNKNOWN_CONTAINER_ID }, { id: id(0) }], parameters: BY_EXPRESSION, onError: 'continueRegularOutput' });

		const { message, description } = SCNET_ERROR_CODES['716020'];
		expect(json(main)).toEqual([
			{ id: UNKNOWN_CONTAINER_ID, code: '716020', message, description },
			{ id: id(0), url: serviceUrl(id(0)) },
		]);
		expect(pairs(main)).toEqual([
			[UNKNOWN_CONTAINER_ID, 0],
			[id(0), 1],
		]);
	});

	it('stops at the first failure with "Stop", naming the item, and sends nothing after it', async () => {
		const { error, main } = await scnet.run({ operation: 'getUrl', items: [{ id: id(0) }, { id: UNKNOWN_CONTAINER_ID }, { id: id(1) }], parameters: BY_EXPRESSION });

		expect(main).toEqual([]);
		expect(error?.message).toBe(`${SCNET_ERROR_CODES['716020'].message} (container '${UNKNOWN_CONTAINER_ID}', code 716020) [item 1]`);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect(urlRequests().map((request) => request.path)).toEqual([urlPath(id(0)), urlPath(UNKNOWN_CONTAINER_ID)]);
	});

	it('stops with "Stop" on bad input, naming the item', async () => {
		const { error } = await scnet.run({ operation: 'getUrl', items: [{ id: id(0) }, { ids: [id(1), id(2)] }], parameters: { containerId: '={{ $json.id ?? $json.ids }}' } });

		expect(error?.message).toBe('Invalid container ID a list of 2 IDs: give one container ID per item [item 1]');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(urlRequests()).toHaveLength(1);
	});
});

describe('Container → Get URL: the address stays out of messages and logs', () => {
	const logged = captureConsole();

	/** Everything of a run that is not the URL output itself: failure items, the stopping error, console lines. */
	const outsideTheOutput = (items: INodeExecutionData[], error: unknown) =>
		JSON.stringify([items.filter((item) => item.json.url === undefined), error ?? null]) + logged.text();

	it.each<[string, () => void, OnError | undefined]>([
		['a run where one container fails ("Continue")', () => {}, 'continueRegularOutput'],
		['a run where one container fails (error output)', () => {}, 'continueErrorOutput'],
		['a run that stops at a failure', () => {}, undefined],
		['a gateway page that shows the address', () => scnet.sandbox.addFault({ when: (request) => request.path === urlPath(UNKNOWN_CONTAINER_ID), respond: { status: 502, body: `<html>upstream ${serviceUrl(id(0))}</html>` } }), 'continueRegularOutput'],
		['a failure code with the address as data', () => scnet.sandbox.addFault({ when: (request) => request.path === urlPath(UNKNOWN_CONTAINER_ID), respond: { body: { code: '10001', msg: 'error', data: serviceUrl(id(0)) } } }), 'continueRegularOutput'],
	])('in %s', async (_, arrange, onError) => {
		arrange();
		const { main, errorOutput, error } = await scnet.run({
			operation: 'getUrl',
			items: [{ id: id(0) }, { id: UNKNOWN_CONTAINER_ID }, { id: id(6) }],
			parameters: { ...BY_EXPRESSION, options: { maxTries: 1 } },
			onError,
		});

		expect(urlRequests().length).toBeGreaterThan(1);
		const failures = [...main, ...errorOutput].filter((item) => item.json.url === undefined);
		expect(failures.length + (error ? 1 : 0)).toBe(1);
		const visible = outsideTheOutput([...main, ...errorOutput], error);
		expect(visible).not.toContain('sothisai_');
		expect(visible).not.toContain('jupyter-forward');
		// What worked is output with its address: that is what the operation is for.
		if (onError) expect(json(main).filter((j) => j.url !== undefined).map((j) => j.url)).toEqual([serviceUrl(id(0)), serviceUrl(id(6))]);
	});

	it('logs nothing of a successful run', async () => {
		const { main } = await scnet.run({ operation: 'getUrl', items: [{ id: id(0) }], parameters: BY_EXPRESSION });

		expect(main[0].json.url).toBe(serviceUrl(id(0)));
		expect(logged.text()).not.toContain('sothisai_');
	});
});
