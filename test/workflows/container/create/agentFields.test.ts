import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { Scnet } from '../../../../nodes/Scnet/Scnet.node';
import { RESOURCE_GROUP_PATH } from '../../../../sandbox/server';
import { IMAGES, RESOURCE_GROUPS } from '../../../../sandbox/store';
import { requestsOn } from '../../../harness/faults';
import { useSandbox } from '../../../harness/fixtures';
import { failureMessage, fromAI, locator } from '../../../harness/fromAI';
import { json } from '../../../harness/items';

/*
 * Version 3 of Create: every field an AI agent may need takes what $fromAI hands over (a text for a
 * choice, a JSON list for mounts and ports), and the accelerator type comes from the resource
 * group, or is checked against it, before anything is created.
 */
const scnet = useSandbox();
const v3 = { typeVersion: 3 } as const;
const IMAGE = IMAGES[0].imagePath;
const REQUIRED = { name: 'agent-run', resourceGroup: locator('TeslaM40', 'list'), imagePath: { __rl: true, mode: 'list', value: IMAGE } };
const creates = () => requestsOn('create', scnet.sandbox);
const bodies = () => creates().map((request) => JSON.parse(request.body) as IDataObject);
const groupLookups = () => scnet.sandbox.requests.filter((request) => request.path === RESOURCE_GROUP_PATH);
/** SCNet's answer naming each group's accelerator type, as a richer answer than the sandbox's plain names would. */
const groupsWithTypes = (data: unknown = [
	{ resourceGroup: 'TeslaM40', acceleratorType: 'gpu', cardType: 'Tesla M40', cardNumber: 4, cpuNumber: 28, memorySize: 122880 },
	{ resourceGroup: 'DCU-K100', acceleratorType: 'DCU' },
]) => scnet.sandbox.addFault({ when: (request) => request.path === RESOURCE_GROUP_PATH, respond: { body: { code: '0', msg: 'success', data } } });

describe('Container → Create (version 3): what an AI agent gives', () => {
	it('reads every choice as the text $fromAI hands over, and mounts and ports as JSON lists', async () => {
		groupsWithTypes();
		const agent = {
			Resource_Group: 'DCU-K100',
			Accelerator_Type: 'DCU',
			Service_Type: 'ssh',
			Runs_In: 'header',
			Mounts: [{ source: '/public/home/user/data', target: '/mnt/data' }, { sourcePath: '/public/home/user/models', targetPath: '/mnt/models', type: 'path' }],
			Ports: [{ port: 18888, protocol: 'http' }, { port: '22', protocol: 'SSH' }],
		};
		const { main, error } = await scnet.run({
			...v3,
			operation: 'create',
			items: [agent],
			parameters: {
				...REQUIRED,
				resourceGroup: locator(fromAI('Resource_Group')),
				acceleratorType: locator(fromAI('Accelerator_Type')),
				taskType: locator(fromAI('Service_Type')),
				additionalFields: { startScript: 'echo hi', startScriptScope: locator(fromAI('Runs_In')), mounts: fromAI('Mounts', 'json'), ports: fromAI('Ports', 'json') },
			},
		});

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([expect.objectContaining({ created: true, name: 'agent-run' })]);
		expect(bodies()).toEqual([
			expect.objectContaining({
				resourceGroup: 'DCU-K100',
				acceleratorType: 'dcu',
				taskType: 'ssh',
				startScriptActionScope: 'header',
				mountInfoList: [
					{ sourcePath: '/public/home/user/data', targetPath: '/mnt/data', type: 'data' },
					{ sourcePath: '/public/home/user/models', targetPath: '/mnt/models', type: 'path' },
				],
				containerPortInfoList: [
					{ containerPort: 18888, protocolType: 'HTTP' },
					{ containerPort: 22, protocolType: 'SSH' },
				],
			}),
		]);
	});

	it('reads mounts and ports typed as JSON text in the editor, and plain texts in every choice field', async () => {
		await scnet.run({
			...v3,
			operation: 'create',
			items: [{}],
			parameters: {
				...REQUIRED,
				resourceGroup: 'TeslaM40',
				acceleratorType: 'gpu',
				taskType: 'rstudio',
				additionalFields: {
					mounts: '[{"source":"/public/home/u/data","target":"/data"}]',
					ports: ' [ {"containerPort": 8787, "protocolType": "HTTP"} ] ',
					startScript: 'echo hi',
					startScriptScope: 'all',
				},
			},
		});

		expect(bodies()).toEqual([
			expect.objectContaining({
				acceleratorType: 'gpu',
				taskType: 'rstudio',
				mountInfoList: [{ sourcePath: '/public/home/u/data', targetPath: '/data', type: 'data' }],
				containerPortInfoList: [{ containerPort: 8787, protocolType: 'HTTP' }],
			}),
		]);
	});

	it("sends no mounts and no ports for the JSON fields' default (an empty list) or an empty text", async () => {
		await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: { ...REQUIRED, acceleratorType: locator('gpu'), additionalFields: { mounts: '[]', ports: '' } } });

		expect(bodies()[0]).not.toHaveProperty('mountInfoList');
		expect(bodies()[0]).not.toHaveProperty('containerPortInfoList');
	});
});

