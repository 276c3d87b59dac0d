/**
 * A job as each endpoint shows it. None of these answers is on an official page (their tables are
 * cut off); the field names are the ones live third-party clients read (reference §2.5–2.7): the
 * realtime side names the state `jobStatus`, history names it `jobState`.
 */
import { chinaTime } from '../containers';
import { queueOf, schedulerOf } from './cluster';
import type { HpcSettings } from './settings';
import type { HpcJob } from './store';
import { slurmReason, slurmState, type RawState } from './states';

const time = (ms: number | undefined): string | null => (ms === undefined ? null : chinaTime(ms));

/** A duration as Slurm writes it: `01:23:45`, or `2-00:00:58` past a day. */
export function slurmDuration(ms: number): string {
	const total = Math.max(0, Math.floor(ms / 1000));
	const days = Math.floor(total / 86400);
	const clock = [Math.floor(total / 3600) % 24, Math.floor(total / 60) % 60, total % 60].map((n) => String(n).padStart(2, '0')).join(':');
	return days > 0 ? `${days}-${clock}` : clock;
}

const runMs = (job: HpcJob, now: number): number => (job.startedAt === undefined ? 0 : (job.endedAt ?? now) - job.startedAt);

/** The nodes a started job holds, as Slurm lists them. */
const nodesOf = (job: HpcJob): string => (job.startedAt === undefined ? '' : (queueOf(job.schedulerId, job.queue)?.nodes ?? []).slice(0, job.nodes).join(','));

/** The state the realtime side shows, which can lag behind a failure (`failureShowsCompleted`). */
function shownState(job: HpcJob, settings: HpcSettings): RawState {
	const failed = job.state === 'statE' || job.state === 'statD';
	return failed && settings.failureShowsCompleted ? 'statC' : job.state;
}

/** One entry of `GET /jobs` (T: the fields a live TypeScript client reads). */
export function realtimeEntry(job: HpcJob, settings: HpcSettings, now = Date.now()) {
	return {
		jobId: job.id,
		jobName: job.name,
		jobStatus: shownState(job, settings),
		queue: job.queue,
		user: job.user,
		jobmanagerId: String(job.schedulerId),
		procNumUsed: job.nodes * job.procsPerNode,
		nodeUsed: nodesOf(job),
		jobSubmitTime: time(job.submittedAt),
		jobStartTime: time(job.startedAt),
		jobRunTime: slurmDuration(runMs(job, now)),
		workDir: job.workDir,
		reason: slurmReason(job.state),
	};
}

/** `GET /jobs/{jobId}`'s `data`: the list entry and the fields the official page shows in part (C) or a live client displays (T). */
export function jobDetail(job: HpcJob, settings: HpcSettings, now = Date.now()) {
	const scheduler = schedulerOf(job.schedulerId);
	return {
		...realtimeEntry(job, settings, now),
		appType: 'BASE',
		aveRSS: job.startedAt === undefined ? '0K' : '217404K',
		aveVMSize: job.startedAt === undefined ? '0K' : '1150244K',
		cpuTimeUsed: slurmDuration(runMs(job, now) * job.nodes * job.procsPerNode),
		dcuNumReq: job.nodes * job.dcusPerNode,
		dcuNumUsed: job.startedAt === undefined ? 0 : job.nodes * job.dcusPerNode,
		gpuNumReq: job.nodes * job.gpusPerNode,
		gpuNumUsed: job.startedAt === undefined ? 0 : job.nodes * job.gpusPerNode,
		nodeNumReq: job.nodes,
		procNumReq: job.nodes * job.procsPerNode,
		wallTime: job.wallTime,
		outputPath: job.stdoutPath,
		errorPath: job.stderrPath,
		exitCode: job.exitCode === undefined ? null : `${job.exitCode}:0`,
		jobmanagerName: scheduler?.text ?? '',
		jobmanagerType: 'SLURM',
		// Slurm's own view; it does not lag, which is why a live client checks it.
		jobInitAttr: { JobState: slurmState(job.state), ExitCode: job.exitCode === undefined ? '0:0' : `${job.exitCode}:0` },
	};
}

/** One entry of `GET /historyjobs` (T: a live client's fields, plus those another client displays). */
export function historyEntry(job: HpcJob) {
	const waitMs = (job.startedAt ?? job.endedAt ?? job.submittedAt) - job.submittedAt;
	const ranMs = runMs(job, job.endedAt ?? job.submittedAt);
	return {
		jobId: job.id,
		jobName: job.name,
		jobState: job.state,
		queue: job.queue,
		userName: job.user,
		jobmanagerId: String(job.schedulerId),
		procNumUsed: job.nodes * job.procsPerNode,
		jobProcNum: job.nodes * job.procsPerNode,
		nodeUsed: nodesOf(job),
		nodect: job.nodes,
		jobQueueTime: time(job.submittedAt),
		jobStartTime: time(job.startedAt),
		jobEndTime: time(job.endedAt),
		// The accounting time the history detail call takes; a client expects it here.
		acctTime: time(job.endedAt),
		jobRunTime: slurmDuration(ranMs),
		jobWaitTime: Math.round(waitMs / 1000),
		jobWalltimeUsed: Math.round(ranMs / 1000),
		jobCpuTime: Math.round((ranMs / 1000) * job.nodes * job.procsPerNode),
		jobMemUsed: job.startedAt === undefined ? 0 : 217404,
		jobExitStatus: job.exitCode ?? null,
		workDir: job.workDir,
		reason: slurmReason(job.state),
		appType: 'BASE',
	};
}
