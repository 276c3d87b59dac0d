/**
 * The benchmark's lower bound: the minimal batched DELETE requests, sent one after another with
 * axios, checking each answer's code. Usage: node bench-axios.js BASE_URL TOKEN BATCH_SIZE ID...
 */
import axios from 'axios';

async function main(): Promise<void> {
	const [baseUrl, token, batchSize, ...ids] = process.argv.slice(2);
	const size = Number(batchSize);
	const started = Date.now();
	let failed = 0;
	for (let start = 0; start < ids.length; start += size) {
		const query = ids
			.slice(start, start + size)
			.map((id) => `ids=${id}`)
			.join('&');
		const { data } = await axios.delete(`${baseUrl}/ai/openapi/v2/instance-service/task?${query}`, { headers: { token } });
		if (data.code !== '0') failed++;
	}
	process.stdout.write(JSON.stringify({ ms: Date.now() - started, failed }));
}

void main();
