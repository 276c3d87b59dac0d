/**
 * The sandbox's notebook service: what the server calls for a notebook request (after checking
 * which host it came to and which token it carries, as the settings want), and the control tests
 * use as `sandbox.notebook`.
 */
import { envelope } from '../auth';
import { type FoundNotebookRoute, type NotebookAnswer, type NotebookRequest } from './routes';
import { NOTEBOOK_STATUSES, type HostKind, type NotebookSettings, type NotebookStatus, type TokenKind } from './settings';
import { NotebookStore, type SandboxNotebook } from './store';

export { findNotebookRoute, type FoundNotebookRoute } from './routes';
export type { HostKind, NotebookSettings, NotebookStatus, TokenKind } from './settings';
export type { SandboxNotebook } from './store';

/** `sandbox.notebook`: look at the notebooks, add one, move one by hand, change how the service behaves. */
export interface SandboxNotebooks {
	/** The account's notebooks by ID, each where time has taken it by now. */
	readonly notebooks: ReadonlyMap<string, SandboxNotebook>;
	readonly settings: Readonly<NotebookSettings>;
	/** Changes delays, hosts, tokens and the answers the reference leaves open until the next reset. */
	configure(patch: Partial<NotebookSettings>): void;
	/** A notebook of the account (Running unless `notebookStatus` says otherwise). */
	add(fields?: Partial<SandboxNotebook>): SandboxNotebook;
	/** Puts a notebook in a status now; its planned move is dropped. Throws for an unknown notebook or status. */
	setStatus(id: string, status: NotebookStatus): SandboxNotebook;
	/** Takes a notebook away at once, as if it had been released elsewhere (the console, another workflow). */
	remove(id: string): boolean;
}

const NOT_FOUND_PAGE: NotebookAnswer = { status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>' };

export class NotebookService implements SandboxNotebooks {
	private readonly store: NotebookStore;

	constructor(
		/** The account's region IDs, from the sign-in side: the first is the one notebooks are seeded in. */
		private readonly regions: () => string[],
		seeds: number,
		initial: Partial<NotebookSettings> = {},
	) {
		this.store = new NotebookStore(seeds, () => regions()[0] ?? '11112', initial);
	}

	get notebooks(): ReadonlyMap<string, SandboxNotebook> {
		this.store.settle();
		return this.store.notebooks;
	}

	get settings(): Readonly<NotebookSettings> {
		return this.store.settings;
	}

	configure(patch: Partial<NotebookSettings>): void {
		this.store.settings = { ...this.store.settings, ...patch };
	}

	add(fields: Partial<SandboxNotebook> = {}): SandboxNotebook {
		return this.store.add(fields);
	}

	setStatus(id: string, status: NotebookStatus): SandboxNotebook {
		if (!NOTEBOOK_STATUSES.includes(status)) throw new Error(`status must be one of ${NOTEBOOK_STATUSES.join(', ')}`);
		const notebook = this.store.setStatus(id, status);
		if (!notebook) throw new Error(`no notebook ${id}`);
		return notebook;
	}

	remove(id: string): boolean {
		return this.store.notebooks.delete(id);
	}

	/**
	 * The answer to a request for a found route: a bare 404 on a host that does not serve its
	 * family, code 10008 for a token it does not accept (`undefined`: none valid), else the handler's.
	 */
	answer(route: FoundNotebookRoute, host: HostKind, token: TokenKind | undefined, request: NotebookRequest): NotebookAnswer {
		const { hosts, tokens } = this.store.settings;
		if (!hosts[route.family].includes(host)) return NOT_FOUND_PAGE;
		if (token === undefined || !tokens[route.family].includes(token)) return { body: envelope('10008', '权限不足') };
		return route.handle(request, { store: this.store, regions: this.regions });
	}

	reset(): void {
		this.store.reset();
	}
}
