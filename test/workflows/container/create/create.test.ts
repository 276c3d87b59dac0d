import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SCNET_ERROR_CODES } from '../../../../nodes/shared/transport/errorCodes';
import { TASKS_PATH } from '../../../../sandbox/server';
import { IMAGES } from '../../../../sandbox/store';
import { useSandbox } from '../../../harness/fixtures';
import { json } from '../../../harness/items';

const scnet = useSandbox({ startDelayMs: 100 });
const SEEDED = 40;
const IMAGE = IMAGES[0].imagePath;
/** The fields a user has to fill; everything else keeps its default. */
const REQUIRED = { name: 'training-run-42', resourceGroup: 'TeslaM40', imagePath: { __rl: true, mode: 'list', value: IMAGE } };
const creates = () => scnet.sandbox.requests.filter((request) => request.route === 'create');
const bodies = () => creates().map((request) => JSON.parse(request.body) as IDataObject);
const created = () => [...scnet.sandbox.containers.values()].slice(SEEDED);
const WAIT = { waitUntilRunning: true, pollInterval: 0.1 };

describe('Container → Create: the request', () => {
	it('POSTs the documented body, with the defaults, and outputs `{ id, created, code, message, name }`', async () => {
		const { main, errorOutput, error } = await scnet.run({ operation: 'create', items: [{}], parameters: REQUIRED });

		expect(error).toBeUndefined();
		expect(errorOutput).toEqual([]);
		const [request] = creates();
		expect(creates()).toHaveLength(1);
		expect(request).toMatchObject({ method: 'POST', url: TASKS_PATH });
		expect(request.headers['content-type']).toBe('application/json');
		expect(JSON.parse(request.body)).toEqual({
			acceleratorType: 'gpu',
			cpuNumber: 3,
			gpuNumber: 1,
			imagePath: IMAGE,
			instanceServiceName: 'training-run-42',
			ramSize: 15360,
			resourceGroup: 'TeslaM40',
			startScriptActionScope: 'all',
			taskNumber: 1,
			taskType: 'jupyter',
			timeoutLimit: '01:00:00',
			useStartScript: false,
			version: 'jupyter:4.4-py3.7-cpu',
		});
		const [container] = created();
		expect(main).toEqual([
			{ json: { id: container.id, created: true, code: '0', message: 'success', name: 'training-run-42' }, pairedItem: { item: 0 } },
		]);
		expect(container).toMatchObject({ instanceServiceName: 'training-run-42', status: 'Deploying', resourceGroup: 'TeslaM40', imagePath: IMAGE });
	});

	it('sends every field the user set, the start script with LF lines ending in a line feed', async () => {
		await scnet.run({
			operation: 'create',
			items: [{}],
			parameters: {
				...REQUIRED,
				resourceGroup: 'DCU-K100',
				acceleratorType: 'dcu',
				imagePath: { __rl: true, mode: 'path', value: IMAGES[2].imagePath },
				version: 'pytorch:custom-tag',
				cpuNumber: 8,
				gpuNumber: 2,
				ramSize: 65536,
				taskType: 'ssh',
				timeoutLimit: 'unlimited',
				additionalFields: {
					description: 'nightly training',
					taskNumber: 2,
					ports: { port: [{ containerPort: 18888, protocolType: 'HTTP' }, { containerPort: 22, protocolType: 'SSH' }] },
					mounts: { mount: [{ sourcePath: '/public/home/user/data', targetPath: '/mnt/data', type: 'data' }] },
					startScript: 'pip install -r /mnt/data/requirements.txt\r\npython /mnt/data/train.py',
					startScriptScope: 'header',
				},
			},
		});

		expect(bodies()).toEqual([
			{
				acceleratorType: 'dcu',
				containerPortInfoList: [
					{ containerPort: 18888, protocolType: 'HTTP' },
					{ containerPort: 22, protocolType: 'SSH' },
				],
				cpuNumber: 8,
				description: 'nightly training',
				gpuNumber: 2,
				imagePath: IMAGES[2].imagePath,
				instanceServiceName: 'training-run-42',
				mountInfoList: [{ sourcePath: '/public/home/user/data', targetPath: '/mnt/data', type: 'data' }],
				ramSize: 65536,
				resourceGroup: 'DCU-K100',
				startScriptActionScope: 'header',
				startScriptContent: 'pip install -r /mnt/data/requirements.txt\npython /mnt/data/train.py\n',
				taskNumber: 2,
				taskType: 'ssh',
				timeoutLimit: 'unlimited',
				useStartScript: true,
				version: 'pytorch:custom-tag',
			},
		]);
	});

	it.each([
		['an image picked from the list', { __rl: true, mode: 'list', value: IMAGES[1].imagePath }, 'pytorch:2.1-py3.10-cuda12'],
		['an image given by path', { __rl: true, mode: 'path', value: 'registry.example:5000/team/base/my-image:v3' }, 'my-image:v3'],
		['a plain path from an expression', '={{ $json.image }}', 'tensorflow:2.15'],
	])("takes 'version' from the last part of %s when left empty", async (_, imagePath, version) => {
		await scnet.run({ operation: 'create', items: [{ image: 'hub/tf/tensorflow:2.15' }], parameters: { ...REQUIRED, imagePath } });

		expect(bodies()[0].version).toBe(version);
	});

	it('reads sizes an expression gives as text as numbers', async () => {
		const { main } = await scnet.run({
			operation: 'create',
			items: [{ cpu: '4', gpu: '0', ram: ' 8192 ', tasks: '3' }],
			parameters: { ...REQUIRED, cpuNumber: '={{ $json.cpu }}', gpuNumber: '={{ $json.gpu }}', ramSize: '={{ $json.ram }}', additionalFields: { taskNumber: '={{ $json.tasks }}' } },
		});

		expect(main[0].json.created).toBe(true);
		expect(bodies()[0]).toMatchObject({ cpuNumber: 4, gpuNumber: 0, ramSize: 8192, taskNumber: 3 });
	});

	it('creates one container per item, from its fields, each output paired with its item', async () => {
		const items = [{ run: 'exp-a', group: 'TeslaM40' }, { run: 'exp-b', group: 'DCU-K100' }];
		const { main } = await scnet.run({ operation: 'create', items, parameters: { ...REQUIRED, name: '={{ $json.run }}', resourceGroup: '={{ $json.group }}' } });

		expect(bodies().map((body) => [body.instanceServiceName, body.resourceGroup])).toEqual([
			['exp-a', 'TeslaM40'],
			['exp-b', 'DCU-K100'],
		]);
		expect(main.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['exp-a', { item: 0 }],
			['exp-b', { item: 1 }],
		]);
		expect(json(main).map((j) => j.id)).toEqual(created().map((container) => container.id));
	});
});

