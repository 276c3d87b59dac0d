import { entriesOf, textAt } from '../helpers/entries';
import type { RequestSettings, ScnetClient } from '../transport';
import { HPC } from '../transport/endpoints';
import type { ScnetFailure } from '../transport/errorCodes';

/** A Slurm scheduler of the region, as `GET /hpc/openapi/v2/cluster` lists it. */
export interface Scheduler {
	/** Its ID, which every job call names (`strJobManagerID`, `strClusterIDList`, …). */
	id: string;
	name: string;
	type: string;
}

/** Reads the scheduler list (`id`, `text`, `JobManagerType`; the keys are capitalised in the docs). */
export function readSchedulers(data: unknown): Scheduler[] {
	return entriesOf(data).flatMap((entry) => {
		const id = textAt(entry, ['id', 'jobManagerId', 'JobManagerID']);
		if (id === undefined) return [];
		return [{ id, name: textAt(entry, ['text', 'name', 'JobManagerName']) ?? id, type: textAt(entry, ['JobManagerType', 'jobManagerType']) ?? '' }];
	});
}

/**
 * What every job operation needs of the HPC side, read once per execution: the region's
 * schedulers (which also signs in, so the session's cluster user and home are known after it).
 */
export class HpcAccount {
	private constructor(
		readonly client: ScnetClient,
		readonly schedulers: Scheduler[],
	) {}

	/** Lists the schedulers; the failure when that cannot be done (no HPC service, a refused token, …). */
	static async open(client: ScnetClient, settings: RequestSettings): Promise<HpcAccount | { failure: ScnetFailure }> {
		const result = await client.request('hpc', 'GET', HPC.schedulers, {}, settings);
		if (!result.ok) return { failure: result.failure };
		return new HpcAccount(client, readSchedulers(result.data));
	}

	/**
	 * The scheduler a parameter names: its ID, or its name as the list shows it; empty for the
	 * first one listed. Undefined when the region has none of that ID or name (or none at all).
	 */
	scheduler(value: string): Scheduler | undefined {
		const wanted = value.trim();
		if (wanted === '') return this.schedulers[0];
		return this.schedulers.find((scheduler) => scheduler.id === wanted) ?? this.schedulers.find((scheduler) => scheduler.name.toLowerCase() === wanted.toLowerCase());
	}

	/** The cluster user the job calls name (see `ScnetClient.clusterUser`): known once the schedulers were read. */
	get clusterUser(): string | undefined {
		return this.client.clusterUser;
	}

	get homePath(): string | undefined {
		return this.client.homePath;
	}
}

/** The failure of a job call that needs the cluster user when SCNet did not say who it is. */
export const NO_CLUSTER_USER: ScnetFailure = {
	code: 'NO_CLUSTER_USER',
	message: 'SCNet did not say which cluster user runs your jobs',
	description:
		"Region discovery and the token named no cluster user. Enter it in the SCNet API credential's 'Cluster User' (the Linux user your jobs run as, shown in the SCNet console).",
	scope: 'account',
	unsent: true,
};
