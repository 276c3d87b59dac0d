import { SCHEDULERS } from '../../../sandbox/hpc/cluster';
import { CLUSTER_PATH } from '../../../sandbox/hpc/routes';
import { IMAGES_PATH, RESOURCE_GROUP_PATH } from '../../../sandbox/server';
import { IMAGES, RESOURCE_GROUPS } from '../../../sandbox/store';
import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';
import { locator } from '../../harness/fromAI';
import { lookupsOn } from '../../harness/lookups';
import { hpcToken, OTHER_SCHEDULER } from '../job/fixtures';

/*
 * The pickers of version 3 (resource locators, 'From List'): what used to be dropdowns, now
 * fields an AI agent can fill too. Static lists ask SCNet nothing.
 */
const scnet = useSandbox({ containers: 0 });
const lookups = lookupsOn(scnet);
const groupsAnswer = (data: unknown) =>
	scnet.sandbox.addFault({ when: (request) => request.path === RESOURCE_GROUP_PATH, respond: { body: { code: '0', msg: 'success', data } } });
const RICH_GROUPS = [
	{ resourceGroup: 'TeslaM40', acceleratorType: 'gpu', cardType: 'Tesla M40', cardNumber: 4, cpuNumber: 28, memorySize: 122880 },
	{ resourceGroup: 'DCU-K100', acceleratorType: 'DCU', cardNumber: '1' },
	{ resourceGroup: 'CPU-only', acceleratorType: 'cpu', cpuNumber: 64, memorySize: 1000 },
];
const searchGroups = (filter?: string) => lookups.listSearch('searchResourceGroups', { parameters: { operation: 'create' }, path: 'parameters.resourceGroup', filter });

describe('Resource group picker (listSearch searchResourceGroups)', () => {
	it("describes each group by what SCNet's answer says of it: accelerator type, card and count, cores, memory", async () => {
		groupsAnswer(RICH_GROUPS);

		expect((await searchGroups()).result.results).toEqual([
			{ name: 'TeslaM40', value: 'TeslaM40', description: 'GPU · Tesla M40 · 4 cards · 28 cores · 120 GB' },
			{ name: 'DCU-K100', value: 'DCU-K100', description: 'DCU · 1 card' },
			{ name: 'CPU-only', value: 'CPU-only', description: 'CPU only · 64 cores · 1000 MB' },
		]);
	});

	it('offers bare names without a description, and narrows to the text typed (in the name or the description)', async () => {
		expect((await searchGroups()).result.results).toEqual(RESOURCE_GROUPS.map((name) => ({ name, value: name })));
		groupsAnswer(RICH_GROUPS);
		expect((await searchGroups('dcu')).result.results.map((result) => result.value)).toEqual(['DCU-K100']);
	});

	it('describes the groups in the dropdown of versions 1 and 2 too (loadOptions getResourceGroups)', async () => {
		groupsAnswer(RICH_GROUPS);
		const { result } = await lookups.loadOptions('getResourceGroups', { parameters: { operation: 'create' }, path: 'parameters.resourceGroup' });

		expect(result[0]).toEqual({ name: 'TeslaM40', value: 'TeslaM40', description: 'GPU · Tesla M40 · 4 cards · 28 cores · 120 GB' });
	});
});

describe('Image picker in version 3', () => {
	const search = (acceleratorType: string) =>
		lookups.listSearch('searchImages', {
			parameters: { operation: 'create', resourceGroup: locator('DCU-K100', 'list'), acceleratorType: locator(acceleratorType, 'list') },
			path: 'parameters.imagePath',
		});

	it("lists the resource group's images when 'Accelerator Type' is left empty", async () => {
		groupsAnswer(RICH_GROUPS);
		const { result } = await search('');

		expect(result.results.map((image) => image.value)).toEqual(IMAGES.filter((image) => image.acceleratorType === 'dcu').map((image) => image.imagePath));
		expect(scnet.sandbox.requests.filter((request) => request.path === IMAGES_PATH).map((request) => request.url)).toEqual([`${IMAGES_PATH}?acceleratorType=dcu`]);
	});

	it("lists every image when SCNet's answer does not say the group's type", async () => {
		const { result } = await search('');

		expect(result.results).toHaveLength(IMAGES.length);
	});

	it('lists the images of the type picked', async () => {
		const { result } = await search('gpu');

		expect(result.results.map((image) => image.value)).toEqual(IMAGES.filter((image) => image.acceleratorType === 'gpu').map((image) => image.imagePath));
	});
});

describe('Scheduler and queue pickers (listSearch searchSchedulers, searchQueues)', () => {
	it("lists the region's schedulers by name and ID", async () => {
		const { result } = await lookups.listSearch('searchSchedulers', { credentials: hpcToken(scnet.sandbox), parameters: { resource: 'job', operation: 'submit' }, path: 'parameters.scheduler' });

		expect(result.results).toEqual(SCHEDULERS.map((one) => ({ name: `${one.text} (${one.id})`, value: String(one.id), description: 'SLURM' })));
		expect(scnet.sandbox.requests.map((request) => request.path)).toEqual([CLUSTER_PATH]);
	});

	it('lists the queues of the scheduler picked, and of the first one when none is', async () => {
		const queues = (scheduler: unknown, filter?: string) =>
			lookups.listSearch('searchQueues', {
				credentials: accessKeyCredentials(scnet.sandbox),
				parameters: { resource: 'job', operation: 'submit', scheduler } as never,
				path: 'parameters.queue',
				filter,
			});

		expect((await queues(locator(OTHER_SCHEDULER, 'list'))).result.results.map((queue) => queue.value)).toEqual(['comp', 'hx1hdnormal']);
		expect((await queues(locator(''))).result.results.map((queue) => queue.value)).toEqual(['debug', 'kshcnormal', 'kshdnormal']);
		expect((await queues(locator(''), 'ksh')).result.results.map((queue) => queue.value)).toEqual(['kshcnormal', 'kshdnormal']);
	});

	it("the dropdown of versions 1 and 2 (loadOptions getQueues) reads a picker's scheduler too", async () => {
		const { result } = await lookups.loadOptions('getQueues', {
			credentials: accessKeyCredentials(scnet.sandbox),
			parameters: { resource: 'job', operation: 'submit', scheduler: locator(OTHER_SCHEDULER) } as never,
			path: 'parameters.queue',
		});

		expect(result.map((queue) => queue.value)).toEqual(['comp', 'hx1hdnormal']);
	});
});

describe('Pickers of fixed values: their values, without asking SCNet', () => {
	it.each([
		['searchServiceTypes', ['codeserver', 'jupyter', 'rstudio', 'ssh']],
		['searchAcceleratorTypes', ['cpu', 'dcu', 'gpu', 'mlu']],
		['searchNotebookAcceleratorTypes', ['DCU', 'GPU', 'MLU']],
		['searchScriptScopes', ['all', 'header']],
		['searchJobSources', ['active', 'finished', 'both']],
		['searchOutputStreams', ['stdout', 'stderr']],
		['searchFileTypes', ['both', 'files', 'folders']],
	])('%s lists %p', async (method, values) => {
		const { result } = await lookups.listSearch(method);

		expect(result.results.map((choice) => choice.value)).toEqual(values);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('narrows a static list to the text typed, by name or value', async () => {
		expect((await lookups.listSearch('searchServiceTypes', { filter: 'code' })).result.results).toEqual([{ name: 'Code Server', value: 'codeserver' }]);
		expect((await lookups.listSearch('searchScriptScopes', { filter: 'first' })).result.results.map((choice) => choice.value)).toEqual(['header']);
	});
});