describe("Container → Create (version 3): the accelerator type is the resource group's", () => {
	it("takes it from the resource group when 'Accelerator Type' is left empty, reading the groups once per run", async () => {
		groupsWithTypes();
		const { main } = await scnet.run({
			...v3,
			operation: 'create',
			items: [{ group: 'TeslaM40' }, { group: 'DCU-K100' }],
			parameters: { ...REQUIRED, resourceGroup: locator('={{ $json.group }}') },
		});

		expect(json(main).map((item) => item.created)).toEqual([true, true]);
		expect(bodies().map((body) => [body.resourceGroup, body.acceleratorType])).toEqual([
			['TeslaM40', 'gpu'],
			['DCU-K100', 'dcu'],
		]);
		expect(groupLookups()).toHaveLength(1);
	});

	it('sends a type that matches the group, in any case', async () => {
		groupsWithTypes();
		await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: { ...REQUIRED, acceleratorType: locator('GPU') } });

		expect(bodies().map((body) => body.acceleratorType)).toEqual(['gpu']);
	});

	it("refuses a type the group does not have, naming the group's, and creates nothing", async () => {
		groupsWithTypes();
		const { error } = await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: { ...REQUIRED, resourceGroup: locator('DCU-K100'), acceleratorType: locator('gpu') } });

		expect(error?.message).toBe("'Accelerator Type' must be dcu, the accelerator of resource group 'DCU-K100', not 'gpu'");
		expect(creates()).toEqual([]);
	});

	it("refuses to guess when SCNet's answer does not name the group's type and none is given", async () => {
		// The sandbox answers bare names, as SCNet may.
		const { main } = await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: REQUIRED, onError: 'continueRegularOutput' });

		expect(failureMessage(main[0].json)).toBe(
			"'Accelerator Type' must be one of cpu, dcu, gpu, mlu (SCNet's list of resource groups does not say which accelerator 'TeslaM40' has), not an empty text",
		);
		expect(creates()).toEqual([]);
	});

	it('sends the type given when the answer names no type (SCNet decides, as in versions 1 and 2)', async () => {
		await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: { ...REQUIRED, acceleratorType: locator('dcu', 'list') } });

		expect(bodies().map((body) => body.acceleratorType)).toEqual(['dcu']);
	});

	it("refuses a resource group the account does not have, naming the account's, and creates nothing", async () => {
		const { error } = await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: { ...REQUIRED, resourceGroup: locator('A100'), acceleratorType: locator('gpu') } });

		expect(error?.message).toBe(`'Resource Group' must be one of the account's resource groups (${RESOURCE_GROUPS.join(', ')}), not 'A100'`);
		expect(creates()).toEqual([]);
	});

	it('fails the item, creating nothing, when the groups cannot be read', async () => {
		scnet.sandbox.addFault({ when: (request) => request.path === RESOURCE_GROUP_PATH, respond: { body: { code: '10009', msg: '无权限', data: null } } });
		const { main } = await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: { ...REQUIRED, acceleratorType: locator('gpu') }, onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ created: false, error: expect.objectContaining({ code: '10009' }) })]);
		expect(creates()).toEqual([]);
	});
});

