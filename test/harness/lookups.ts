import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

import { Scnet } from '../../nodes/Scnet/Scnet.node';
import type { TestCredentialsHelper } from './credentialsHelper';
import type { SandboxFixture } from './fixtures';
import { SCNET_NODE_TYPE } from './runWorkflow';
import { singleNodeWorkflow } from './singleNode';

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

interface LookupResult<T> {
	result: T;
	/** The credential as stored afterwards (a sign-in persists its session here). */
	credentials: TestCredentialsHelper;
}

type ListSearchOptions = LookupOptions & { filter?: string; paginationToken?: string };

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
	// The node the CLI builds for a lookup: a temporary node of the type, with the editor's parameters and credential.
	const { workflow, node, parameters: current, credentials: helper, additionalData } = singleNodeWorkflow({
		nodeType,
		node: { id: 'uuid-1234', name: 'Temp-Node', type: SCNET_NODE_TYPE },
		parameters: { resource: 'container', ...parameters },
		credentials,
		workflow: { active: false },
	});
	additionalData.currentNodeParameters = current;
	const context = new LoadOptionsContext(workflow, node, additionalData, path);
	const result = await lookup.call(context, ...args);
	return { result, credentials: helper };
}

type FixtureOptions<T> = Omit<T, 'credentials'> & { credentials?: ICredentialDataDecryptedObject };

/**
 * The lookups against a test file's sandbox, with the pasted-token credential unless one is given:
 * `listSearch` runs a listSearch method (a resource locator's 'From List' mode) with the text typed
 * and the page token, `loadOptions` a loadOptions method (an options list).
 */
export function lookupsOn(scnet: SandboxFixture) {
	const credentials = (given?: ICredentialDataDecryptedObject) => given ?? scnet.credentials();
	return {
		listSearch: (method: string, { filter, paginationToken, ...options }: FixtureOptions<ListSearchOptions> = {}) =>
			callLookup<INodeListSearchResult>('listSearch', method, { ...options, credentials: credentials(options.credentials) }, [
				filter,
				paginationToken,
			]),
		loadOptions: (method: string, options: FixtureOptions<LookupOptions> = {}) =>
			callLookup<INodePropertyOptions[]>('loadOptions', method, { ...options, credentials: credentials(options.credentials) }, []),
	};
}

/** Every page a picker offers as the user scrolls on (at most `most`), with the tokens it handed out. */
export async function scrollToEnd(search: (filter?: string, paginationToken?: string) => Promise<{ result: INodeListSearchResult }>, filter?: string, most = 100) {
	const pages: INodeListSearchResult[] = [];
	let token: string | undefined;
	do {
		const { result } = await search(filter, token);
		pages.push(result);
		token = result.paginationToken as string | undefined;
	} while (token !== undefined && pages.length < most);
	return { pages, results: pages.flatMap((page) => page.results), tokens: pages.map((page) => page.paginationToken) };
}
