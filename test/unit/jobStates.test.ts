import type { IDataObject } from 'n8n-workflow';

import { exitCodeOf, jobView } from '../../nodes/shared/jobs/jobView';
import { isFinal, JOB_STATES, jobStateOf, rawStateOf, type JobState } from '../../nodes/shared/jobs/states';

describe('jobStateOf: SCNet codes to normalised states', () => {
	const CODES: Array<[string, JobState]> = [
		['statQ', 'Queued'],
		['statW', 'Queued'],
		['statH', 'Queued'],
		['statR', 'Running'],
		['statS', 'Running'],
		['statRQ', 'Running'],
		['statC', 'Completed'],
		['statD', 'Failed'],
		['statE', 'Failed'],
		['statEX', 'Failed'],
		['statN', 'Failed'],
		['statDE', 'Cancelled'],
		['statT', 'TimedOut'],
		['statX', 'Unknown'],
	];

	it.each(CODES)('reads %s as %s, from the realtime jobStatus and from history\'s jobState', (code, state) => {
		expect(jobStateOf({ jobStatus: code })).toBe(state);
		expect(jobStateOf({ jobState: code })).toBe(state);
		expect(rawStateOf({ jobState: ` ${code} ` })).toBe(code);
	});

	it.each<[string, unknown]>([
		['a code SCNet never listed', 'statZ'],
		['a code in other case', 'statc'],
		["Slurm's own word", 'COMPLETED'],
		['the name of an Object property', 'constructor'],
		['another one', 'toString'],
		['an empty code', ''],
		['a number', 3],
		['null', null],
	])('reads %s as Unknown, never a guess', (_, code) => {
		expect(jobStateOf({ jobStatus: code, jobState: code } as IDataObject)).toBe('Unknown');
	});

	it('reads jobState when jobStatus is empty, and jobStatus first when both are there', () => {
		expect(jobStateOf({ jobStatus: '', jobState: 'statC' })).toBe('Completed');
		expect(jobStateOf({ jobStatus: 'statR', jobState: 'statC' })).toBe('Running');
		expect(rawStateOf({})).toBe('');
	});

	it.each<[string, IDataObject, JobState]>([
		["Slurm's FAILED", { jobInitAttr: { JobState: 'FAILED' } }, 'Failed'],
		["Slurm's NODE_FAIL", { jobInitAttr: { JobState: 'NODE_FAIL' } }, 'Failed'],
		["Slurm's OUT_OF_MEMORY", { jobInitAttr: { JobState: 'OUT_OF_MEMORY' } }, 'Failed'],
		["Slurm's state as JSON text", { jobInitAttr: '{"JobState":"FAILED"}' }, 'Failed'],
		['the reason NonZeroExitCode', { reason: 'NonZeroExitCode' }, 'Failed'],
		["Slurm's TIMEOUT", { jobInitAttr: { JobState: 'TIMEOUT' } }, 'TimedOut'],
		["Slurm's CANCELLED by a user", { jobInitAttr: { JobState: 'CANCELLED by 1001' } }, 'Cancelled'],
		["Slurm's COMPLETED", { jobInitAttr: { JobState: 'COMPLETED' }, reason: 'None' }, 'Completed'],
		['attributes that are not JSON', { jobInitAttr: '{JobState' }, 'Completed'],
	])('reads a statC job with %s as %s', (_, fields, state) => {
		expect(jobStateOf({ jobStatus: 'statC', ...fields })).toBe(state);
	});

	it("changes no other code for Slurm's words", () => {
		expect(jobStateOf({ jobStatus: 'statR', jobInitAttr: { JobState: 'FAILED' }, reason: 'NonZeroExitCode' })).toBe('Running');
		expect(jobStateOf({ jobStatus: 'statX', jobInitAttr: { JobState: 'COMPLETED' } })).toBe('Unknown');
	});

	it('takes Unknown for a state that may still change, the four ends for final', () => {
		expect(JOB_STATES.filter(isFinal)).toEqual(['Completed', 'Failed', 'Cancelled', 'TimedOut']);
	});
});

describe('exitCodeOf', () => {
	it.each<[string, IDataObject, number | null]>([
		["history's jobExitStatus", { jobState: 'statE', jobExitStatus: 3 }, 3],
		["history's jobExitStatus as text", { jobState: 'statE', jobExitStatus: '3' }, 3],
		["the detail's exit:signal", { jobStatus: 'statE', exitCode: '2:0' }, 2],
		["Slurm's ExitCode", { jobStatus: 'statC', exitCode: null, jobInitAttr: { ExitCode: '0:0' } }, 0],
		["a negative code", { jobStatus: 'statN', exitCode: '-1:0' }, -1],
		['a queued job (Slurm shows 0:0 until it ends)', { jobStatus: 'statQ', exitCode: null, jobInitAttr: { ExitCode: '0:0' } }, null],
		['a running job', { jobStatus: 'statR', exitCode: '0:0' }, null],
		["an unknown state, from Slurm's placeholder", { jobStatus: 'statX', jobInitAttr: { ExitCode: '0:0' } }, null],
		["an unknown state, from history's field", { jobState: 'statX', jobExitStatus: 4 }, 4],
		['text that is not a code', { jobStatus: 'statE', exitCode: 'n/a' }, null],
		['a fraction', { jobStatus: 'statE', jobExitStatus: 1.5 }, null],
		['none at all', { jobStatus: 'statC' }, null],
	])('reads %s', (_, job, code) => {
		expect(exitCodeOf(job)).toBe(code);
	});
});

describe('jobView', () => {
	it("adds the node's fields to SCNet's, whichever list the job came from, its times read in the zone", () => {
		const history = { jobId: 834040, jobName: 'probe', jobState: 'statC', queue: 'debug', jobQueueTime: '2026-11-01 08:00:00', jobStartTime: '2026-11-01 08:00:05', jobEndTime: '2026-11-01 08:10:00', jobExitStatus: 0 };

		expect(jobView(history, 'Asia/Shanghai')).toEqual({
			...history,
			jobId: '834040',
			name: 'probe',
			queue: 'debug',
			state: 'Completed',
			rawState: 'statC',
			exitCode: 0,
			submittedAt: '2026-11-01T00:00:00.000Z',
			startedAt: '2026-11-01T00:00:05.000Z',
			finishedAt: '2026-11-01T00:10:00.000Z',
		});
		expect(jobView(history, '+00:00').submittedAt).toBe('2026-11-01T08:00:00.000Z');
	});

	it('fills jobId from the ID asked for, and leaves what SCNet did not give null', () => {
		expect(jobView({ jobStatus: 'statQ', jobSubmitTime: 'soon', queueName: 'q' }, 'Asia/Shanghai', '5_1')).toMatchObject({
			jobId: '5_1',
			name: null,
			queue: 'q',
			rawState: 'statQ',
			exitCode: null,
			submittedAt: null,
			startedAt: null,
			finishedAt: null,
		});
		expect(jobView({}, 'Asia/Shanghai')).toMatchObject({ jobId: null, state: 'Unknown', rawState: null });
	});
});