describe('Container → Create (version 3): an unknown or unreadable value stops the item before any request', () => {
	const BAD: Array<[string, IDataObject, string]> = [
		['a service type SCNet does not name', { taskType: locator('notebook') }, "'Service Type' must be one of codeserver, jupyter, rstudio, ssh, not 'notebook'"],
		['an accelerator type SCNet does not name', { acceleratorType: locator('tpu') }, "'Accelerator Type' must be one of cpu, dcu, gpu, mlu, not 'tpu'"],
		['a script scope SCNet does not name', { additionalFields: { startScriptScope: locator('everywhere') } }, "'Start Script Runs In' must be one of all, header, not 'everywhere'"],
		['mounts that are not JSON', { additionalFields: { mounts: '[{source: /data}]' } }, "'Mounts' is not valid JSON"],
		['mounts that are not a list', { additionalFields: { mounts: '"/data"' } }, `'Mounts' must be a list of mounts such as [{"source":"/public/home/user/data","target":"/mnt/data","type":"data"}], not '/data'`],
		['a mount with a key SCNet does not take', { additionalFields: { mounts: [{ source: '/a', target: '/b', permision: 'rw' }] } }, "'Mounts': mount 1 has a key SCNet does not take: 'permision'"],
		['a mount without a target', { additionalFields: { mounts: [{ source: '/public/home/u/data' }] } }, "Each mount needs a 'Source Path' and a 'Target Path', not '/public/home/u/data' → ''"],
		['a mount type SCNet does not name', { additionalFields: { mounts: [{ source: '/a', target: '/b', type: 'volume' }] } }, "'Type' must be one of data, path, not 'volume'"],
		['a port protocol SCNet does not name', { additionalFields: { ports: [{ port: 21, protocol: 'FTP' }] } }, "'Protocol' must be one of HTTP, SSH, not 'FTP'"],
		['a port out of range', { additionalFields: { ports: '[{"port":70000}]' } }, "'Container Port' must be a whole number from 1 to 65535, not 70000"],
		['ports given as a number', { additionalFields: { ports: '8888' } }, `'Ports' must be a list of ports such as [{"port":8888,"protocol":"HTTP"}], not 8888`],
	];

	it.each(BAD)('with "Stop": %s stops the run, naming the field and what it takes', async (_, fields, message) => {
		groupsWithTypes();
		const { error } = await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: { ...REQUIRED, ...fields } });

		expect(error?.message.startsWith(message)).toBe(true);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it.each(BAD)('with "Continue": %s is the item\'s failure, and nothing is sent', async (_, fields, message) => {
		const { main } = await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: { ...REQUIRED, ...fields }, onError: 'continueRegularOutput' });

		expect(main).toHaveLength(1);
		expect(String(failureMessage(main[0].json))).toContain(message);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('says which shape mounts take', async () => {
		const { error } = await scnet.run({ ...v3, operation: 'create', items: [{}], parameters: { ...REQUIRED, additionalFields: { mounts: '{"oops"' } } });

		expect(error?.description).toContain('[{"source":"/public/home/user/data","target":"/mnt/data","type":"data"}]');
		expect(error?.description).toContain('source (or sourcePath), target (or targetPath), type');
	});
});

describe('Container → Create: with "Stop", every item is read before any is created', () => {
	it.each([
		['version 1: a later time limit that is not HH:MM:SS', 1, { timeoutLimit: '={{ $json.limit }}' }, [{ limit: '01:00:00' }, { limit: '1h' }], "'Time Limit' must be HH:MM:SS or 'unlimited', not '1h' [item 1]"],
		['version 3: a later service type SCNet does not name', 3, { taskType: locator('={{ $json.service }}') }, [{ service: 'ssh' }, { service: 'vnc' }], "'Service Type' must be one of codeserver, jupyter, rstudio, ssh, not 'vnc'"],
		[
			"version 3: a later accelerator type the group does not have",
			3,
			{ resourceGroup: locator('={{ $json.group }}'), acceleratorType: locator('gpu') },
			[{ group: 'TeslaM40' }, { group: 'DCU-K100' }],
			"'Accelerator Type' must be dcu, the accelerator of resource group 'DCU-K100', not 'gpu'",
		],
	])('%s creates nothing', async (_, typeVersion, fields, items, message) => {
		groupsWithTypes();
		const { error } = await scnet.run({ typeVersion, operation: 'create', items, parameters: { ...REQUIRED, ...(typeVersion === 1 ? { resourceGroup: 'TeslaM40' } : {}), ...fields } });

		expect(error?.message).toBe(message);
		expect(creates()).toEqual([]);
	});

	it('with "Continue", the bad item fails alone and the good one is created', async () => {
		groupsWithTypes();
		const { main } = await scnet.run({
			...v3,
			operation: 'create',
			items: [{ group: 'TeslaM40' }, { group: 'DCU-K100' }],
			parameters: { ...REQUIRED, resourceGroup: locator('={{ $json.group }}'), acceleratorType: locator('gpu') },
			onError: 'continueRegularOutput',
		});

		expect(json(main).map((item) => item.created ?? false)).toEqual([true, false]);
		expect(bodies().map((body) => body.resourceGroup)).toEqual(['TeslaM40']);
	});
});

