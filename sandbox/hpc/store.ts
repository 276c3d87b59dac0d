/**
 * The sandbox's Slurm jobs and how they live: queued, then running, then completed, failed or
 * timed out, on the delays the settings give; moved by hand with `setState`. Finished jobs stay
 * in the realtime list for a while, then only history has them. Everything is computed from
 * timestamps when read (no timers), so nothing needs stopping when the sandbox closes.
 */
import { OutputFile, runScript, type ScriptOutput, type Stream } from './script';
import { defaultHpcSettings, type HpcSettings } from './settings';
import { isQueued, isTerminal, type RawState } from './states';

/** What a submission asked for, as the submit route read it. */
export interface JobSpec {
	schedulerId: number;
	/** The cluster user that submitted it. */
	user: string;
	name: string;
	queue: string;
	workDir: string;
	/** `GAP_WALL_TIME` as sent (`HH:MM:SS`), and in seconds. */
	wallTime: string;
	wallSeconds: number;
	nodes: number;
	procsPerNode: number;
	dcusPerNode: number;
	gpusPerNode: number;
	command: string;
	/** `GAP_STD_OUT_FILE` / `GAP_STD_ERR_FILE` as sent (with `%j`), or Slurm's default. */
	stdoutTemplate: string;
	stderrTemplate: string;
}

export interface HpcJob extends JobSpec {
	id: string;
	state: RawState;
	/** The output file paths, `%j` replaced by the job ID as Slurm does. */
	stdoutPath: string;
	stderrPath: string;
	submittedAt: number;
	startedAt?: number;
	endedAt?: number;
	/** Set when it finished: 0, the script's `exit` code, or 143 (killed by SIGTERM, as a shell says) when cancelled or timed out. */
	exitCode?: number;
	/** What the script prints; its files fill as it runs. */
	readonly output: ScriptOutput;
	/** The automatic life still ahead; gone once the job ends or is moved by hand. */
	plan?: { startAt: number; runMs: number; endAt: number; timedOut: boolean };
	/** The share (0–1) of its output written when it stopped writing (finished, or moved by hand). */
	writtenShare?: number;
}

/** A job's output file, as far as it is written. */
export interface JobFile {
	job: HpcJob;
	file: OutputFile;
	/** Lines written so far. */
	written: number;
}

/** The first job ID, from a live job the reference quotes, so IDs look like the platform's. */
const FIRST_JOB_ID = 834040;
const KILLED = 143;

export class HpcStore {
	readonly jobs = new Map<string, HpcJob>();

	settings: HpcSettings;

	private nextId = FIRST_JOB_ID;

	constructor(private readonly initial: Partial<HpcSettings> = {}) {
		this.settings = { ...defaultHpcSettings(), ...initial };
	}

	reset(): void {
		this.jobs.clear();
		this.nextId = FIRST_JOB_ID;
		this.settings = { ...defaultHpcSettings(), ...this.initial };
	}

	submit(spec: JobSpec, now = Date.now()): HpcJob {
		const id = String(this.nextId++);
		const { queueDelayMs, runDelayMs } = this.settings;
		const startAt = now + queueDelayMs;
		const timedOut = spec.wallSeconds * 1000 < runDelayMs;
		const job: HpcJob = {
			...spec,
			id,
			state: 'statQ',
			stdoutPath: spec.stdoutTemplate.replace(/%j/g, id),
			stderrPath: spec.stderrTemplate.replace(/%j/g, id),
			submittedAt: now,
			output: runScript(spec.command),
			plan: { startAt, runMs: runDelayMs, endAt: startAt + (timedOut ? spec.wallSeconds * 1000 : runDelayMs), timedOut },
		};
		this.jobs.set(id, job);
		return job;
	}

	/** Moves every job on to where its plan has it by `now`, with the times the moves were due. */
	settle(now = Date.now()): void {
		for (const job of this.jobs.values()) {
			const { plan } = job;
			if (!plan) continue;
			if (now >= plan.startAt && isQueued(job.state)) {
				job.state = 'statR';
				job.startedAt = plan.startAt;
			}
			if (now < plan.endAt) continue;
			if (plan.timedOut) this.finish(job, 'statT', plan.endAt, (plan.endAt - plan.startAt) / plan.runMs);
			else this.finish(job, job.output.exitCode === 0 ? 'statC' : this.settings.failedState, plan.endAt, 1);
		}
	}

	get(id: string, now = Date.now()): HpcJob | undefined {
		this.settle(now);
		return this.jobs.get(id);
	}

	/** Jobs newest first. */
	all(now = Date.now()): HpcJob[] {
		this.settle(now);
		return [...this.jobs.values()].sort((a, b) => Number(b.id) - Number(a.id));
	}

	/** Whether `GET /jobs` still lists it: until `realtimeRetentionMs` after it finished. */
	inRealtime(job: HpcJob, now = Date.now()): boolean {
		return job.endedAt === undefined || now < job.endedAt + this.settings.realtimeRetentionMs;
	}

	/** Whether `GET /historyjobs` has it: from `historyDelayMs` after it finished. */
	inHistory(job: HpcJob, now = Date.now()): boolean {
		return job.endedAt !== undefined && now >= job.endedAt + this.settings.historyDelayMs;
	}

	/**
	 * Puts a job in a state at once, as if the scheduler had moved it, and stops its automatic life.
	 * A finished state ends it now (all its output written if `statC`, what was written so far
	 * otherwise; a queued job counts as started now, except when cancelled, so its files exist); a
	 * queued state takes it back to the queue; any other keeps it running, its files as they are.
	 */
	setState(id: string, state: RawState, now = Date.now()): HpcJob | undefined {
		const job = this.get(id, now);
		if (!job) return undefined;
		const share = this.share(job, now);
		job.plan = undefined;
		if (isTerminal(state)) {
			if (state !== 'statDE') job.startedAt ??= now;
			return this.finish(job, state, now, state === 'statC' ? 1 : share);
		}
		job.state = state;
		job.endedAt = undefined;
		job.exitCode = undefined;
		job.writtenShare = share;
		if (isQueued(state)) job.startedAt = undefined;
		else job.startedAt ??= now;
		return job;
	}

	/** The job file at `path` (the newest job's, if several wrote there), once its job has started. */
	file(path: string, now = Date.now()): JobFile | undefined {
		for (const job of this.all(now)) {
			if (job.startedAt === undefined) continue;
			const streams: Stream[] = [];
			if (job.stdoutPath === path) streams.push('stdout');
			if (job.stderrPath === path) streams.push('stderr');
			if (streams.length === 0) continue;
			const file = new OutputFile(job.output, streams);
			return { job, file, written: Math.floor(file.lineCount * this.share(job, now)) };
		}
		return undefined;
	}

	private finish(job: HpcJob, state: RawState, at: number, share: number): HpcJob {
		job.state = state;
		job.endedAt = at;
		job.plan = undefined;
		job.writtenShare = share;
		job.exitCode = state === 'statC' ? 0 : state === 'statDE' || state === 'statT' ? KILLED : job.output.exitCode || 1;
		return job;
	}

	/** How much of its output a job has written: by the time it has run, while its plan runs it. */
	private share(job: HpcJob, now: number): number {
		if (job.writtenShare !== undefined) return job.writtenShare;
		const { plan } = job;
		if (!plan || job.startedAt === undefined) return 0;
		return Math.min(1, Math.max(0, (now - plan.startAt) / plan.runMs));
	}
}
