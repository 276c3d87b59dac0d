import { DEFAULT_ACCOUNT, V2_SIGN_IN_PATH } from '../../../sandbox/auth';
import { SANDBOX_IMAGE } from '../../../sandbox/notebook/store';
import { AMBIGUOUS_FAULTS } from '../../harness/faults';
import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';
import { calls, json, notebookToken, REGION_ID, runNotebook } from './fixtures';

const scnet = useSandbox({ containers: 0 });
const creates = () => calls(scnet.sandbox, 'create');
const bodyOf = (index = 0) => JSON.parse(creates()[index].body) as Record<string, unknown>;
const onCreate = (request: { route?: string }) => request.route === 'notebook.create';
const newNotebooks = () => [...scnet.sandbox.notebook.notebooks.values()].filter((notebook) => notebook.notebookStatus === 'Creating');

const REQUIRED = { image: SANDBOX_IMAGE, acceleratorType: 'DCU', acceleratorNumber: 1, resourceGroup: 'ks100ksa048d1a0' };
/** The pasted token knows no region: these tests name it. */
const IN_REGION = { ...REQUIRED, additionalFields: { clusterId: REGION_ID } };
const MAY_HAVE_BEEN_CREATED = 'The notebook may have been created: look for it with Get Many before running the workflow again.';

describe('Notebook → Create', () => {
	it("creates a notebook in the credential's region and outputs its ID", async () => {
		const { main, error } = await runNotebook(scnet, 'create', REQUIRED, { credentials: accessKeyCredentials(scnet.sandbox) });

		expect(error).toBeUndefined();
		const [created] = newNotebooks();
		expect(json(main)).toEqual([
			{ id: created.id, created: true, code: '0', message: 'success', image: SANDBOX_IMAGE, clusterId: REGION_ID, taskId: created.taskId, orderId: expect.any(String) },
		]);
		expect(bodyOf()).toEqual({
			clusterId: REGION_ID,
			imagePath: SANDBOX_IMAGE,
			imageName: 'jupyterlab-pytorch:2.1.0-ubuntu20.04-dtk24.04.1-py3.10',
			acceleratorType: 'DCU',
			acceleratorNumber: '1',
			resourceGroupCode: 'ks100ksa048d1a0',
			mountHome: true,
		});
	});

	it("takes the region from a pasted region token's clusterId", async () => {
		const { user, password, orgId } = DEFAULT_ACCOUNT;
		const signIn = await fetch(new URL(V2_SIGN_IN_PATH, scnet.sandbox.url), { method: 'POST', headers: { user, password, orgid: orgId } });
		const { data } = (await signIn.json()) as { data: Array<{ clusterId: string; token: string }> };
		const token = data.find((entry) => entry.clusterId === REGION_ID)?.token ?? '';
		const { main } = await runNotebook(scnet, 'create', REQUIRED, { credentials: notebookToken(scnet.sandbox, { token }) });

		expect(main[0].json).toMatchObject({ created: true, clusterId: REGION_ID });
	});

	it('sends the additional fields as SCNet documents them, reading what an expression hands over as text', async () => {
		const { main } = await runNotebook(scnet, 'create', {
			...IN_REGION,
			acceleratorNumber: '={{ "2" }}',
			additionalFields: {
				clusterId: REGION_ID,
				imageName: 'custom:1',
				imageSize: '7338398370',
				mountHome: '={{ "false" }}',
				startCommand: ' python ~/train.py ',
				mounts: { mount: [{ sourcePath: 'data', targetPath: '/mnt/data', permission: 'rw' }] },
			},
		});

		expect(main[0].json).toMatchObject({ created: true });
		expect(bodyOf()).toMatchObject({ imageName: 'custom:1', imageSize: '7338398370', acceleratorNumber: '2', mountHome: false, startCommand: 'python ~/train.py', mountInfo: [{ sourcePath: 'data', targetPath: '/mnt/data', permission: 'rw' }] });
		expect(newNotebooks()[0]).toMatchObject({ mountHome: false, acceleratorNumber: '2' });
	});

	it.each([
		['the ID as text', 'text' as const],
		['no ID at all', 'none' as const],
	])('reads an answer with %s', async (_, createAnswer) => {
		scnet.sandbox.notebook.configure({ createAnswer });
		const { main } = await runNotebook(scnet, 'create', IN_REGION, { onError: 'continueRegularOutput' });

		const [created] = newNotebooks();
		if (createAnswer === 'text') expect(main[0].json).toMatchObject({ id: created.id, created: true });
		else expect(main[0].json).toMatchObject({ id: null, created: true, code: 'NO_ID', message: 'SCNet created the notebook but returned no ID' });
	});

	it('never outputs a password that the answer holds', async () => {
		scnet.sandbox.addFault({ when: onCreate, respond: { body: { code: '0', msg: 'success', data: { notebookId: 'n1', sshPassword: 'pw-8c1e', taskId: '7' } } } });
		const { main } = await runNotebook(scnet, 'create', IN_REGION);

		expect(json(main)).toEqual([expect.objectContaining({ id: 'n1', created: true, taskId: '7' })]);
		expect(JSON.stringify(main)).not.toContain('pw-8c1e');
	});

	it("passes SCNet's refusal on, created: false, naming the image", async () => {
		const { error } = await runNotebook(scnet, 'create', { ...REQUIRED, additionalFields: { clusterId: '99999' } });

		expect(error?.message).toBe("SCNet rejected a request parameter as invalid (new notebook of image 'jupyterlab-pytorch:2.1.0-ubuntu20.04-dtk24.04.1-py3.10', code 10004) [item 0]");
	});
});

