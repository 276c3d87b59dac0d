/**
 * The sandbox's containers and how they live: listing with SCNet's query fields, status changes
 * over time after start, stop and create, script runs. Everything the container routes answer
 * comes from here; the HTTP side is in server.ts.
 */
import { randomBytes } from 'node:crypto';

import { chinaTime, demoContainers, seedContainers, type SandboxContainer, type Status } from './containers';

/** How the list endpoints answer: the shapes SCNet might use, and the ways a server might fall short. */
export interface ListSettings {
	/** Which list forms exist: `…/task/list` and/or `…/task` (GET); a missing one answers 404. */
	paths: Array<'task/list' | 'task'>;
	/** Where the containers sit in `data`: the array itself, or under one of these keys. */
	shape: 'array' | 'list' | 'records' | 'rows' | 'items' | 'content';
	/** Whether an object-shaped `data` carries `total`. */
	total: boolean;
	/** The ID field of each entry. */
	idField: 'id' | 'instanceServiceId';
	/** The most entries one page holds, whatever `limit` asks for. */
	pageCap: number;
	/** Answer the first page whatever `start` says. */
	ignoresStart: boolean;
	/** Ignore `status`, `taskType` and `instanceServiceName`. */
	ignoresFilters: boolean;
}

export interface LifecycleSettings {
	/** How long a started or created container stays `Waiting`/`Deploying` before it runs. */
	startDelayMs: number;
	/** Containers that end `Failed` instead of `Running` when started. */
	failOnStart: string[];
}

const defaultListSettings = (): ListSettings => ({
	paths: ['task/list', 'task'],
	shape: 'records',
	total: true,
	idField: 'id',
	pageCap: 20,
	ignoresStart: false,
	ignoresFilters: false,
});

export const RESOURCE_GROUPS = ['TeslaM40', 'DCU-K100'];

export const IMAGES = [
	{ imagePath: '10.0.35.26:5000/gpu/admin/base/jupyter:4.4-py3.7-cpu', version: 'jupyter:4.4-py3.7-cpu', acceleratorType: 'gpu', imageType: 'JupyterLab' },
	{ imagePath: '10.0.35.26:5000/gpu/admin/base/pytorch:2.1-py3.10-cuda12', version: 'pytorch:2.1-py3.10-cuda12', acceleratorType: 'gpu', imageType: 'Base' },
	{ imagePath: '10.0.35.26:5000/dcu/admin/base/pytorch:2.1-dtk24', version: 'pytorch:2.1-dtk24', acceleratorType: 'dcu', imageType: 'Base' },
];

/** How a delete or stop that includes a poisoned container ID fails. */
export interface Poison {
	code: string;
	msg: string;
}

/** A script SCNet was asked to run, as it arrived. */
export interface ScriptRun {
	id: string;
	startScriptContent: string;
	startScriptActionScope: string;
}

export class ContainerStore {
	readonly containers = new Map<string, SandboxContainer>();

	readonly scriptRuns: ScriptRun[] = [];

	/** How many times each container was deleted (more than once would be a bug of the caller's). */
	readonly deletions = new Map<string, number>();

	list: ListSettings = defaultListSettings();

	lifecycle: LifecycleSettings;

	/** Status changes due later: container ID → the status and when. */
	private readonly pending = new Map<string, { status: Status; at: number }>();

	/** Container IDs whose delete or stop fails as a whole: ID → the failure. */
	private readonly poisoned = new Map<string, Poison>();

	constructor(
		private readonly seedCount: number,
		private readonly demo: boolean,
		private readonly initialLifecycle: LifecycleSettings,
	) {
		this.lifecycle = { ...initialLifecycle };
		this.reset();
	}

	reset(): void {
		this.containers.clear();
		this.pending.clear();
		this.scriptRuns.length = 0;
		this.deletions.clear();
		this.poisoned.clear();
		this.list = defaultListSettings();
		this.lifecycle = { ...this.initialLifecycle, failOnStart: [...this.initialLifecycle.failOnStart] };
		for (const container of seedContainers(this.seedCount)) this.containers.set(container.id, container);
		if (this.demo) for (const container of demoContainers()) this.containers.set(container.id, container);
	}

