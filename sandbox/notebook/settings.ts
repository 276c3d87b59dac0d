/**
 * How the sandbox's notebook side behaves, where the reference leaves the platform's behaviour
 * open (UNKNOWN) or live clients disagree: each choice is a setting, so the node can be tested
 * against every plausible platform. Changed with `sandbox.notebook.configure`, restored on reset.
 */

export type NotebookStatus = 'Creating' | 'Restarting' | 'Running' | 'Terminated' | 'Failed' | 'Shutting';

export const NOTEBOOK_STATUSES: NotebookStatus[] = ['Creating', 'Restarting', 'Running', 'Terminated', 'Failed', 'Shutting'];

/** The two families of notebook paths: `/ac/openapi/v2/notebook/…` (create, start) and `/ai/openapi/v2/notebook/…` (the rest). */
export type NotebookFamily = 'ac' | 'ai';

/**
 * Which address a request came to: the sandbox's own URL (the platform host, `platform`), or its
 * second listener (`region`, `sandbox.regionUrl`), which tests name as the region's `aiUrls`.
 */
export type HostKind = 'platform' | 'region';

/** Which token a request carried: a region's (or the pasted-token mode's fixed one), or the platform's (cluster 0). */
export type TokenKind = 'platform' | 'region';

export interface NotebookSettings {
	/** How long a created notebook stays `Creating` before it runs. */
	createDelayMs: number;
	/** How long a started one stays `Restarting` (开机中). */
	startDelayMs: number;
	/** How long a stopped one stays `Shutting` (关机中) before it is `Terminated`. */
	stopDelayMs: number;
	/** On which hosts each family is served (UNKNOWN on the platform): elsewhere a bare HTTP 404. */
	hosts: Record<NotebookFamily, HostKind[]>;
	/** Which tokens each family accepts (UNKNOWN): another gets HTTP 200 with code 10008. */
	tokens: Record<NotebookFamily, TokenKind[]>;
	/** Where the notebooks sit in the list's `data`: `records` (documented, MyBatis style), `list`, or `data` itself. */
	listShape: 'records' | 'list' | 'array';
	/** Whether an object-shaped list carries `total`. */
	listTotal: boolean;
	/** The most notebooks a page holds, whatever `size` asks (UNKNOWN). */
	pageCap: number;
	/** The field names of a notebook: the documented `id`, `notebookName`, `notebookStatus`, or `notebookId`, `name`, `status`. */
	keys: 'documented' | 'alternative';
	/** What create answers in `data`: `{ notebookId, taskId, orderId }` (a live client), the ID as text, or nothing. */
	createAnswer: 'object' | 'text' | 'none';
	/** What detail, url, start and release answer for an unknown notebook (UNKNOWN): code 10004, success with `data: null`, or HTTP 404. */
	missingNotebook: 'error' | 'null' | 'http404';
	/** Whether a notebook that is not stopped can be released (UNKNOWN); refused with code 10001 otherwise. */
	releaseRunning: boolean;
}

export const defaultNotebookSettings = (): NotebookSettings => ({
	createDelayMs: 1000,
	startDelayMs: 1000,
	stopDelayMs: 1000,
	hosts: { ac: ['platform', 'region'], ai: ['platform', 'region'] },
	tokens: { ac: ['region', 'platform'], ai: ['region', 'platform'] },
	listShape: 'records',
	listTotal: true,
	pageCap: 100,
	keys: 'documented',
	createAnswer: 'object',
	missingNotebook: 'error',
	releaseRunning: true,
});
