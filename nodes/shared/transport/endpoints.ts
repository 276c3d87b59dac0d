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
