import { LoadOptionsContext } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
} from 'n8n-workflow';

import { ScnetApi } from '../../credentials/ScnetApi.credentials';
import { Scnet } from '../../nodes/Scnet/Scnet.node';
import { TestCredentialsHelper } from './credentialsHelper';
import { pastedToken, type SandboxFixture } from './fixtures';
import { createAdditionalData, SCNET_NODE_TYPE } from './runWorkflow';
import { onlyNodeType } from './singleNode';

/*
 * The editor's lookups (listSearch for resource locators, loadOptions for options lists) run the
 * way n8n's CLI runs them for the editor: a one-node workflow holding the node as it is being
 * edited, a LoadOptionsContext for the parameter's path whose additional data carries the node's
 * current parameters, and the node's method called on it.
 */

export interface LookupOptions {
	/** The stored 'SCNet API' credential. */
	credentials: ICredentialDataDecryptedObject;
	/** The node's parameters as set in the editor (resource Container by default); the editor fills in defaults. */
	parameters?: INodeParameters;
	/** The parameter the lookup is for, as the editor names it (e.g. `parameters.containerId`). */
	path?: string;
}

export interface LookupResult<T> {
	result: T;
	/** The credential as stored afterwards (a sign-in persists its session here). */
	credentials: TestCredentialsHelper;
}

/** The node the CLI builds for a lookup: a temporary node of the type, with the editor's parameters and credential. */
function lookupWorkflow(nodeType: INodeType, parameters: INodeParameters): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: SCNET_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { scnetApi: { id: '1', name: 'SCNet account' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: onlyNodeType(nodeType),
	});
	return { workflow, node: workflow.getNode(node.name) as INode };
}

async function callLookup<T>(
	kind: 'listSearch' | 'loadOptions',
	method: string,
	{ credentials, parameters = {}, path = 'parameters.value' }: LookupOptions,
	args: unknown[],
): Promise<LookupResult<T>> {
	const nodeType = new Scnet();
	const methods: INodeType['methods'] = nodeType.methods;
	const lookup = methods?.[kind]?.[method] as ((...params: unknown[]) => Promise<T>) | undefined;
	if (!lookup) throw new Error(`The SCNet node has no ${kind} method '${method}'`);
	const current = NodeHelpers.getNodeParameters(
		nodeType.description.properties,
		{ resource: 'container', ...parameters },
		true,
		false,
		{ typeVersion: 1 },
		nodeType.description,
	) as INodeParameters;
	const { workflow, node } = lookupWorkflow(nodeType, current);
	const helper = new TestCredentialsHelper({ scnetApi: new ScnetApi() }, { scnetApi: { ...credentials } });
	const additionalData = createAdditionalData(helper);
	additionalData.currentNodeParameters = current;
	const context = new LoadOptionsContext(workflow, node, additionalData, path);
	const result = await lookup.call(context, ...args);
	return { result, credentials: helper };
}

/** Runs a listSearch method (a resource locator's 'From List' mode) with the text typed and the page token. */
export async function runListSearch(
	method: string,
	options: LookupOptions & { filter?: string; paginationToken?: string },
): Promise<LookupResult<INodeListSearchResult>> {
	const { filter, paginationToken, ...rest } = options;
	return callLookup<INodeListSearchResult>('listSearch', method, rest, [filter, paginationToken]);
}

/** Runs a loadOptions method (an options list). */
export async function runLoadOptions(method: string, options: LookupOptions): Promise<LookupResult<INodePropertyOptions[]>> {
	return callLookup<INodePropertyOptions[]>('loadOptions', method, options, []);
}

type FixtureOptions<T> = Omit<T, 'credentials'> & { credentials?: ICredentialDataDecryptedObject };

/** The lookups against a test file's sandbox, with the pasted-token credential unless one is given. */
export function lookupsOn(scnet: SandboxFixture) {
	const credentials = (given?: ICredentialDataDecryptedObject) => given ?? pastedToken(scnet.sandbox.url, scnet.sandbox.token);
	return {
		listSearch: (method: string, options: FixtureOptions<LookupOptions & { filter?: string; paginationToken?: string }> = {}) =>
			runListSearch(method, { ...options, credentials: credentials(options.credentials) }),
		loadOptions: (method: string, options: FixtureOptions<LookupOptions> = {}) =>
			runLoadOptions(method, { ...options, credentials: credentials(options.credentials) }),
	};
}
