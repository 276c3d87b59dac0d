/**
 * The benchmark's lower bound: the minimal batched DELETE requests, sent with axios by
 * PARALLEL workers, checking each answer's code.
 * Usage: node bench-axios.js BASE_URL TOKEN BATCH_SIZE PARALLEL ID...
 */
import axios from 'axios';

async function main(): Promise<void> {
	const [baseUrl, token, batchSize, parallel, ...ids] = process.argv.slice(2);
	const size = Number(batchSize);
	const batches: string[][] = [];
	for (let start = 0; start < ids.length; start += size) batches.push(ids.slice(start, start + size));
	const started = Date.now();
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
	process.stdout.write(JSON.stringify({ ms: Date.now() - started, failed }));
}

void main();