describe('Container → Create: saved version 1 parameters', () => {
	it('keep their fields and body: options, fixedCollections, no lookup of the groups', async () => {
		const { main } = await scnet.run({
			operation: 'create',
			items: [{}],
			parameters: {
				name: 'saved',
				resourceGroup: 'DCU-K100',
				acceleratorType: 'dcu',
				imagePath: { __rl: true, mode: 'path', value: IMAGES[2].imagePath },
				taskType: 'ssh',
				additionalFields: {
					ports: { port: [{ containerPort: 18888, protocolType: 'HTTP' }] },
					mounts: { mount: [{ sourcePath: '/public/home/user/data', targetPath: '/mnt/data', type: 'path' }] },
					startScript: 'echo hi',
					startScriptScope: 'header',
				},
			},
		});

		expect(json(main)).toEqual([expect.objectContaining({ created: true })]);
		expect(bodies()).toEqual([
			expect.objectContaining({
				acceleratorType: 'dcu',
				taskType: 'ssh',
				startScriptActionScope: 'header',
				containerPortInfoList: [{ containerPort: 18888, protocolType: 'HTTP' }],
				mountInfoList: [{ sourcePath: '/public/home/user/data', targetPath: '/mnt/data', type: 'path' }],
			}),
		]);
		expect(groupLookups()).toEqual([]);
	});
});

describe('Container → Create: the fields of each version', () => {
	const fieldsOf = (version: number) => {
		const { properties } = new Scnet().description;
		const shown = (property: INodeProperties) => {
			const versions = property.displayOptions?.show?.['@version'] as Array<{ _cnd: { gte?: number; lt?: number } }> | undefined;
			return !versions || versions.every(({ _cnd }) => (_cnd.gte === undefined || version >= _cnd.gte) && (_cnd.lt === undefined || version < _cnd.lt));
		};
		const create = properties.filter((property) => property.displayOptions?.show?.operation?.includes('create') && property.displayOptions?.show?.resource?.includes('container') && shown(property));
		const extra = create.find((property) => property.name === 'additionalFields');
		return Object.fromEntries([...create, ...((extra?.options as INodeProperties[]) ?? []).filter(shown)].map((property) => [property.name, property]));
	};

	it('version 3: every choice is a resource locator, mounts and ports are JSON', () => {
		const fields = fieldsOf(3);

		expect(Object.fromEntries(['resourceGroup', 'acceleratorType', 'imagePath', 'taskType', 'startScriptScope', 'mounts', 'ports'].map((name) => [name, fields[name].type]))).toEqual({
			resourceGroup: 'resourceLocator',
			acceleratorType: 'resourceLocator',
			imagePath: 'resourceLocator',
			taskType: 'resourceLocator',
			startScriptScope: 'resourceLocator',
			mounts: 'json',
			ports: 'json',
		});
		expect(Object.values(fields).filter((field) => field.type === 'options' || field.type === 'fixedCollection')).toEqual([]);
		expect(fields.acceleratorType.default).toEqual({ mode: 'list', value: '' });
	});

	it('versions 1 and 2 keep their dropdowns and fixedCollections', () => {
		for (const version of [1, 2]) {
			const fields = fieldsOf(version);

			expect([fields.resourceGroup.type, fields.acceleratorType.type, fields.taskType.type, fields.startScriptScope.type, fields.mounts.type, fields.ports.type]).toEqual([
				'options',
				'options',
				'options',
				'options',
				'fixedCollection',
				'fixedCollection',
			]);
			expect(fields.acceleratorType.default).toBe('gpu');
		}
	});

	it('says where the default sizes come from, and shows no CPU image as the example for every accelerator', () => {
		const fields = fieldsOf(3);

		expect(fields.cpuNumber.description).toMatch(/default, 3, is SCNet's own example/);
		expect(fields.ramSize.description).toMatch(/default, 15360, is SCNet's own example/);
		expect(fields.version.placeholder).not.toMatch(/cpu/);
		expect(JSON.stringify(fields.imagePath.modes)).not.toMatch(/-cpu/);
	});
});

describe("Container → Create (version 3) under n8n's Retry On Fail", () => {
	it('the first item refused by SCNet (its error object makes n8n try again): each container is asked for once', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'create' && request.body.includes('"first"'), respond: { body: { code: '10001', msg: 'busy', data: null } } });

		const { main, run } = await scnet.run({
			...v3,
			operation: 'create',
			items: [{ name: 'first' }, { name: 'second' }],
			parameters: { ...REQUIRED, name: '={{ $json.name }}', acceleratorType: locator('gpu'), additionalFields: { ports: '[{"port": 8888, "protocol": "HTTP"}]' } },
			onError: 'continueRegularOutput',
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});

		expect(run.data.resultData.runData.SCNet).toHaveLength(1);
		expect(bodies().map((body) => body.instanceServiceName)).toEqual(['first', 'second']);
		expect(json(main).map((item) => [item.name, item.created, (item.error as IDataObject | undefined)?.code])).toEqual([
			['first', false, '10001'],
			['second', true, undefined],
		]);
	});
});
