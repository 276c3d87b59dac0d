import type { IDataObject } from 'n8n-workflow';
import { setTimeout as delay } from 'node:timers/promises';

import type { RecordedRequest } from '../../sandbox/server';
import type { RealN8n } from './setup';

type Execution = { id: string; finished: boolean; data?: { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<{ json: IDataObject }>> } }>> } } };

/** A list request that begins a poll's read (offset 0). */
const readsTheTop = (request: RecordedRequest) => request.route === 'list' && new URL(request.url, 'http://sandbox').searchParams.get('start') === '0';

/**
 * The SCNet Trigger in real n8n over a paged account whose list changes under a poll: a container
 * deleted between the pages of one poll, a neighbour's status changed the poll after, one glitch
 * answer (`records: []` with a total), then a restart of n8n with a change made while it was
 * down. Exactly the real events come, once each. `workflowId` is an active workflow whose
 * trigger ('SCNet Trigger', every minute) feeds a node named 'Changes'; it is unpublished at the end.
 */
export function triggerTruthScenario(env: () => RealN8n, workflowId: string): void {
	it('reports exactly the real changes of a paged account that changes under a poll and glitches, once each, across a restart of n8n (SCNet Trigger)', async () => {
		const { n8n, watched } = env();
		const finished = async () => {
			const { data } = await n8n.api<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true`);
			return data.filter((execution) => execution.finished);
		};
		const changesOf = (execution: Execution) =>
			(execution.data?.resultData.runData.Changes?.[0]?.data?.main[0] ?? []).map((item) => [item.json.id, item.json.previousStatus, item.json.status]).sort();
		const polls = () => watched.requests.filter(readsTheTop).length;
		const waitFor = async (check: () => boolean | Promise<boolean>, ms: number, what: string) => {
			for (const started = Date.now(); !(await check()); await delay(1000)) {
				if (Date.now() - started > ms) throw new Error(`${what}: not within ${ms} ms`);
			}
		};
		const before = (await finished()).length;

		watched.configureList({ pageCap: 4 });
		const newestFirst = [...watched.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));
		const [victim, neighbour, whileDown] = [newestFirst[1], newestFirst[2], newestFirst[6]].map((container) => ({ id: container.id, status: container.status }));

		// Poll A: the victim is deleted between its first and its second page. It read it before: nothing to report yet.
		let listRequests = 0;
		watched.addFault({
			when: (request) => {
				if (request.route === 'list' && ++listRequests === 2) watched.containers.delete(victim.id);
				return false;
			},
		});
		const pollA = polls() + 1;
		await waitFor(() => polls() >= pollA && listRequests >= 4, 90000, 'poll A');
		await delay(3000);
		expect(await finished()).toHaveLength(before);

		// The poll after: the neighbour changes, and the list answers with a glitch — that poll fails, emitting nothing.
		watched.setStatus(neighbour.id, neighbour.status === 'Failed' ? 'Completed' : 'Failed');
		const neighbourNow = watched.containers.get(neighbour.id)?.status;
		watched.addFault({ when: readsTheTop, times: 1, respond: { body: { code: '0', msg: 'success', data: { records: [], total: 11 } } } });
		const glitch = polls() + 1;
		await waitFor(() => polls() >= glitch, 90000, 'the glitch poll');
		await delay(3000);
		expect(await finished()).toHaveLength(before);

		// Poll C: the victim, confirmed gone by a Get, and the neighbour's change; nothing else.
		await waitFor(async () => (await finished()).length > before, 90000, 'poll C');
		const [pollC] = await finished();
		expect(changesOf(pollC)).toEqual(
			[
				[victim.id, victim.status, 'Deleted'],
				[neighbour.id, neighbour.status, neighbourNow],
			].sort(),
		);

		// n8n restarts; a container changes while it is down. The trigger's first poll after it reports that change only.
		await n8n.stop();
		watched.setStatus(whileDown.id, whileDown.status === 'Failed' ? 'Completed' : 'Failed');
		await n8n.start();
		await waitFor(async () => (await finished()).length > before + 1, 150000, 'the poll after the restart');
		const [afterRestart] = await finished();
		expect(changesOf(afterRestart)).toEqual([[whileDown.id, whileDown.status, watched.containers.get(whileDown.id)?.status]]);

		// And the poll after that has nothing to repeat.
		const next = polls() + 1;
		await waitFor(() => polls() >= next, 90000, 'the next poll');
		await delay(5000);
		expect(await finished()).toHaveLength(before + 2);
		await n8n.api('POST', `/workflows/${workflowId}/deactivate`);
	}, 12 * 60 * 1000);
}
