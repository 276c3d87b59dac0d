/**
 * The sandbox's HPC (Slurm job) service: what the server calls for a `/hpc/openapi/v2` request,
 * and the control tests use as `sandbox.hpc`.
 */
import { SCHEDULERS, type HpcScheduler } from './cluster';
import type { HpcAnswer, HpcRequest } from './exchange';
import type { FoundHpcRoute } from './routes';
import type { HpcSettings } from './settings';
import { isRawState, RAW_STATES, type RawState } from './states';
import { HpcStore, type HpcJob } from './store';

export { findHpcRoute, type FoundHpcRoute } from './routes';
export type { HpcSettings } from './settings';
export type { HpcJob } from './store';
export type { RawState } from './states';

/** `sandbox.hpc`: look at the jobs, change how the service behaves, move a job by hand. */
export interface SandboxHpc {
	/** Every job submitted since the last reset, by ID, each where time has taken it by now. */
	readonly jobs: ReadonlyMap<string, HpcJob>;
	/** The region's schedulers, as `GET /cluster` lists them. */
	readonly schedulers: readonly HpcScheduler[];
	/** The settings in force (change them with `configure`). */
	readonly settings: Readonly<HpcSettings>;
	/**
	 * Changes delays, retention and the answers the reference leaves open (a missing job's detail,
	 * the cancel's encoding, history's scheduler parameter, …) until the next reset.
	 */
	configure(patch: Partial<HpcSettings>): void;
	/**
	 * Puts a job in a raw state now, as the scheduler might (`statC` finishes it with all its
	 * output, `statE` fails it with what it wrote so far, `statR` runs it), so a test need not
	 * wait; the job then moves no more by itself. Throws for an unknown job or state.
	 */
	setState(jobId: string, state: RawState): HpcJob;
}

export class HpcService implements SandboxHpc {
	readonly schedulers = SCHEDULERS;

	private readonly store: HpcStore;

	constructor(
		/** The cluster user, who submits and owns jobs: region discovery's `clusterUserInfo.userName`. */
		private readonly clusterUser: () => string,
		initial: Partial<HpcSettings> = {},
	) {
		this.store = new HpcStore(initial);
	}

	get jobs(): ReadonlyMap<string, HpcJob> {
		this.store.settle();
		return this.store.jobs;
	}

	get settings(): Readonly<HpcSettings> {
		return this.store.settings;
	}

	configure(patch: Partial<HpcSettings>): void {
		this.store.settings = { ...this.store.settings, ...patch };
	}

	setState(jobId: string, state: RawState): HpcJob {
		if (!isRawState(state)) throw new Error(`state must be one of ${RAW_STATES.join(', ')}`);
		const job = this.store.setState(jobId, state);
		if (!job) throw new Error(`no job ${jobId}`);
		return job;
	}

	/** The answer to a request for a found route (its token already checked). */
	answer(route: FoundHpcRoute, request: Omit<HpcRequest, 'pathParams'>): HpcAnswer {
		return route.handle({ ...request, pathParams: route.pathParams }, { store: this.store, clusterUser: this.clusterUser });
	}

	/**
	 * The output files of the jobs that have started, as written so far (a job's stdout and stderr
	 * may share one): for the file service, where a workflow downloads them. Files of more than
	 * `maxLines` lines are left out (a test's million-line output stays virtual).
	 */
	outputFiles(maxLines = 100000): Array<{ path: string; text: string }> {
		const paths = new Set([...this.jobs.values()].filter((job) => job.startedAt !== undefined).flatMap((job) => [job.stdoutPath, job.stderrPath]));
		return [...paths].flatMap((path) => {
			const found = this.store.file(path);
			if (!found || found.written > maxLines) return [];
			const lines = found.file.lines(0, found.written);
			return [{ path, text: lines.length === 0 ? '' : `${lines.join('\n')}\n` }];
		});
	}

	/** Forgets every job and restores the settings the sandbox started with. */
	reset(): void {
		this.store.reset();
	}
}
