import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { chinaTime, containerId } from '../../../sandbox/containers';
import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';
import { pollingTrigger } from '../../harness/polling';

const scnet = useSandbox({ containers: 30 });
const id = containerId;
const emitted = (output: INodeExecutionData[][] | null) => (output ? output[0].map((item) => item.json) : []);
const seenIds = (staticData: IDataObject) => Object.keys((staticData.watch as { seen: object }).seen).sort();

describe('SCNet Trigger: Container Status Changed', () => {
	it('records what exists on the first poll, then emits each change once, with the previous status', async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged' });

		expect(await trigger.poll()).toBeNull();
		expect(seenIds(trigger.staticData)).toEqual([...scnet.sandbox.containers.keys()].sort());

		scnet.sandbox.setStatus(id(0), 'Failed');
		scnet.sandbox.setStatus(id(1), 'Completed');
		const changes = emitted(await trigger.poll());

		expect(changes.map((change) => [change.id, change.previousStatus, change.status]).sort()).toEqual(
			[
				[id(0), 'Running', 'Failed'],
				[id(1), 'Deploying', 'Completed'],
			].sort(),
		);
		expect(changes[0]).toMatchObject({ instanceServiceName: expect.any(String), createdAt: expect.any(String) });
		// Nothing twice.
		expect(await trigger.poll()).toBeNull();
	});

	it("reports a container that vanished as status 'Deleted', and forgets it", async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged' });
		await trigger.poll();
		scnet.sandbox.containers.delete(id(2));

		expect(emitted(await trigger.poll())).toEqual([{ id: id(2), status: 'Deleted', previousStatus: 'Waiting' }]);
		expect(seenIds(trigger.staticData)).not.toContain(id(2));
		expect(Object.keys((trigger.staticData.watch as { seen: object }).seen)).toHaveLength(scnet.sandbox.containers.size);
	});

	it('emits only for the chosen new statuses', async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged', statuses: ['Failed', 'Deleted'] });
		await trigger.poll();
		scnet.sandbox.setStatus(id(0), 'Failed');
		scnet.sandbox.setStatus(id(1), 'Running');
		scnet.sandbox.containers.delete(id(2));

		expect(emitted(await trigger.poll()).map((change) => [change.id, change.status]).sort()).toEqual(
			[
				[id(0), 'Failed'],
				[id(2), 'Deleted'],
			].sort(),
		);
	});

	it('changes nothing on a failed poll, and the next poll catches up with nothing lost or doubled', async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged' });
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		scnet.sandbox.setStatus(id(0), 'Failed');
		scnet.sandbox.addFault({ when: (request) => request.route === 'list', times: 3, respond: { status: 503, body: '<html>down</html>' } });

		await expect(trigger.poll()).rejects.toThrow(/HTTP 503/);
		expect(JSON.stringify(trigger.staticData)).toBe(before);

		scnet.sandbox.setStatus(id(1), 'Failed');
		expect(emitted(await trigger.poll()).map((change) => change.id).sort()).toEqual([id(0), id(1)].sort());
		expect(await trigger.poll()).toBeNull();
	});

	it('reads every page of the list', async () => {
		scnet.sandbox.configureList({ pageCap: 7 });
		const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged' });
		await trigger.poll();
		scnet.sandbox.setStatus(id(29), 'Failed');

		expect(emitted(await trigger.poll()).map((change) => change.id)).toEqual([id(29)]);
		expect(seenIds(trigger.staticData)).toHaveLength(30);
	});

	it('signs in with an access key, as in the node', async () => {
		const trigger = pollingTrigger(accessKeyCredentials(scnet.sandbox), { event: 'statusChanged' });
		await trigger.poll();
		scnet.sandbox.setStatus(id(0), 'Completed');

		expect(emitted(await trigger.poll()).map((change) => change.id)).toEqual([id(0)]);
	});
});

describe('SCNet Trigger: Container Created', () => {
	it('emits a container not seen before, once', async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'containerCreated' });
		await trigger.poll();
		const fresh = 'abcdefabcdefabcdefabcdefabcdef01';
		scnet.sandbox.containers.set(fresh, { id: fresh, instanceServiceName: 'new-run', status: 'Deploying', taskType: 'ssh', createTime: '2026-11-29 10:00:00' });

		expect(emitted(await trigger.poll())).toEqual([expect.objectContaining({ id: fresh, instanceServiceName: 'new-run', status: 'Deploying' })]);
		expect(await trigger.poll()).toBeNull();
	});
});

describe('SCNet Trigger: Container Running Too Long', () => {
	it('reports a container running longer than the hours once per run of it', async () => {
		const running = [...scnet.sandbox.containers.values()].filter((container) => container.status === 'Running').map((container) => container.id);
		const trigger = pollingTrigger(scnet.credentials(), { event: 'runningTooLong', hours: 0 });
		expect(await trigger.poll()).toBeNull();

		const reported = emitted(await trigger.poll());
		expect(reported.map((container) => container.id).sort()).toEqual([...running].sort());
		expect(reported[0]).toMatchObject({ runningSince: expect.any(String), runningHours: expect.any(Number) });
		expect(await trigger.poll()).toBeNull();

		// A new run of it counts again.
		scnet.sandbox.setStatus(running[0], 'Terminated');
		expect(await trigger.poll()).toBeNull();
		scnet.sandbox.setStatus(running[0], 'Running');
		scnet.sandbox.containers.get(running[0])!.startTime = '2026-11-01 00:00:00';
		expect(emitted(await trigger.poll()).map((container) => container.id)).toEqual([running[0]]);
	});

	it("uses SCNet's startTime (China time) for how long it has run", async () => {
		const [first] = [...scnet.sandbox.containers.values()].filter((container) => container.status === 'Running');
		const hoursAgo = (hours: number) => chinaTime(Date.now() - hours * 3600000);
		for (const container of scnet.sandbox.containers.values()) if (container.status === 'Running') container.startTime = hoursAgo(1);
		first.startTime = hoursAgo(9);
		const trigger = pollingTrigger(scnet.credentials(), { event: 'runningTooLong', hours: 8 });
		await trigger.poll();

		const [reported, ...others] = emitted(await trigger.poll());
		expect(others).toEqual([]);
		expect(reported).toMatchObject({ id: first.id, runningHours: 9 });
	});
});

describe('SCNet Trigger: Fetch Test Event', () => {
	it('returns the newest containers as a sample and records nothing', async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged' });
		const sample = emitted(await trigger.poll('manual'));

		const newest = [...scnet.sandbox.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id)).slice(0, 5);
		expect(sample.map((container) => container.id)).toEqual(newest.map((container) => container.id));
		expect(sample[0]).toMatchObject({ previousStatus: newest[0].status, createdAt: expect.any(String) });
		expect(trigger.staticData.watch).toBeUndefined();
	});

	it('shapes the sample as the event does: containers running longer than Hours, with how long they ran, for Running Too Long', async () => {
		const running = [...scnet.sandbox.containers.values()].filter((container) => container.status === 'Running');
		running.forEach((container, index) => (container.startTime = chinaTime(Date.now() - (index < 2 ? 10 : 1) * 3600000)));
		const trigger = pollingTrigger(scnet.credentials(), { event: 'runningTooLong', hours: 8 });
		const sample = emitted(await trigger.poll('manual'));

		expect(sample.map((container) => container.id).sort()).toEqual(running.slice(0, 2).map((container) => container.id).sort());
		for (const container of sample) expect(container).toMatchObject({ status: 'Running', runningSince: expect.any(String), runningHours: 10 });
	});
});