describe('Container → Create: wait until running', () => {
	it('polls the new container until it runs and outputs its status', async () => {
		const { main } = await scnet.run({ operation: 'create', items: [{}], parameters: { ...REQUIRED, options: WAIT } });

		const [container] = created();
		expect(json(main)).toEqual([{ id: container.id, created: true, code: '0', message: 'success', name: 'training-run-42', status: 'Running' }]);
		expect(container.status).toBe('Running');
		expect(scnet.sandbox.requests.filter((request) => request.route === 'detail').length).toBeGreaterThanOrEqual(1);
		expect(creates()).toHaveLength(1);
	});

	it("gives up after 'Wait Timeout' with WAIT_TIMEOUT, `created: true`, and leaves the container", async () => {
		scnet.sandbox.configureLifecycle({ startDelayMs: 60_000 });
		const { main } = await scnet.run({ operation: 'create', items: [{}], parameters: { ...REQUIRED, options: { ...WAIT, waitTimeout: 1 } }, onError: 'continueRegularOutput' });

		const [container] = created();
		expect(main[0].json).toEqual({
			id: container.id,
			name: 'training-run-42',
			created: true,
			code: 'WAIT_TIMEOUT',
			message: "The container was not running after 1 s (status 'Deploying')",
			description: expect.stringMatching(/^It was left as it is/),
			status: 'Deploying',
		});
		expect(scnet.sandbox.containers.get(container.id)?.status).toBe('Deploying');
		expect(new Set(scnet.sandbox.requests.map((request) => request.route))).toEqual(new Set(['create', 'detail']));
	});
});