	/** Applies the status changes that are due. */
	settle(now = Date.now()): void {
		for (const [id, change] of this.pending) {
			if (change.at > now) continue;
			const container = this.containers.get(id);
			if (container) {
				container.status = change.status;
				if (change.status === 'Running') container.startTime = chinaTime(change.at);
			}
			this.pending.delete(id);
		}
	}

	get(id: string): SandboxContainer | undefined {
		this.settle();
		return this.containers.get(id);
	}

	/** Newest first, filtered as SCNet's list fields say (unless the server is set to ignore them). */
	query(fields: { status?: string; taskType?: string; instanceServiceName?: string }): SandboxContainer[] {
		this.settle();
		const all = [...this.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));
		if (this.list.ignoresFilters) return all;
		return all.filter(
			(container) =>
				(!fields.status || container.status === fields.status) &&
				(!fields.taskType || container.taskType === fields.taskType) &&
				(!fields.instanceServiceName || container.instanceServiceName.includes(fields.instanceServiceName)),
		);
	}

	/** Start (restart): `Waiting`, then `Running` (or `Failed`) after the start delay. */
	start(id: string): void {
		const container = this.get(id) as SandboxContainer;
		container.status = 'Waiting';
		const outcome: Status = this.lifecycle.failOnStart.includes(id) ? 'Failed' : 'Running';
		this.pending.set(id, { status: outcome, at: Date.now() + this.lifecycle.startDelayMs });
	}

	stop(id: string): void {
		const container = this.get(id) as SandboxContainer;
		this.pending.delete(id);
		container.status = 'Terminated';
		container.endTime = chinaTime(Date.now());
	}

	/** A new container from a create request's body: `Deploying`, then `Running` after the start delay. */
	create(body: Record<string, unknown>): SandboxContainer {
		const id = randomBytes(16).toString('hex');
		const container: SandboxContainer = {
			id,
			instanceServiceName: String(body.instanceServiceName),
			status: 'Deploying',
			taskType: body.taskType as SandboxContainer['taskType'],
			createTime: chinaTime(Date.now()),
			acceleratorType: String(body.acceleratorType),
			resourceGroup: String(body.resourceGroup),
			imagePath: String(body.imagePath),
			version: String(body.version),
			cpuNumber: Number(body.cpuNumber),
			gpuNumber: Number(body.gpuNumber),
			ramSize: Number(body.ramSize),
			taskNumber: Number(body.taskNumber),
			timeoutLimit: String(body.timeoutLimit),
			description: typeof body.description === 'string' ? body.description : '',
		};
		this.containers.set(id, container);
		this.pending.set(id, { status: 'Running', at: Date.now() + this.lifecycle.startDelayMs });
		return container;
	}

	/** Sets a container's status at once, as if the platform had moved it (a run ends, fails, starts). */
	setStatus(id: string, status: Status): SandboxContainer | undefined {
		const container = this.get(id);
		if (!container) return undefined;
		this.pending.delete(id);
		container.status = status;
		if (status === 'Running') container.startTime = chinaTime(Date.now());
		if (status !== 'Running' && container.startTime) container.endTime = chinaTime(Date.now());
		return container;
	}

	/** Every delete or stop that includes one of `ids` fails as a whole with `code`, changing nothing. */
	poison(ids: readonly string[], code: string, msg: string): void {
		for (const id of ids) this.poisoned.set(id, { code, msg });
	}

	/** The failure of the first poisoned one of `ids`, if any. */
	poisonOf(ids: readonly string[]): Poison | undefined {
		return ids.map((id) => this.poisoned.get(id)).find(Boolean);
	}

	remove(ids: readonly string[]): void {
		for (const id of ids) {
			this.deletions.set(id, (this.deletions.get(id) ?? 0) + 1);
			this.containers.delete(id);
			this.pending.delete(id);
		}
	}
}
