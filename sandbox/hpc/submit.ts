/**
 * Reads a submission (`POST /apptemplates/BASIC/BASE/job`, JSON, reference §2.4) into a job, or
 * refuses it: `10003` for a missing field, `10004` for a malformed one (the generic codes; the
 * page's error table is cut off), and what Slurm would refuse as code `10001` with Slurm's text in
 * `msg`, the way a live client saw scheduler errors come back (the code itself is a guess).
 */
import { queueOf, schedulerOf, type HpcQueue } from './cluster';
import { fail, invalid, missing, type HpcAnswer } from './exchange';
import type { JobSpec } from './store';

const REQUIRED = ['GAP_CMD_FILE', 'GAP_SUBMIT_TYPE', 'GAP_JOB_NAME', 'GAP_WORK_DIR', 'GAP_QUEUE', 'GAP_WALL_TIME', 'GAP_APPNAME'];
/** Counts that may be empty but, when given, are whole numbers. */
const COUNTS = ['GAP_NNODE', 'GAP_NPROC', 'GAP_PPN', 'GAP_NGPU', 'GAP_NDCU'];
const WALL_TIME = /^(\d{1,4}):([0-5]\d):([0-5]\d)$/;

export const SLURM_REFUSALS = {
	partition: 'sbatch: error: Batch job submission failed: Invalid partition name specified',
	timeLimit: 'sbatch: error: Batch job submission failed: Requested time limit is invalid (missing or exceeds some limit)',
	nodes: 'sbatch: error: Batch job submission failed: Requested node configuration is not available',
	/** Verbatim from a live client on a DCU queue asked for no DCU. */
	noDcu: 'QOSMinGRES min tres(gres/dcu) request 0 exceeds per-job max tres limit 1',
};

const refused = (text: string) => fail('10001', text);

/** The job a submission asks for, or the answer that refuses it. */
export function readSubmission(body: unknown, user: string): JobSpec | HpcAnswer {
	const { strJobManagerID, mapAppJobInfo } = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
	if (strJobManagerID === undefined || strJobManagerID === null || strJobManagerID === '') return missing('strJobManagerID');
	// The page types it Long; clients send a number or a string, and both work.
	const scheduler = schedulerOf(strJobManagerID);
	if (!scheduler || (typeof strJobManagerID !== 'number' && typeof strJobManagerID !== 'string')) return invalid('strJobManagerID');
	if (!mapAppJobInfo || typeof mapAppJobInfo !== 'object' || Array.isArray(mapAppJobInfo)) return missing('mapAppJobInfo');
	const info = mapAppJobInfo as Record<string, unknown>;
	// Every value is text on the page; a number here is a client bug the sandbox should show.
	const notText = Object.keys(info).find((key) => typeof info[key] !== 'string');
	if (notText) return invalid(notText);
	const field = (name: string) => ((info[name] as string | undefined) ?? '').trim();

	const absent = REQUIRED.find((name) => field(name) === '');
	if (absent) return missing(absent);
	if (field('GAP_SUBMIT_TYPE') !== 'cmd') return invalid('GAP_SUBMIT_TYPE');
	if (field('GAP_APPNAME') !== 'BASE') return invalid('GAP_APPNAME');
	if (!field('GAP_WORK_DIR').startsWith('/')) return invalid('GAP_WORK_DIR');
	const wall = WALL_TIME.exec(field('GAP_WALL_TIME'));
	if (!wall) return invalid('GAP_WALL_TIME');
	const badCount = COUNTS.find((name) => field(name) !== '' && !/^\d+$/.test(field(name)));
	if (badCount) return invalid(badCount);
	// Exactly one of a node count and a node list; either the total cores or the cores per node.
	if ((field('GAP_NNODE') === '') === (field('GAP_NODE_STRING') === '')) return field('GAP_NNODE') === '' ? missing('GAP_NNODE') : invalid('GAP_NODE_STRING');
	if (field('GAP_NPROC') !== '' && field('GAP_PPN') !== '') return invalid('GAP_NPROC');

	const queue = queueOf(scheduler.id, field('GAP_QUEUE'));
	if (!queue) return refused(SLURM_REFUSALS.partition);
	const nodeList = field('GAP_NODE_STRING') === '' ? [] : field('GAP_NODE_STRING').split(',').map((node) => node.trim());
	const nodes = nodeList.length || Number(field('GAP_NNODE'));
	const procsPerNode = Number(field('GAP_PPN')) || Math.ceil(Number(field('GAP_NPROC') || 1) / Math.max(1, nodes));
	const dcusPerNode = Number(field('GAP_NDCU'));
	const wallSeconds = Number(wall[1]) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
	const refusal = slurmRefusal(queue, { nodes, nodeList, procsPerNode, dcusPerNode, wallSeconds });
	if (refusal) return refused(refusal);

	const workDir = field('GAP_WORK_DIR');
	// Without --error Slurm writes stderr into the stdout file, and that defaults to slurm-%j.out.
	const stdoutTemplate = field('GAP_STD_OUT_FILE') || `${workDir}/slurm-%j.out`;
	return {
		schedulerId: scheduler.id,
		user,
		name: field('GAP_JOB_NAME'),
		queue: queue.name,
		workDir,
		wallTime: field('GAP_WALL_TIME'),
		wallSeconds,
		nodes,
		procsPerNode,
		dcusPerNode,
		gpusPerNode: Number(field('GAP_NGPU')),
		// Not trimmed: the script is the user's, line breaks and all.
		command: info.GAP_CMD_FILE as string,
		stdoutTemplate,
		stderrTemplate: field('GAP_STD_ERR_FILE') || stdoutTemplate,
	};
}

interface Asked {
	nodes: number;
	nodeList: string[];
	procsPerNode: number;
	dcusPerNode: number;
	wallSeconds: number;
}

/** What Slurm says to a job its queue cannot take, if anything. */
function slurmRefusal(queue: HpcQueue, asked: Asked): string | undefined {
	if (asked.dcusPerNode < queue.minDcus) return SLURM_REFUSALS.noDcu;
	if (asked.wallSeconds === 0 || asked.wallSeconds > queue.maxWallSeconds) return SLURM_REFUSALS.timeLimit;
	const unknownNode = asked.nodeList.some((node) => !queue.nodes.includes(node));
	if (asked.nodes < 1 || asked.nodes > queue.nodes.length || unknownNode) return SLURM_REFUSALS.nodes;
	if (asked.procsPerNode > queue.coresPerNode || asked.dcusPerNode > queue.dcusPerNode) return SLURM_REFUSALS.nodes;
	return undefined;
}
