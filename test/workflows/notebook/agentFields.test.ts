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
