/**
 * The benchmark's lower bounds: the minimal requests, sent with axios, checking each answer's code.
 *   node bench-axios.js delete BASE_URL TOKEN BATCH_SIZE PARALLEL ID...   batched DELETEs by PARALLEL workers
 *   node bench-axios.js list BASE_URL TOKEN PAGE_SIZE                     every page of the list, one after another
 */
import axios from 'axios';

async function deleteAll(baseUrl: string, token: string, batchSize: string, parallel: string, ids: string[]): Promise<object> {
	const size = Number(batchSize);
	const batches: string[][] = [];
	for (let start = 0; start < ids.length; start += size) batches.push(ids.slice(start, start + size));
	let failed = 0;
	let next = 0;
	const worker = async () => {
		while (next < batches.length) {
			const query = batches[next++].map((id) => `ids=${id}`).join('&');
			const { data } = await axios.delete(`${baseUrl}/ai/openapi/v2/instance-service/task?${query}`, { headers: { token } });
			if (data.code !== '0') failed++;
		}
	};
	await Promise.all(Array.from({ length: Number(parallel) }, worker));
	return { failed };
}

async function listAll(baseUrl: string, token: string, pageSize: string): Promise<object> {
	const containers: unknown[] = [];
	for (let start = 0; ; ) {
		const { data } = await axios.get(`${baseUrl}/ai/openapi/v2/instance-service/task/list`, {
			headers: { token },
			params: { start, limit: pageSize, sort: 'desc' },
		});
		if (data.code !== '0') throw new Error(`code ${data.code}`);
		const page = data.data.records as unknown[];
		containers.push(...page);
		start += page.length;
		if (page.length === 0 || start >= data.data.total) break;
	}
	return { listed: containers.length };
}

async function main(): Promise<void> {
	const [mode, baseUrl, token, size, ...rest] = process.argv.slice(2);
	const started = Date.now();
	const result = mode === 'list' ? await listAll(baseUrl, token, size) : await deleteAll(baseUrl, token, size, rest[0], rest.slice(1));
	process.stdout.write(JSON.stringify({ ms: Date.now() - started, ...result }));
}

void main();
