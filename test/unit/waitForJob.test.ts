import type { IExecuteFunctions } from 'n8n-workflow';

import { waitForJob } from '../../nodes/Scnet/actions/job/waitForJob';
import type { ScnetClient } from '../../nodes/shared/transport';

/** A client whose job stays queued, counting the looks. */
function queuedJob() {
	let looks = 0;
	const client = {
		request: async () => {
			looks++;
			return { ok: true, message: 'success', data: { jobId: '7', jobStatus: 'statQ' } };
		},
	} as unknown as ScnetClient;
	return { client, looks: () => looks };
}

describe('waiting for a job', () => {
	it('stops at once when the execution is cancelled, instead of waiting out its poll interval', async () => {
		const cancel = new AbortController();
		const context = { getExecutionCancelSignal: () => cancel.signal } as unknown as IExecuteFunctions;
		const { client, looks } = queuedJob();
		const started = Date.now();
		const waiting = waitForJob(context, client, { scheduler: '1', jobId: '7', zone: 'Asia/Shanghai' }, { timeoutMs: 600_000, intervalMs: 60_000 }, { timeout: 1000, maxTries: 1 });
		setTimeout(() => cancel.abort(), 50);

		await expect(waiting).rejects.toBeDefined();
		expect(Date.now() - started).toBeLessThan(5000);
		expect(looks()).toBe(1);
	});
});
