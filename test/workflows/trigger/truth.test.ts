import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { containerId } from '../../../sandbox/containers';
import { onListRequest, onRoute, pagedList, requestsOn } from '../../harness/faults';
import { useSandbox } from '../../harness/fixtures';
import { pollingTrigger } from '../../harness/polling';
import { MAX_LOOKUPS_PER_POLL } from '../../../nodes/ScnetTrigger/missing';

const scnet = useSandbox({ containers: 30 });
const id = containerId;
const emitted = (output: INodeExecutionData[][] | null) => (output ? output[0].map((item) => item.json) : []);
const changes = (output: INodeExecutionData[][] | null) => emitted(output).map((change) => [change.id, change.previousStatus, change.status]);
const seenIds = (staticData: IDataObject) => Object.keys((staticData.watch as { seen: object }).seen).sort();
const statusTrigger = () => pollingTrigger(scnet.credentials(), { event: 'statusChanged' });
const statusOf = (containerIdOf: string) => scnet.sandbox.containers.get(containerIdOf)?.status;
/** The sandbox's containers as its list gives them: newest first. */
const newestFirst = () => [...scnet.sandbox.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));

describe('SCNet Trigger: a list that changes while a poll reads it', () => {
	it('reports a container deleted between two pages once, no neighbour as deleted or created, and the neighbour’s next change', async () => {
		scnet.sandbox.configureList({ pageCap: 10 });
		const trigger = statusTrigger();
		await trigger.poll();
		const [, victim, neighbour] = newestFirst().map((container) => ({ ...container }));
		// Between the first and the second page of the next poll, one container of the first page is deleted.
		scnet.sandbox.addFault({ when: onListRequest(2, () => scnet.sandbox.containers.delete(victim.id)) });

		// That poll read it before it went: nothing changed for it, and no neighbour was missed.
		expect(await trigger.poll()).toBeNull();
		expect(changes(await trigger.poll())).toEqual([[victim.id, victim.status, 'Deleted']]);
		expect(seenIds(trigger.staticData)).toHaveLength(29);

		const [was, now] = [neighbour.status, neighbour.status === 'Failed' ? 'Completed' : 'Failed'] as const;
		scnet.sandbox.setStatus(neighbour.id, now);
		expect(changes(await trigger.poll())).toEqual([[neighbour.id, was, now]]);
		expect(await trigger.poll()).toBeNull();
	});

	it.each([
		['records: [] with a total of 30 (a glitch)', { body: { code: '0', msg: 'success', data: { records: [], total: 30 } } }],
		['entries whose ID is missing', { body: { code: '0', msg: 'success', data: { records: [{ instanceServiceName: 'x', status: 'Running' }], total: 1 } } }],
	])('fails the poll on %s: nothing emitted, nothing recorded, and the next good poll catches up', async (_, respond) => {
		const trigger = statusTrigger();
		await trigger.poll();
		const before = JSON.stringify(trigger.staticData);
		scnet.sandbox.setStatus(id(0), 'Failed');
		scnet.sandbox.addFault({ when: onRoute('list'), times: 1, respond });

		await expect(trigger.poll()).rejects.toThrow(/^The container list could not be read completely/);
		expect(JSON.stringify(trigger.staticData)).toBe(before);
		expect(changes(await trigger.poll())).toEqual([[id(0), 'Running', 'Failed']]);
		expect(await trigger.poll()).toBeNull();
	});

	it('fails the poll when SCNet ignores start, rather than watch the first page of the account', async () => {
		scnet.sandbox.configureList({ pageCap: 10 });
		const trigger = statusTrigger();
		await trigger.poll();
		scnet.sandbox.configureList({ ignoresStart: true });

		await expect(trigger.poll()).rejects.toThrow(/SCNet seems to ignore 'start'/);
		expect(seenIds(trigger.staticData)).toHaveLength(30);
	});

	it('emits the change of a container a page lists twice once', async () => {
		const trigger = statusTrigger();
		await trigger.poll();
		scnet.sandbox.setStatus(id(0), 'Failed');
		const entries = newestFirst().map(({ id: entryId, status, createTime }) => ({ id: entryId, status, createTime }));
		const doubled = entries.find((entry) => entry.id === id(0)) as IDataObject;
		scnet.sandbox.addFault({ when: onRoute('list'), respond: pagedList([doubled, ...entries]) });

		expect(changes(await trigger.poll())).toEqual([[id(0), 'Running', 'Failed']]);
	});
});

