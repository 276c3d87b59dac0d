import { SANDBOX_IMAGE } from '../../../sandbox/notebook/store';
import { useSandbox } from '../../harness/fixtures';
import { failureMessage, fromAI, locator } from '../../harness/fromAI';
import { calls, json, REGION_ID, runNotebook } from './fixtures';

/*
 * Version 3 of Notebook → Create: 'Accelerator Type' is a picker an AI agent can fill, 'Mounts'
 * a JSON list; versions 1 and 2 keep the dropdown and the fixedCollection.
 */
const scnet = useSandbox({ containers: 0 });
const v3 = { typeVersion: 3 } as const;
const creates = () => calls(scnet.sandbox, 'create');
const bodyOf = (index = 0) => JSON.parse(creates()[index].body) as Record<string, unknown>;
const IN_REGION = { image: SANDBOX_IMAGE, acceleratorType: locator('DCU', 'list'), acceleratorNumber: 1, resourceGroup: 'ks100ksa048d1a0', additionalFields: { clusterId: REGION_ID } };

describe('Notebook → Create (version 3): what an AI agent gives', () => {
	it('reads the accelerator type and the mounts as $fromAI hands them (a text in any case, a JSON list)', async () => {
		const agent = { Accelerator_Type: 'gpu', Mounts: [{ source: 'data', target: '/mnt/data', permission: 'RW' }, { sourcePath: 'models', targetPath: '/mnt/models' }] };
		const { main, error } = await runNotebook(
			scnet,
			'create',
			{ ...IN_REGION, acceleratorType: locator(fromAI('Accelerator_Type')), additionalFields: { clusterId: REGION_ID, mounts: fromAI('Mounts', 'json') } },
			{ ...v3, items: [agent] },
		);

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([expect.objectContaining({ created: true })]);
		expect(bodyOf()).toMatchObject({
			acceleratorType: 'GPU',
			mountInfo: [
				{ sourcePath: 'data', targetPath: '/mnt/data', permission: 'rw' },
				{ sourcePath: 'models', targetPath: '/mnt/models', permission: 'ro' },
			],
		});
	});

	it('reads mounts typed as JSON text', async () => {
		await runNotebook(scnet, 'create', { ...IN_REGION, additionalFields: { clusterId: REGION_ID, mounts: '[{"source":"data","target":"/mnt/data"}]' } }, v3);

		expect(bodyOf().mountInfo).toEqual([{ sourcePath: 'data', targetPath: '/mnt/data', permission: 'ro' }]);
	});

	it.each([
		['an accelerator type SCNet does not name', { acceleratorType: locator('TPU') }, "'Accelerator Type' must be one of DCU, GPU, MLU, not 'TPU'"],
		['mounts that are not JSON', { additionalFields: { clusterId: REGION_ID, mounts: '[{' } }, "'Mounts' is not valid JSON"],
		['a mount without an absolute target', { additionalFields: { clusterId: REGION_ID, mounts: [{ source: 'data', target: 'mnt' }] } }, "Each mount needs a 'Source Path' and an absolute 'Target Path', not 'data' → 'mnt'"],
		['a mount permission SCNet does not name', { additionalFields: { clusterId: REGION_ID, mounts: [{ source: 'data', target: '/mnt', permission: 'write' }] } }, "'Permission' must be one of ro, rw, not 'write'"],
		['a mount with a key SCNet does not take', { additionalFields: { clusterId: REGION_ID, mounts: [{ source: 'data', target: '/mnt', type: 'data' }] } }, "'Mounts': mount 1 has a key SCNet does not take: 'type'"],
	])('refuses %s, naming the field and what it takes, and sends nothing', async (_, fields, message) => {
		const stopped = await runNotebook(scnet, 'create', { ...IN_REGION, ...fields }, v3);
		expect(stopped.error?.message.startsWith(message)).toBe(true);

		const continued = await runNotebook(scnet, 'create', { ...IN_REGION, ...fields }, { ...v3, onError: 'continueRegularOutput' });
		expect(String(failureMessage(continued.main[0].json))).toContain(message);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('keeps the fields of version 1: the dropdown value and the fixedCollection of mounts', async () => {
		await runNotebook(scnet, 'create', { ...IN_REGION, acceleratorType: 'GPU', additionalFields: { clusterId: REGION_ID, mounts: { mount: [{ sourcePath: 'data', targetPath: '/mnt/data', permission: 'rw' }] } } });

		expect(bodyOf()).toMatchObject({ acceleratorType: 'GPU', mountInfo: [{ sourcePath: 'data', targetPath: '/mnt/data', permission: 'rw' }] });
	});
});

describe("Notebook → Create (version 3) under n8n's Retry On Fail", () => {
	it('the first item refused by SCNet (its error object makes n8n try again): each notebook is asked for once', async () => {
		const { main, run } = await runNotebook(scnet, 'create', { ...IN_REGION, acceleratorType: locator('={{ $json.Accelerator_Type }}'), additionalFields: { clusterId: '={{ $json.region }}' } }, {
			...v3,
			items: [
				{ region: '99999', Accelerator_Type: 'dcu' },
				{ region: REGION_ID, Accelerator_Type: 'dcu' },
			],
			onError: 'continueRegularOutput',
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});

		expect(run.data.resultData.runData.SCNet).toHaveLength(1);
		expect(creates().map((request) => JSON.parse(request.body).clusterId)).toEqual(['99999', REGION_ID]);
		expect(json(main).map((item) => [item.created, typeof item.error])).toEqual([
			[false, 'object'],
			[true, 'undefined'],
		]);
	});
});
