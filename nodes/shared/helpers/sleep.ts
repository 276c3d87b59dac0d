import * as workflow from 'n8n-workflow';

/**
 * A sleep that a signal cuts short (rejecting). n8n 2.x's `sleep` takes the signal; 1.x has it as
 * `sleepWithAbort` (its `sleep` would ignore one). The node runs on the host's n8n-workflow.
 */
export const sleepWithAbort: (ms: number, signal: AbortSignal) => Promise<void> =
	(workflow as unknown as { sleepWithAbort?: (ms: number, signal: AbortSignal) => Promise<void> }).sleepWithAbort ??
	(workflow.sleep as (ms: number, signal: AbortSignal) => Promise<void>);