describe('Container → Create: bad input', () => {
	const BAD: Array<[string, IDataObject, string]> = [
		['a time limit that is not HH:MM:SS', { timeoutLimit: '1h' }, "'Time Limit' must be HH:MM:SS or 'unlimited', not '1h'"],
		['a time limit with 61 minutes', { timeoutLimit: '01:61:00' }, "'Time Limit' must be HH:MM:SS or 'unlimited', not '01:61:00'"],
		['no name', { name: '  ' }, "No name in 'Name'"],
		['no image', { imagePath: { __rl: true, mode: 'path', value: '={{ $json.image }}' } }, "No image in 'Image'"],
		['no resource group', { resourceGroup: '={{ "" }}' }, "No resource group in 'Resource Group Name or ID'"],
		['no CPU', { cpuNumber: 0 }, "'CPU Cores' must be a whole number of at least 1, not 0"],
		['a fraction of memory', { ramSize: 1.5 }, "'Memory (MB)' must be a whole number of at least 1, not 1.5"],
		['negative accelerators', { gpuNumber: '={{ -1 }}' }, "'Accelerators' must be a whole number of at least 0, not -1"],
		['a size that is not a number', { cpuNumber: '={{ "four" }}' }, "'CPU Cores' must be a whole number of at least 1, not four"],
		['no instances', { additionalFields: { taskNumber: 0 } }, "'Instances' must be a whole number of at least 1, not 0"],
	];

	describe.each(BAD)('with %s', (_, fields, message) => {
		it('fails the item with INVALID_INPUT and sends nothing ("Continue")', async () => {
			const { main } = await scnet.run({ operation: 'create', items: [{}], parameters: { ...REQUIRED, ...fields }, onError: 'continueRegularOutput' });

			expect(main).toEqual([
				{
					json: { id: null, created: false, code: 'INVALID_INPUT', message: `${message} [item 0]`, description: expect.any(String) },
					pairedItem: { item: 0 },
				},
			]);
			expect(scnet.sandbox.requests).toEqual([]);
		});

		it('stops with "Stop", naming the item, before anything is sent', async () => {
			const { error } = await scnet.run({ operation: 'create', items: [{}], parameters: { ...REQUIRED, ...fields } });

			expect(error?.name).toBe('NodeOperationError');
			expect(error?.message).toBe(`${message} [item 0]`);
			expect(error?.description).toBeTruthy();
			expect((error as NodeOperationError).context.itemIndex).toBe(0);
			expect(scnet.sandbox.requests).toEqual([]);
		});
	});
});

describe('Container → Create: bad input among good items', () => {
	it('fails only the bad item, and creates the others', async () => {
		const { main, errorOutput } = await scnet.run({
			operation: 'create',
			items: [{ limit: '08:00:00' }, { limit: '8 hours' }, { limit: 'unlimited' }],
			parameters: { ...REQUIRED, timeoutLimit: '={{ $json.limit }}' },
			onError: 'continueErrorOutput',
		});

		expect(main.map((item) => [item.json.created, item.pairedItem])).toEqual([
			[true, { item: 0 }],
			[true, { item: 2 }],
		]);
		expect(errorOutput).toHaveLength(1);
		expect(errorOutput[0].json).toMatchObject({
			error: { id: null, created: false, code: 'INVALID_INPUT' },
			message: "'Time Limit' must be HH:MM:SS or 'unlimited', not '8 hours' [item 1]",
		});
		expect(bodies().map((body) => body.timeoutLimit)).toEqual(['08:00:00', 'unlimited']);
	});
});

