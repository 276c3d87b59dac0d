/**
 * How the sandbox's eFile side behaves where the reference leaves the platform open (§3.9,
 * UNKNOWN) or where live clients disagree: each choice is a setting, so the node can be tested
 * against every plausible platform. Changed with `sandbox.efile.configure`, restored on reset.
 */

/**
 * Where a POST's parameters are read from. Spring's `@RequestParam` reads the query string, a
 * form body and multipart fields alike, hence `any` (the default everywhere); `query` or `body`
 * play a stricter back end, to prove the node sends them where the reference says.
 */
export type ParamSource = 'any' | 'query' | 'body';

/**
 * The multipart field names `POST /file/burst` reads a chunk's place from. The defaults are the
 * official page's (C); other names play a back end that renamed them (a guess: none is known).
 */
export interface BurstFields {
	chunkNumber: string;
	totalChunks: string;
	totalSize: string;
	filename: string;
	relativePath: string;
	identifier: string;
}

export interface EfileSettings {
	/** Where upload reads `path` and `cover`: a live Go SDK sends them as query parameters (T). */
	uploadParams: ParamSource;
	burstFields: BurstFields;
	/** Where merge reads its fields: the page says form, its example builds multipart, the Go SDK sends a query (T). */
	mergeParams: ParamSource;
	/** Where remove reads `paths` and `recursive`: four clients send a query string (T); no official page. */
	removeParams: ParamSource;
	/**
	 * The `data` of every successful write (upload, burst, merge, mkdir, touch, rename, move, copy,
	 * remove). UNKNOWN: clients treat it as opaque (the Go SDK reads mkdir's as a string), so the
	 * node must not depend on it; null by default, anything else to prove it does not.
	 */
	writeData: unknown;
	/** What exist answers for a missing path: `{exist: false}` (T, default) or code 911020 (the Go SDK handles both). */
	missingExist: 'false' | 'error';
	/** The most entries one page of `GET /file/list` holds, whatever `limit` asks (UNKNOWN; the Go SDK and an MCP server use 1000). */
	listPageCap: number;
	/** Whether a download says its `Content-Length`: an MCP server found the back end does not (T), so off by default. */
	downloadContentLength: boolean;
	/** The largest single upload (bytes); larger ones get 10011 "file too large" (no official limit: UNKNOWN; none by default). */
	uploadMaxBytes: number;
}

export const defaultBurstFields = (): BurstFields => ({
	chunkNumber: 'chunkNumber',
	totalChunks: 'totalChunks',
	totalSize: 'totalSize',
	filename: 'filename',
	relativePath: 'relativePath',
	identifier: 'identifier',
});

export const defaultEfileSettings = (): EfileSettings => ({
	uploadParams: 'any',
	burstFields: defaultBurstFields(),
	mergeParams: 'any',
	removeParams: 'any',
	writeData: null,
	missingExist: 'false',
	listPageCap: 1000,
	downloadContentLength: false,
	uploadMaxBytes: Number.POSITIVE_INFINITY,
});
