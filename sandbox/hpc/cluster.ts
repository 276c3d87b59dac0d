/**
 * The sandbox region's schedulers and their queues. Two schedulers, because a region may have
 * several and the node must let the user pick one (reference §2.2); IDs and names are the ones
 * the reference quotes, so answers look like the pages' examples.
 */

/** One entry of `GET /hpc/openapi/v2/cluster`, with the capitalised keys the official table shows (C). */
export interface HpcScheduler {
	id: number;
	/** The cluster's name; the reference has no `name` field here. */
	text: string;
	JobManagerType: 'SLURM';
	JobManagerAddr: string;
	JobManagerPort: string;
}

export interface HpcQueue {
	name: string;
	/** DCUs a job must ask for per node: the QOS of a DCU queue refuses a job that asks for none. */
	minDcus: number;
	/** The longest wall time the queue allows, in seconds. */
	maxWallSeconds: number;
	nodes: string[];
	coresPerNode: number;
	dcusPerNode: number;
}

export const SCHEDULERS: readonly HpcScheduler[] = [
	{ id: 1638523853, text: 'Cluster', JobManagerType: 'SLURM', JobManagerAddr: '10.8.150.45', JobManagerPort: '9091' },
	{ id: 1768486376, text: 'cluster_zz_2', JobManagerType: 'SLURM', JobManagerAddr: '10.8.151.12', JobManagerPort: '9091' },
];

const DAY = 24 * 3600;
const cpuQueue = (name: string, nodes: string[], maxWallSeconds = 7 * DAY): HpcQueue => ({ name, minDcus: 0, maxWallSeconds, nodes, coresPerNode: 32, dcusPerNode: 0 });
const dcuQueue = (name: string, nodes: string[]): HpcQueue => ({ name, minDcus: 1, maxWallSeconds: 7 * DAY, nodes, coresPerNode: 32, dcusPerNode: 4 });

/** Queue names from the reference (§2.3): CPU and DCU queues, and a short `debug` one. */
const QUEUES: Record<number, readonly HpcQueue[]> = {
	1638523853: [
		cpuQueue('debug', ['h04r3n07', 'h04r3n08'], 30 * 60),
		cpuQueue('kshcnormal', ['h05r1n01', 'h05r1n02', 'h05r1n03']),
		dcuQueue('kshdnormal', ['h06r2n01', 'h06r2n02']),
	],
	1768486376: [cpuQueue('comp', ['c01r1n01', 'c01r1n02']), dcuQueue('hx1hdnormal', ['d01r1n01'])],
};

export const schedulerOf = (id: unknown): HpcScheduler | undefined => SCHEDULERS.find((scheduler) => String(scheduler.id) === String(id ?? '').trim());

export const queuesOf = (schedulerId: number): readonly HpcQueue[] => QUEUES[schedulerId] ?? [];

export const queueOf = (schedulerId: number, name: string): HpcQueue | undefined => queuesOf(schedulerId).find((queue) => queue.name === name);

/**
 * A queue as `GET /queuenames/users/{user}` lists it: `id`, `text`, `aclHosts`, `queNodes` are on
 * the official page (C, partial); the `que*` limits are what a third-party client reads (T).
 * Numbers are sent as text, which is how SCNet writes most numbers (a guess here).
 */
export function queueEntry(queue: HpcQueue) {
	return {
		id: queue.name,
		text: queue.name,
		queueName: queue.name,
		aclHosts: queue.nodes.join(','),
		queNodes: queue.nodes.join(','),
		queFreeNodes: String(queue.nodes.length),
		queNcpus: String(queue.nodes.length * queue.coresPerNode),
		queFreeNcpus: String(queue.nodes.length * queue.coresPerNode),
		queMaxNcpus: String(queue.nodes.length * queue.coresPerNode),
		queMaxPPN: String(queue.coresPerNode),
		queMaxNodect: String(queue.nodes.length),
		queMaxWalltime: String(queue.maxWallSeconds),
		queMaxGpuPN: '0',
		queMaxDcuPN: String(queue.dcusPerNode),
		queChargeRate: queue.dcusPerNode > 0 ? '2.0' : '1.0',
	};
}
