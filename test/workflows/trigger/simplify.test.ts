import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ScnetTrigger } from '../../../nodes/ScnetTrigger/ScnetTrigger.node';
import { chinaTime, containerId } from '../../../sandbox/containers';
import { useSandbox } from '../../harness/fixtures';
import { pollingTrigger } from '../../harness/polling';
import { canvasSubtitle } from '../../harness/subtitle';
import { HOME, hpcToken, runJob, submitParameters } from '../job/fixtures';
import { notebookToken, RUNNING } from '../notebook/fixtures';

/*
 * Trigger version 2 (issue 18): items simplified by default, with the event's own fields; whole
 * hours for Running Too Long; the event's name as the canvas subtitle. Version 1 keeps its items.
 */
const scnet = useSandbox({ containers: 12 });
const id = containerId;
const emitted = (output: INodeExecutionData[][] | null) => (output ? output[0].map((item) => item.json) : []);
const CONTAINER_KEYS = ['id', 'name', 'status', 'taskType', 'createdAt', 'startedAt', 'endedAt', 'cpuCount', 'memoryGb', 'acceleratorType', 'acceleratorCount'];
const JOB_KEYS = ['jobId', 'jobName', 'state', 'queue', 'user', 'cores', 'submittedAt', 'startedAt', 'finishedAt', 'exitCode', 'reason'];
const NOTEBOOK_KEYS = ['id', 'name', 'status', 'image', 'createdAt', 'startedAt', 'cpuCount', 'memoryGb', 'acceleratorType', 'acceleratorCount'];
const V2 = { typeVersion: 2 };
const { properties } = new ScnetTrigger().description;

beforeEach(() => scnet.sandbox.hpc.configure({ queueDelayMs: 3_600_000 }));

describe('SCNet Trigger version 2: Simplify', () => {
	it('emits a container status change simplified by default, with its previous status; a vanished one as Deleted', async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged' }, V2);
		expect(await trigger.poll()).toBeNull();
		scnet.sandbox.setStatus(id(0), 'Failed');
		scnet.sandbox.containers.delete(id(2));
		const items = emitted(await trigger.poll()).sort((a, b) => String(a.id).localeCompare(String(b.id)));

		const changed = items.find((item) => item.id === id(0)) as IDataObject;
		expect(Object.keys(changed)).toEqual([...CONTAINER_KEYS, 'previousStatus']);
		expect(changed).toMatchObject({ name: 'Instances_2205110000', status: 'Failed', previousStatus: 'Running', createdAt: '2026-10-31T16:30:00.000Z' });
		expect(JSON.stringify(changed).length).toBeLessThan(350);
		expect(items.find((item) => item.id === id(2))).toMatchObject({ status: 'Deleted', previousStatus: 'Waiting', name: null });
	});

	it("keeps SCNet's full container with 'Simplify' off, and in version 1", async () => {
		for (const [parameters, options] of [[{ simplify: false }, V2], [{}, { typeVersion: 1 }]] as const) {
			const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged', ...parameters }, options);
			await trigger.poll();
			scnet.sandbox.setStatus(id(0), parameters.simplify === false ? 'Failed' : 'Completed');
			const [item] = emitted(await trigger.poll());

			expect(item).toMatchObject({ id: id(0), instanceServiceName: 'Instances_2205110000', createTime: '2026-11-01 00:30:00', timeoutLimit: 'unlimited', previousStatus: expect.any(String) });
		}
	});

	it('emits a container running too long simplified, with runningSince and runningHours', async () => {
		const [first] = [...scnet.sandbox.containers.values()].filter((container) => container.status === 'Running');
		for (const container of scnet.sandbox.containers.values()) if (container.status === 'Running') container.startTime = chinaTime(Date.now() - 3600000);
		first.startTime = chinaTime(Date.now() - 9 * 3600000);
		const trigger = pollingTrigger(scnet.credentials(), { event: 'runningTooLong', hours: 8 }, V2);
		await trigger.poll();
		const [item, ...others] = emitted(await trigger.poll());

		expect(others).toEqual([]);
		expect(Object.keys(item)).toEqual([...CONTAINER_KEYS, 'runningSince', 'runningHours']);
		// SCNet's startTime, China time without a zone, as ISO 8601 in UTC.
		const startedAt = new Date(`${String(first.startTime).replace(' ', 'T')}+08:00`).toISOString();
		expect(item).toMatchObject({ id: first.id, status: 'Running', runningHours: 9, startedAt, runningSince: startedAt });
	});

	it("simplifies the Fetch Test Event sample the same way", async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged' }, V2);
		const sample = emitted(await trigger.poll('manual'));

		expect(sample).toHaveLength(5);
		for (const item of sample) expect(Object.keys(item)).toEqual([...CONTAINER_KEYS, 'previousStatus']);
	});

	it('emits a finished job simplified, with its previous state', async () => {
		const { main } = await runJob(scnet, 'submit', submitParameters({ jobName: 'simple', workDir: `${HOME}/simple` }));
		const jobId = String(main[0].json.jobId);
		scnet.sandbox.hpc.setState(jobId, 'statR');
		const trigger = pollingTrigger(hpcToken(scnet.sandbox), { event: 'jobFinished' }, V2);
		await trigger.poll();
		scnet.sandbox.hpc.setState(jobId, 'statE');
		const [item, ...others] = emitted(await trigger.poll());

		expect(others).toEqual([]);
		expect(Object.keys(item)).toEqual([...JOB_KEYS, 'previousState']);
		expect(item).toMatchObject({ jobId, jobName: 'simple', state: 'Failed', queue: 'kshcnormal', previousState: 'Running', reason: 'NonZeroExitCode' });
		expect(item.submittedAt).toMatch(/Z$/);
	});

	it('emits a notebook status change simplified, without its password or any URL', async () => {
		const trigger = pollingTrigger(notebookToken(scnet.sandbox), { event: 'notebookStatusChanged' }, V2);
		await trigger.poll();
		scnet.sandbox.notebook.setStatus(RUNNING, 'Shutting');
		const [item, ...others] = emitted(await trigger.poll());

		expect(others).toEqual([]);
		expect(Object.keys(item)).toEqual([...NOTEBOOK_KEYS, 'previousStatus']);
		expect(item).toMatchObject({ id: RUNNING, status: 'Shutting', previousStatus: 'Running', cpuCount: 15, memoryGb: 120, acceleratorType: 'DCU', acceleratorCount: 1 });
		expect(JSON.stringify(item)).not.toMatch(/password|token|http/i);
	});

	it("shows 'Simplify' from version 2 on, on by default", () => {
		const simplify = properties.find((field) => field.name === 'simplify') as INodeProperties;

		expect(simplify).toMatchObject({ displayName: 'Simplify', type: 'boolean', default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } } });
		expect(simplify.description).toMatch(/^Whether to return only .*Off: SCNet's full object/);
	});
});