describe('Notebook → Create: never twice', () => {
	it.each(AMBIGUOUS_FAULTS)('after %s: exactly one POST, and the failure says the notebook may have been created', async (_, fault, options, code) => {
		scnet.sandbox.addFault({ when: onCreate, ...fault });
		const { main } = await runNotebook(scnet, 'create', { ...IN_REGION, options: { maxTries: 3, ...options } }, { onError: 'continueRegularOutput' });

		expect(creates()).toHaveLength(1);
		expect(json(main)).toEqual([expect.objectContaining({ id: null, image: SANDBOX_IMAGE, created: false, code })]);
		expect(String(main[0].json.description).endsWith(MAY_HAVE_BEEN_CREATED)).toBe(true);
	});

	it('after a lost answer (SCNet created it, the answer never came): one POST, one notebook', async () => {
		scnet.sandbox.addFault({ when: onCreate, lose: true });
		const { main } = await runNotebook(scnet, 'create', { ...IN_REGION, options: { maxTries: 3 } }, { onError: 'continueRegularOutput' });

		expect(creates()).toHaveLength(1);
		expect(newNotebooks()).toHaveLength(1);
		expect(main[0].json).toMatchObject({ created: false, code: 'ECONNRESET' });
	});

	it('is sent again when SCNet certainly did not get it (HTTP 429)', async () => {
		scnet.sandbox.addFault({ when: onCreate, times: 1, respond: { status: 429, body: 'slow down' } });
		const { main } = await runNotebook(scnet, 'create', { ...IN_REGION, options: { maxTries: 3 } });

		expect(creates()).toHaveLength(2);
		expect(newNotebooks()).toHaveLength(1);
		expect(main[0].json).toMatchObject({ created: true, id: newNotebooks()[0].id });
	});

	it("is not created again by n8n's Retry On Fail after a later item failed", async () => {
		const { main } = await runNotebook(scnet, 'create', { ...REQUIRED, additionalFields: { clusterId: '={{ $json.region }}' } }, {
			items: [{ region: REGION_ID }, { region: '99999' }],
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});

		expect(main).toEqual([]);
		expect(creates().map((request) => JSON.parse(request.body).clusterId)).toEqual([REGION_ID, '99999']);
		// The three seeded ones and the first item's.
		expect(scnet.sandbox.notebook.notebooks.size).toBe(4);
	});
});

describe('Notebook → Create: fail closed', () => {
	it.each([
		['an accelerator number given as a word', { acceleratorNumber: '={{ "two" }}' }, "'Accelerator Number' must be a whole number from 1 to 64, not 'two'"],
		['an accelerator type SCNet does not name', { acceleratorType: '={{ "TPU" }}' }, "'Accelerator Type' must be one of DCU, GPU, MLU, not 'TPU'"],
		["'Mount Home' as a word", { additionalFields: { clusterId: REGION_ID, mountHome: '={{ "yes" }}' } }, "'Mount Home' must be true or false, not 'yes'"],
		['no image (an expression that gives none)', { image: '={{ $json.missing }}' }, "No image path in 'Image' [item 0]"],
		['no resource group', { resourceGroup: '={{ "" }}' }, "No resource group in 'Resource Group' [item 0]"],
		['a region that is not a number', { additionalFields: { clusterId: 'east' } }, "'Region ID' must be a region's number (clusterId), such as 11250, not 'east' [item 0]"],
		['a mount without a target', { additionalFields: { clusterId: REGION_ID, mounts: { mount: [{ sourcePath: 'data', targetPath: 'mnt' }] } } }, "Each mount needs a 'Source Path' and an absolute 'Target Path', not 'data' → 'mnt' [item 0]"],
	])('sends nothing for %s', async (_, extra, message) => {
		const { error } = await runNotebook(scnet, 'create', { ...IN_REGION, ...extra });

		expect(error?.message).toBe(message);
		expect(creates()).toEqual([]);
	});

	it('with "Stop", reads every item before creating any: a bad later item creates nothing', async () => {
		const { error } = await runNotebook(scnet, 'create', { ...IN_REGION, acceleratorNumber: '={{ $json.cards }}' }, { items: [{ cards: 1 }, { cards: 'many' }] });

		expect(error?.message).toBe("'Accelerator Number' must be a whole number from 1 to 64, not 'many'");
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('with "Continue", fails the bad item only, and creates the good one', async () => {
		const { main } = await runNotebook(scnet, 'create', { ...IN_REGION, image: '={{ $json.image }}' }, { items: [{ image: '' }, { image: SANDBOX_IMAGE }], onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ created: false, code: 'INVALID_INPUT' }), expect.objectContaining({ created: true })]);
		expect(creates()).toHaveLength(1);
	});

	it('without a region to create in (a pasted token that is not a JWT), fails the item and sends nothing', async () => {
		const { main } = await runNotebook(scnet, 'create', REQUIRED, { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([expect.objectContaining({ created: false, code: 'NO_REGION_ID', message: 'No region to create the notebook in [item 0]' })]);
		expect(creates()).toEqual([]);
	});
});
