import type { INodeExecutionData } from 'n8n-workflow';

import { containerId } from '../../../sandbox/containers';
import { useSandbox } from '../../harness/fixtures';
import { pollingTrigger } from '../../harness/polling';

/*
 * A test run of the trigger ("Fetch Test Event", or a manual run of the workflow) hands its sample
 * to the real downstream nodes: it holds only containers the published trigger could report.
 */
const scnet = useSandbox({ containers: 12 });
const id = containerId;
const emitted = (output: INodeExecutionData[][] | null) => (output ? output[0].map((item) => item.json) : []);
const setAll = (from: string, to: 'Completed') => {
	for (const container of scnet.sandbox.containers.values()) if (container.status === from) scnet.sandbox.setStatus(container.id, to);
};

describe('SCNet Trigger: a test run acts only on what the active trigger would emit', () => {
	it('holds only containers in the chosen statuses', async () => {
		setAll('Failed', 'Completed');
		scnet.sandbox.setStatus(id(0), 'Failed');
		const trigger = pollingTrigger(scnet.credentials(), { event: 'statusChanged', statuses: ['Failed'] });

		expect(emitted(await trigger.poll('manual')).map((container) => [container.id, container.status])).toEqual([[id(0), 'Failed']]);
	});

	it('says so plainly when nothing matches, instead of handing on unmatched containers', async () => {
		setAll('Failed', 'Completed');
		const trigger = pollingTrigger(scnet.credentials(), { event: 'containerCreated', statuses: 'Failed' });

		await expect(trigger.poll('manual')).rejects.toThrow('No container matches the event now: none of the 12 listed is in Failed');
		expect(trigger.staticData.watch).toBeUndefined();
	});

	it('for Running Too Long, holds no container that has run less than Hours (or since an unknown time)', async () => {
		const trigger = pollingTrigger(scnet.credentials(), { event: 'runningTooLong', hours: 8 });

		await expect(trigger.poll('manual')).rejects.toThrow(/^No container matches the event now: none of the 12 listed has been running for more than 8 h/);
	});

	it.each([
		['Statuses', { event: 'statusChanged', statuses: '={{ "Failed, Finished" }}' }, "'Statuses' must be none or some of Running, Deploying, Waiting, Terminated, Failed, Completed, Deleted, not 'Finished'"],
		['Hours', { event: 'runningTooLong', hours: '={{ "eight" }}' }, /^'Hours' must be a number from 0 to \d+, not 'eight'$/],
	])('refuses %s it cannot read, in a test run and in a poll', async (_, parameters, message) => {
		const trigger = pollingTrigger(scnet.credentials(), parameters);

		await expect(trigger.poll('manual')).rejects.toThrow(message);
		await expect(trigger.poll()).rejects.toThrow(message);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});