describe("SCNet Trigger version 2: 'Running Longer Than (Hours)'", () => {
	const hoursFields = properties.filter((field) => field.name === 'hours');

	it('is whole hours from version 2 on, under a label that says what it means; version 1 keeps its Hours with two decimals', () => {
		expect(hoursFields).toEqual([
			expect.objectContaining({ displayName: 'Hours', typeOptions: { minValue: 0, numberPrecision: 2 }, displayOptions: { show: { event: ['runningTooLong'], '@version': [{ _cnd: { lt: 2 } }] } } }),
			expect.objectContaining({
				displayName: 'Running Longer Than (Hours)',
				default: 8,
				typeOptions: { minValue: 0, maxValue: 100000, numberPrecision: 0 },
				displayOptions: { show: { event: ['runningTooLong'], '@version': [{ _cnd: { gte: 2 } }] } },
			}),
		]);
	});

	it('refuses a fraction of an hour in version 2, naming the field, and records nothing', async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'runningTooLong', hours: '={{ 1.5 }}' }, V2);

		await expect(trigger.poll()).rejects.toThrow(/^'Running Longer Than \(Hours\)' must be a whole number from 0 to 100000, not 1\.5$/);
		expect(trigger.staticData.watch).toBeUndefined();
	});

	it('still reads the fractional Hours a version 1 workflow saved', async () => {
		const [first] = [...scnet.sandbox.containers.values()].filter((container) => container.status === 'Running');
		for (const container of scnet.sandbox.containers.values()) if (container.status === 'Running') container.startTime = chinaTime(Date.now() - 3600000);
		first.startTime = chinaTime(Date.now() - 2 * 3600000);
		const trigger = pollingTrigger(scnet.credentials(), { event: 'runningTooLong', hours: 1.5 }, { typeVersion: 1 });
		await trigger.poll();

		expect(emitted(await trigger.poll()).map((item) => [item.id, item.runningHours, item.instanceServiceName])).toEqual([[first.id, 2, first.instanceServiceName]]);
	});
});

describe('SCNet Trigger: canvas subtitle', () => {
	it("shows the event's name, not its value", () => {
		expect(canvasSubtitle(new ScnetTrigger(), {}, 2)).toBe('Container Status Changed');
		expect(canvasSubtitle(new ScnetTrigger(), { event: 'runningTooLong' }, 1)).toBe('Container Running Too Long');
		const events = (properties.find((field) => field.name === 'event')?.options ?? []) as Array<{ name: string; value: string }>;
		expect(events).toHaveLength(6);
		for (const event of events) expect(canvasSubtitle(new ScnetTrigger(), { event: event.value }, 2)).toBe(event.name);
	});
});
