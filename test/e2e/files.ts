import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream/promises';

import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_CREDENTIAL } from '../../scripts/n8n/examples';
import { sampleSha256, sampleStream } from '../../sandbox/sample';
import type { Sandbox } from '../../sandbox/server';
import type { RealN8n } from './setup';

/*
 * Files in real n8n, from the packed tarball: the "data in, job, results out" example with
 * `n8n execute` (24 MiB fetched over HTTP go up in two chunks, a Slurm job runs on them, its
 * output comes back as binary data), and a round trip that downloads a 40 MiB file into n8n's
 * binary data (on disk in n8n 2.x, in memory in 1.x) and uploads it again, byte for byte.
 */

type Item = { json: IDataObject; binary?: Record<string, IDataObject> };
type RunData = Record<string, Array<{ data?: { main: Item[][] } }>>;

export const DATA_JOB_EXAMPLE = 'scnetDataJobOut';
const ROUND_TRIP = 'scnetE2eRoundTrip';
const INPUT_BYTES = 24 * 1024 * 1024;
const ROUND_TRIP_BYTES = 40 * 1024 * 1024 + 123;

const outputOf = (runData: RunData | undefined, node: string): Item[] => runData?.[node]?.[0]?.data?.main[0] ?? [];
const homeOf = (sandbox: Sandbox) => `/public/home/${sandbox.auth.settings.account.clusterUser}`;

async function sha256Of(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
	return hash.digest('hex');
}

/** Manual → Download `roundtrip-source.bin` → Upload it again as `roundtrip.bin` (both in the home folder). */
export function roundTripWorkflow(home: string): object {
	const scnet = (name: string, x: number, parameters: IDataObject) => ({
		id: `${ROUND_TRIP}-${name}`,
		name,
		type: 'n8n-nodes-scnet.scnet',
		typeVersion: 2,
		position: [x, 0],
		parameters,
		credentials: { scnetApi: SANDBOX_CREDENTIAL },
	});
	return {
		id: ROUND_TRIP,
		name: 'e2e: file round trip',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${ROUND_TRIP}-run`, name: 'Run now', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			scnet('Download', 220, { resource: 'file', operation: 'download', path: `${home}/roundtrip-source.bin`, binaryPropertyName: 'data', options: {} }),
			scnet('Upload', 440, { resource: 'file', operation: 'upload', binaryPropertyName: 'data', folder: home, fileName: 'roundtrip.bin', overwrite: true, options: { chunkSize: 16 } }),
		],
		connections: {
			'Run now': { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
			Download: { main: [[{ node: 'Upload', type: 'main', index: 0 }]] },
		},
	};
}

export function fileScenarios(env: () => RealN8n): void {
	it('runs the data-in, job, results-out example: the input goes up in chunks byte for byte, the job runs on it, its results come back attached', async () => {
		const { n8n, sandbox } = env();
		const { exitCode, run } = await n8n.execute(DATA_JOB_EXAMPLE);
		expect({ exitCode, error: run?.data.resultData.error?.message }).toEqual({ exitCode: 0, error: undefined });
		const runData = run?.data.resultData.runData as RunData;
		const home = homeOf(sandbox);
		const [job] = [...sandbox.hpc.jobs.values()].filter((one) => one.name === 'n8n-process-input');
		const [report] = outputOf(runData, 'Report');
		expect(report.json).toMatchObject({ input: `${home}/input.bin`, inputBytes: INPUT_BYTES, uploadChunks: 2, jobId: job.id, state: 'Completed', exitCode: 0, results: `${home}/std.out.${job.id}` });
		expect(await sha256Of(sandbox.efile.localPath(`${home}/input.bin`))).toBe(sampleSha256(INPUT_BYTES));
		const results = sandbox.efile.read(`${home}/std.out.${job.id}`);
		expect(results.toString()).toMatch(new RegExp(`^processing ${home}/input.bin \\(${INPUT_BYTES} bytes\\)\\n1\\n`));
		expect(report.json.resultBytes).toBe(results.length);
		expect(report.binary?.data).toMatchObject({ fileName: `std.out.${job.id}` });
		const bursts = sandbox.requests.filter((request) => request.route === 'efile.burst');
		expect(bursts.length).toBeGreaterThanOrEqual(2);
	}, 5 * 60 * 1000);

	it("downloads a 40 MiB file into n8n's binary data and uploads it again byte for byte (compared by hash)", async () => {
		const { n8n, sandbox } = env();
		const home = homeOf(sandbox);
		const source = sandbox.efile.localPath(`${home}/roundtrip-source.bin`);
		await mkdir(dirname(source), { recursive: true });
		await pipeline(sampleStream(ROUND_TRIP_BYTES), createWriteStream(source));
		const { exitCode, run } = await n8n.execute(ROUND_TRIP);
		expect({ exitCode, error: run?.data.resultData.error?.message }).toEqual({ exitCode: 0, error: undefined });
		const runData = run?.data.resultData.runData as RunData;
		expect(outputOf(runData, 'Download')[0].json).toMatchObject({ size: ROUND_TRIP_BYTES });
		expect(outputOf(runData, 'Upload')[0].json).toMatchObject({ uploaded: true, chunks: 3, size: ROUND_TRIP_BYTES });
		expect(await sha256Of(sandbox.efile.localPath(`${home}/roundtrip.bin`))).toBe(sampleSha256(ROUND_TRIP_BYTES));
	}, 5 * 60 * 1000);
}
