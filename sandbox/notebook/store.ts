/**
 * The sandbox's notebooks and how they live: created (`Creating`, then `Running`), started
 * (`Restarting`, then `Running`), stopped (`Shutting`, then `Terminated`), released (gone), on the
 * delays the settings give, or moved by hand with `setStatus`. Moves are computed from timestamps
 * when read (no timers), so nothing needs stopping when the sandbox closes.
 */
import { createHash, randomBytes } from 'node:crypto';

import { chinaTime } from '../containers';
import { defaultNotebookSettings, type NotebookSettings, type NotebookStatus } from './settings';

export interface SandboxNotebook {
	id: string;
	notebookName: string;
	notebookStatus: NotebookStatus;
	clusterId: string;
	imagePath: string;
	imageName: string;
	imageSize?: string;
	acceleratorType: string;
	acceleratorNumber: string;
	resourceGroupCode?: string;
	mountHome: boolean;
	startCommand?: string;
	mountInfo?: unknown[];
	cpuNumber: string;
	ramSize: string;
	/** A secret of the notebook's own, which its detail (and the list) carries, as SCNet's console objects do. */
	sshPassword: string;
	/** Changes on every start (a live client saw it). */
	taskId: string;
	createTime: string;
	startTime: string | null;
	/** What the last stop asked for: keep the environment's changes. */
	savedEnv?: boolean;
	/** The move still ahead, and when it is due (epoch ms). */
	plan?: { to: NotebookStatus; at: number };
}

/** The ID of the n-th notebook (seeded or created): 32 hex characters, the same on every run. */
export function notebookId(n: number): string {
	return createHash('md5').update(`sandbox-notebook-${n}`).digest('hex');
}

/** An image whose path holds this has not been synced to the region: its notebook ends `Failed` (as a live client saw: 镜像拉取失败). */
export const UNSYNCED_IMAGE_MARK = 'not-synced';

const SEED_STATUSES: NotebookStatus[] = ['Running', 'Terminated', 'Failed'];
export const SANDBOX_IMAGE = 'image.ac.com:5000/dcu/admin/base/jupyterlab-pytorch:2.1.0-ubuntu20.04-dtk24.04.1-py3.10';

export class NotebookStore {
	readonly notebooks = new Map<string, SandboxNotebook>();

	settings: NotebookSettings;

	private next = 0;

	constructor(
		private readonly seeds: number,
		private readonly region: () => string,
		private readonly initial: Partial<NotebookSettings> = {},
	) {
		this.settings = { ...defaultNotebookSettings(), ...initial };
		this.seed();
	}

	reset(): void {
		this.notebooks.clear();
		this.next = 0;
		this.settings = { ...defaultNotebookSettings(), ...this.initial };
		this.seed();
	}

	/** A notebook of the account, in `status` (Running unless given), with the fields a test gives. */
	add(fields: Partial<SandboxNotebook> = {}, now = Date.now()): SandboxNotebook {
		const n = this.next++;
		const imagePath = fields.imagePath ?? SANDBOX_IMAGE;
		const notebook: SandboxNotebook = {
			id: notebookId(n),
			notebookName: `notebook-${String(20261100 + n)}`,
			notebookStatus: 'Running',
			clusterId: this.region(),
			imagePath,
			imageName: imagePath.split('/').pop() ?? imagePath,
			acceleratorType: 'DCU',
			acceleratorNumber: '1',
			resourceGroupCode: 'ks100ksa048d1a0',
			mountHome: true,
			cpuNumber: '15核',
			ramSize: '120GB',
			sshPassword: randomBytes(9).toString('base64url'),
			taskId: String(700000 + n),
			// Newest first by creation, as the list orders them: a later notebook is a minute younger.
			createTime: chinaTime(now - 86400000 + n * 60000),
			startTime: null,
			...fields,
		};
		if (notebook.notebookStatus === 'Running') notebook.startTime ??= notebook.createTime;
		this.notebooks.set(notebook.id, notebook);
		return notebook;
	}

	/** Moves every notebook on to where its plan has it by `now`. */
	settle(now = Date.now()): void {
		for (const notebook of this.notebooks.values()) {
			if (!notebook.plan || now < notebook.plan.at) continue;
			notebook.notebookStatus = notebook.plan.to;
			if (notebook.plan.to === 'Running') notebook.startTime = chinaTime(notebook.plan.at);
			notebook.plan = undefined;
		}
	}

	get(id: string, now = Date.now()): SandboxNotebook | undefined {
		this.settle(now);
		return this.notebooks.get(id);
	}

	/** Newest first. */
	all(now = Date.now()): SandboxNotebook[] {
		this.settle(now);
		return [...this.notebooks.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));
	}

	/** Puts a notebook in a status at once, as if SCNet had moved it; its planned move is dropped. */
	setStatus(id: string, status: NotebookStatus): SandboxNotebook | undefined {
		const notebook = this.get(id);
		if (!notebook) return undefined;
		notebook.notebookStatus = status;
		notebook.plan = undefined;
		return notebook;
	}

	/** A new notebook, `Creating` until it runs (or fails, for an image not synced to the region). */
	create(fields: Omit<SandboxNotebook, 'id' | 'notebookName' | 'notebookStatus' | 'cpuNumber' | 'ramSize' | 'sshPassword' | 'taskId' | 'createTime' | 'startTime'>, now = Date.now()): SandboxNotebook {
		const notebook = this.add({ ...fields, notebookStatus: 'Creating', createTime: chinaTime(now) }, now);
		notebook.plan = { to: fields.imagePath.includes(UNSYNCED_IMAGE_MARK) ? 'Failed' : 'Running', at: now + this.settings.createDelayMs };
		return notebook;
	}

	/** Powers it on: `Restarting`, then `Running`; with a new task. */
	start(notebook: SandboxNotebook, now = Date.now()): void {
		notebook.notebookStatus = 'Restarting';
		notebook.taskId = String(Number(notebook.taskId) + 1000);
		notebook.plan = { to: 'Running', at: now + this.settings.startDelayMs };
	}

	/** Powers it off: `Shutting`, then `Terminated`. */
	stop(notebook: SandboxNotebook, saveEnv: boolean, now = Date.now()): void {
		notebook.notebookStatus = 'Shutting';
		notebook.savedEnv = saveEnv;
		notebook.plan = { to: 'Terminated', at: now + this.settings.stopDelayMs };
	}

	private seed(): void {
		for (let n = 0; n < this.seeds; n++) this.add({ notebookStatus: SEED_STATUSES[n % SEED_STATUSES.length] });
	}
}