describe('SCNet Trigger: a container missing from a listing is Deleted only once SCNet confirms it', () => {
	/** Every list call answers the account without `hidden`, complete in itself (its total agrees). */
	const listWithout = (hidden: string) => {
		const entries = newestFirst()
			.filter((container) => container.id !== hidden)
			.map(({ id: entryId, status, createTime }) => ({ id: entryId, status, createTime }));
		scnet.sandbox.addFault({ when: onRoute('list'), times: 1, respond: pagedList(entries) });
	};

	it('keeps a container a listing missed but a Get still finds, and reports its change when it is listed again', async () => {
		const trigger = statusTrigger();
		await trigger.poll();
		const was = statusOf(id(3));
		listWithout(id(3));

		expect(await trigger.poll()).toBeNull();
		expect(requestsOn('detail', scnet.sandbox).map((request) => request.path)).toEqual([expect.stringContaining(id(3))]);
		expect(seenIds(trigger.staticData)).toContain(id(3));

		scnet.sandbox.setStatus(id(3), 'Failed');
		expect(changes(await trigger.poll())).toEqual([[id(3), was, 'Failed']]);
	});

	it('reports a change that the Get of a missed container shows', async () => {
		const trigger = statusTrigger();
		await trigger.poll();
		const was = statusOf(id(3));
		scnet.sandbox.setStatus(id(3), 'Failed');
		listWithout(id(3));

		expect(changes(await trigger.poll())).toEqual([[id(3), was, 'Failed']]);
		expect(await trigger.poll()).toBeNull();
	});

	it('keeps a missing container while its Get fails, and reports it Deleted once a Get says it is gone', async () => {
		const trigger = statusTrigger();
		await trigger.poll();
		const was = statusOf(id(4));
		scnet.sandbox.containers.delete(id(4));
		scnet.sandbox.addFault({ when: onRoute('detail'), times: 3, respond: { status: 503, body: '<html>busy</html>' } });

		expect(await trigger.poll()).toBeNull();
		expect(seenIds(trigger.staticData)).toContain(id(4));
		expect(changes(await trigger.poll())).toEqual([[id(4), was, 'Deleted']]);
		expect(seenIds(trigger.staticData)).not.toContain(id(4));
		expect(await trigger.poll()).toBeNull();
	});

	it(`looks up at most ${MAX_LOOKUPS_PER_POLL} missing containers a poll, and reports the others on the next polls`, async () => {
		const trigger = statusTrigger();
		await trigger.poll();
		for (let n = 0; n < 25; n++) scnet.sandbox.containers.delete(id(n));

		const first = emitted(await trigger.poll());
		expect(first).toHaveLength(MAX_LOOKUPS_PER_POLL);
		expect(requestsOn('detail', scnet.sandbox)).toHaveLength(MAX_LOOKUPS_PER_POLL);
		const second = emitted(await trigger.poll());
		expect(second).toHaveLength(25 - MAX_LOOKUPS_PER_POLL);
		expect(new Set([...first, ...second].map((change) => change.id)).size).toBe(25);
		expect(await trigger.poll()).toBeNull();
	});
});

describe('SCNet Trigger: what the state is about', () => {
	it('starts afresh, emitting nothing, on a state of another account or region', async () => {
		const trigger = statusTrigger();
		await trigger.poll();
		(trigger.staticData.watch as IDataObject).scope = 'another-region';
		(trigger.staticData.watch as { seen: Record<string, unknown> }).seen = { [id(0)]: ['Failed'], gone: ['Running'] };

		expect(await trigger.poll()).toBeNull();
		expect(seenIds(trigger.staticData)).toEqual([...scnet.sandbox.containers.keys()].sort());
		expect(requestsOn('detail', scnet.sandbox)).toEqual([]);
	});

	it('carries on from a state written before it recorded its account (0.4.0)', async () => {
		const trigger = statusTrigger();
		await trigger.poll();
		delete (trigger.staticData.watch as IDataObject).scope;
		scnet.sandbox.setStatus(id(0), 'Failed');

		expect(changes(await trigger.poll())).toEqual([[id(0), 'Running', 'Failed']]);
		expect((trigger.staticData.watch as IDataObject).scope).toEqual(expect.any(String));
	});

	it('never emits the same change from two polls of one trigger that overlap', async () => {
		const trigger = statusTrigger();
		await trigger.poll();
		scnet.sandbox.setStatus(id(0), 'Failed');
		scnet.sandbox.addFault({ when: onRoute('list'), times: 1, delayMs: 300 });

		const [slow, overlapping] = await Promise.all([trigger.poll(), new Promise((resolve) => setTimeout(resolve, 50)).then(async () => await trigger.poll())]);

		expect(changes(slow)).toEqual([[id(0), 'Running', 'Failed']]);
		expect(overlapping).toBeNull();
		expect(await trigger.poll()).toBeNull();
	});
});
