/** The triggers (workflow and node) whose poll is under way in this n8n process. */
const underWay = new Set<string>();

/**
 * Runs `poll` unless a poll of the same trigger is still under way (n8n's scheduler starts the
 * next one on time even when the last one outlives its interval): then nothing is polled and
 * `null` is returned, since both would compare with the same state and emit the same changes.
 */
export async function pollAlone<T>(trigger: string, poll: () => Promise<T>): Promise<T | null> {
	if (underWay.has(trigger)) return null;
	underWay.add(trigger);
	try {
		return await poll();
	} finally {
		underWay.delete(trigger);
	}
}