describe('Container → Create: failures and On Error', () => {
	const refused = SCNET_ERROR_CODES['716865'];

	it('reports an unknown resource group with code 716865, `created: false`, the name and no ID ("Continue")', async () => {
		const { main } = await scnet.run({
			operation: 'create',
			items: [{ group: 'NoSuchGroup' }, { group: 'TeslaM40' }],
			parameters: { ...REQUIRED, resourceGroup: '={{ $json.group }}' },
			onError: 'continueRegularOutput',
		});

		expect(main[0].json).toEqual({ id: null, name: 'training-run-42', created: false, code: '716865', message: refused.message, description: refused.description });
		expect(main[1].json).toMatchObject({ created: true, name: 'training-run-42' });
		expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(created()).toHaveLength(1);
		// SCNet's answer is final: not sent again.
		expect(creates()).toHaveLength(2);
	});

	it('sends the failure to the error output with "Continue (using error output)"', async () => {
		const { main, errorOutput } = await scnet.run({
			operation: 'create',
			items: [{ job: 'nightly' }],
			parameters: { ...REQUIRED, resourceGroup: 'NoSuchGroup' },
			onError: 'continueErrorOutput',
		});

		expect(main).toEqual([]);
		expect(errorOutput).toEqual([
			{
				json: {
					job: 'nightly',
					error: { id: null, name: 'training-run-42', created: false, code: '716865', message: refused.message, description: refused.description },
					message: `${refused.message} (container 'training-run-42', code 716865) [item 0]`,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	const stopping = () =>
		scnet.run({
			operation: 'create',
			items: [{ group: 'TeslaM40' }, { group: 'NoSuchGroup' }, { group: 'TeslaM40' }],
			parameters: { ...REQUIRED, resourceGroup: '={{ $json.group }}' },
		});

	it('stops at the first failure with "Stop", naming code and item, and creates nothing after it', async () => {
		const { error } = await stopping();

		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toMatch(/^SCNet reported that creating a container task failed \(.*code 716865\) \[item 1\]$/);
		expect(error?.description).toBe(refused.description);
		expect((error as NodeApiError).context.itemIndex).toBe(1);
		expect(creates()).toHaveLength(2);
		expect(created()).toHaveLength(1);
	});

	// Known defect: runPerItem (actions/common/perItem.ts) rebuilds the stopping error's headline
	// from `json.id`, which is null for a container that has no ID yet, so "Stop" says
	// "container 'null'" where the output items say "container 'training-run-42'". Remove
	// `.failing` once perItem uses the result's own headline (or name).
	it('names the container by its name in the error that stops the workflow, as in the output items', async () => {
		const { error } = await stopping();

		expect(error?.message).toBe(`${refused.message} (container 'training-run-42', code 716865) [item 1]`);
	});

	it("words code 10003 for Create", async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'create', respond: { body: { code: '10003', msg: '参数不全: version' } } });
		const { main } = await scnet.run({ operation: 'create', items: [{}], parameters: REQUIRED, onError: 'continueRegularOutput' });

		expect(main[0].json).toMatchObject({ code: '10003', message: 'SCNet reported missing fields for the new container', description: expect.stringMatching(/^Fill in every required field/) });
	});

	it('fails the item with NO_ID, `created: true`, when SCNet accepts the create without an ID', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'create', respond: { body: { code: '0', msg: 'success', data: null } } });
		const { main } = await scnet.run({ operation: 'create', items: [{}], parameters: REQUIRED, onError: 'continueRegularOutput' });

		expect(main[0].json).toEqual({
			id: null,
			name: 'training-run-42',
			created: true,
			code: 'NO_ID',
			message: 'SCNet created the container but returned no ID',
			description: "Find the container 'training-run-42' with List, by name.",
		});
	});

	it('reads the new ID from an object too', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'create', respond: { body: { code: '0', msg: 'success', data: { id: 'abc123' } } } });
		const { main } = await scnet.run({ operation: 'create', items: [{}], parameters: REQUIRED });

		expect(main[0].json).toEqual({ id: 'abc123', created: true, code: '0', message: 'success', name: 'training-run-42' });
	});
});
