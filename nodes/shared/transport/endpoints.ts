/*
 * Every SCNet path the package calls, in one place. Container paths are relative to the region's
 * container service URL; the sign-in and discovery paths to their own hosts (credential fields).
 */

export const SIGN_IN = {
	/** With an access key, signed (documented as the recommended way). */
	v3: '/api/user/v3/tokens',
	/** With user name, password and organization ID. */
	v2: '/ac/openapi/v2/tokens',
} as const;
/** Region discovery: the region's service URLs. */
export const REGION_CENTER = '/ac/openapi/v2/center';
/** The platform's own calls, on the region-discovery host. */
export const PLATFORM = {
	/** The user and account: status, balance, computing center. */
	user: '/ac/openapi/v2/user',
} as const;

const INSTANCE_SERVICE = '/ai/openapi/v2/instance-service';

/** IDs in paths are checked against the container ID pattern before they get here. */
export const CONTAINER = {
	/** DELETE with repeated `ids` (batch delete); POST with a JSON body (create); GET with query fields (list, documented form). */
	tasks: `${INSTANCE_SERVICE}/task`,
	/** GET with query fields: the list form live clients use. */
	taskList: `${INSTANCE_SERVICE}/task/list`,
	detail: (id: string) => `${INSTANCE_SERVICE}/${id}/detail`,
	url: (id: string) => `${INSTANCE_SERVICE}/${id}/url`,
	/** POST with `instanceServiceId` in the query. */
	restart: `${INSTANCE_SERVICE}/task/actions/restart`,
	/** POST with repeated `ids`; seen only in third-party clients. */
	stop: `${INSTANCE_SERVICE}/task/actions/stop`,
	/** POST `{ id, startScriptContent, startScriptActionScope }`. */
	executeScript: `${INSTANCE_SERVICE}/task/actions/execute-script`,
	resourceGroups: `${INSTANCE_SERVICE}/resource-group`,
	/** GET with `acceleratorType` / `imageType` (one version of the docs). */
	images: `${INSTANCE_SERVICE}/images`,
} as const;

const HPC_API = '/hpc/openapi/v2';

/** The HPC (Slurm) service's paths, relative to the region's `hpcUrls` entry. Values in paths are encoded here. */
export const HPC = {
	/** GET: the region's schedulers (`id`, `text`, `JobManagerType`, …). */
	schedulers: `${HPC_API}/cluster`,
	/** GET with `strJobManagerID`: the cluster user's queues. */
	queues: (clusterUser: string) => `${HPC_API}/queuenames/users/${encodeURIComponent(clusterUser)}`,
	/** POST JSON `{ strJobManagerID, mapAppJobInfo }`: submits a command-line job. */
	submit: `${HPC_API}/apptemplates/BASIC/BASE/job`,
	/** GET with `strClusterIDList` and filters: the realtime list. DELETE with `jobMethod` and `strJobInfoMap`: cancels. */
	jobs: `${HPC_API}/jobs`,
	/** GET: one job, while it is in the realtime list. */
	job: (jobId: string) => `${HPC_API}/jobs/${encodeURIComponent(jobId)}`,
	/** GET with `strClusterNameList`, a time window and a page: finished jobs. */
	history: `${HPC_API}/historyjobs`,
	/** POST form `dirPath`, `triggerNum`, `rollDirection`: a page (1,000 lines) of a text file, such as a job's output. */
	fileContent: `${HPC_API}/file/content`,
} as const;

const EFILE_API = '/efile/openapi/v2/file';

/** The file (eFile) service's paths, relative to the region's `efileUrls` entry; every path they take is absolute. */
export const EFILE = {
	/** GET with `path`, `start`, `limit`, `keyWord`, `orderBy`, `order`: one page of a folder. */
	list: `${EFILE_API}/list`,
	/** POST multipart `file`, `path` (the folder), `cover`: a whole file in one request. */
	upload: `${EFILE_API}/upload`,
	/** POST multipart: one chunk of a file (`chunkNumber` counts from 1). */
	burst: `${EFILE_API}/burst`,
	/** POST form: joins the chunks sent with the same `path` and `relativePath`. */
	merge: `${EFILE_API}/merge`,
	/** GET with `path`: the file's bytes, a folder as a zip; `Range` resumes. */
	download: `${EFILE_API}/download`,
	/** POST with `path` and `createParents` in the query, no body. */
	mkdir: `${EFILE_API}/mkdir`,
	/** POST form `path`: `data.exist`. */
	exist: `${EFILE_API}/exist`,
	/** POST form `sourcePaths` (comma-separated), `targetPath` (a folder), `cover`. */
	move: `${EFILE_API}/move`,
	/** POST with `paths` (comma-separated) and `recursive` in the query (live clients; no official page). */
	remove: `${EFILE_API}/remove`,
} as const;

const AC_NOTEBOOK = '/ac/openapi/v2/notebook';
const AI_NOTEBOOK = '/ai/openapi/v2/notebook';

/**
 * The notebook paths. Their prefixes are mixed, as SCNet documents them: create and start under
 * `/ac/…`, the rest under `/ai/…`. Which host and token each wants is undocumented (the notebook
 * API in shared/notebooks/ tries them in turn); IDs go in queries or JSON bodies, never in paths.
 */
export const NOTEBOOK = {
	/** POST JSON `{ clusterId, imagePath, imageName, imageSize, acceleratorType, acceleratorNumber, resourceGroupCode, mountHome, startCommand, mountInfo }`. */
	create: `${AC_NOTEBOOK}/actions/create`,
	/** POST JSON `{ notebookId }`: powers it on (Restarting, then Running). */
	start: `${AC_NOTEBOOK}/actions/start`,
	/** POST JSON `{ notebookId, saveEnv }` (live clients; no official page): powers it off (Shutting, then Terminated). */
	stop: `${AI_NOTEBOOK}/actions/stop`,
	/** POST JSON `{ id }` (live clients; no official page): deletes it, irreversibly. */
	release: `${AI_NOTEBOOK}/actions/release`,
	/** GET with `page` (from 1), `size`, `notebookName`, `notebookStatus`. */
	list: `${AI_NOTEBOOK}/list`,
	/** GET with `notebookId` (live clients; no official page). */
	detail: `${AI_NOTEBOOK}/detail`,
	/** GET with `notebookId`: `{ status: active | inactive, url }`, the Jupyter address (it carries a token). */
	url: `${AI_NOTEBOOK}/url`,
} as const;
