import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';
import { useBinaryStore } from '../../harness/binaryStore';
import { submitParameters } from '../job/fixtures';
import { HOME, runFile } from './fixtures';

const scnet = useSandbox({ hpc: { queueDelayMs: 100, runDelayMs: 300 } });
useBinaryStore();

describe('a Slurm job’s output through the File resource', () => {
	it('downloads the output file a job wrote (the sandbox serves job files on its file service)', async () => {
		const credentials = accessKeyCredentials(scnet.sandbox);
		const submitted = await scnet.run({ resource: 'job', operation: 'submit', items: [{}], credentials, parameters: submitParameters({ queue: 'debug', wallTime: '00:10:00', script: 'echo hello\nseq 3', options: { waitUntilFinished: true, waitTimeout: 60, pollInterval: 5 } }) });
		expect(submitted.error).toBeUndefined();
		const { stdoutFile, state } = submitted.main[0].json;
		expect(state).toBe('Completed');
		const { main, error } = await runFile(scnet, 'download', { path: stdoutFile as string }, { credentials });
		expect(error).toBeUndefined();
		expect(main[0].json).toMatchObject({ path: stdoutFile, size: 'hello\n1\n2\n3\n'.length });
		expect(String(stdoutFile).startsWith(`${HOME}/`)).toBe(true);
	});
});
