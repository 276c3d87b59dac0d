import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CENTER_PATH, V2_SIGN_IN_PATH, V3_SIGN_IN_PATH } from '../../../sandbox/auth';
import type { SandboxContainer } from '../../../sandbox/containers';
import { TASK_LIST_PATH, TASKS_PATH } from '../../../sandbox/server';
import { pagedList } from '../../harness/faults';
import { accessKeyCredentials, passwordCredentials, pastedToken, useSandbox } from '../../harness/fixtures';
import { lookupsOn, scrollToEnd } from '../../harness/lookups';

const scnet = useSandbox();
const lookups = lookupsOn(scnet);
const listRequests = () => scnet.sandbox.requests.filter((request) => request.route === 'list');
const queries = () => listRequests().map((request) => Object.fromEntries(new URL(request.url, scnet.sandbox.url).searchParams));
const newestFirst = () =>
	[...scnet.sandbox.containers.values()].sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));
const asResult = ({ id, instanceServiceName, status }: SandboxContainer) => ({
	name: `${instanceServiceName} (${status})`,
	value: id,
});

/** What the container picker of the Get operation (its 'Container' field) shows for `filter`. */
const search = (filter?: string, paginationToken?: string, credentials?: ICredentialDataDecryptedObject) =>
	lookups.listSearch('searchContainers', { parameters: { operation: 'get' }, path: 'parameters.containerId', filter, paginationToken, credentials });

const scroll = (filter?: string) => scrollToEnd(search, filter);

describe('Container picker (listSearch searchContainers)', () => {
	it('offers a container a page lists twice once', async () => {
		const [first, second] = newestFirst();
		scnet.sandbox.addFault({ when: (request) => request.route === 'list', respond: pagedList([first, second, first].map(({ id, instanceServiceName, status }) => ({ id, instanceServiceName, status }))) });
		const { result } = await search();

		expect(result?.results.map((entry) => entry.value)).toEqual([first.id, second.id]);
	});

	it('reads on past pages without a match when searching, so a match further down shows at once', async () => {
		scnet.sandbox.configureList({ pageCap: 7 });
		const wanted = newestFirst()[30];

		const { result } = await search(wanted.instanceServiceName);

		expect(result.results).toEqual([asResult(wanted)]);
		expect(listRequests().length).toBe(5);
	});

	it('offers the newest containers by name and status, with their ID as value, and a token for the next page', async () => {
		const { result } = await search();

		expect(result).toEqual({ results: newestFirst().slice(0, 20).map(asResult), paginationToken: '20' });
		expect(queries()).toEqual([{ start: '0', limit: '50', sort: 'desc' }]);
	});

	it('pages through every container when SCNet caps its pages, and ends', async () => {
		scnet.sandbox.configureList({ pageCap: 7 });
		const { results, tokens } = await scroll();

		expect(results).toEqual(newestFirst().map(asResult));
		expect(tokens).toEqual(['7', '14', '21', '28', '35', undefined]);
		expect(queries().map((query) => query.start)).toEqual(['0', '7', '14', '21', '28', '35']);
	});

	it('ends on an empty page when SCNet gives no total', async () => {
		scnet.sandbox.configureList({ pageCap: 7, shape: 'array' });
		const { results, tokens } = await scroll();

		expect(results).toEqual(newestFirst().map(asResult));
		expect(tokens).toEqual(['7', '14', '21', '28', '35', '40', undefined]);
	});

	it('ends at the total when SCNet ignores start', async () => {
		scnet.sandbox.configureList({ pageCap: 20, ignoresStart: true });
		const { pages } = await scroll();

		expect(pages).toHaveLength(2);
	});

	it.each<[string, (first: SandboxContainer) => string, (container: SandboxContainer, first: SandboxContainer) => boolean]>([
		['part of the name, in any case', () => 'instances_220511003', (c) => c.instanceServiceName.includes('Instances_220511003')],
		['a status', () => 'FAILED', (c) => c.status === 'Failed'],
		['an ID', (first) => first.id.toUpperCase(), (c, first) => c.id === first.id],
		['blanks', () => '   ', () => true],
	])('narrows the list to the text typed: %s', async (_, typed, keep) => {
		scnet.sandbox.configureList({ pageCap: 7 });
		const first = newestFirst()[12];
		const { results } = await scroll(typed(first));

		expect(results).toEqual(newestFirst().filter((c) => keep(c, first)).map(asResult));
		// The text is matched by the node; SCNet is asked for the plain list.
		expect(queries().every((query) => Object.keys(query).join() === 'start,limit,sort')).toBe(true);
	});

	it('names a container by its ID when it has no name, and its status as unknown when it has none', async () => {
		scnet.sandbox.addFault({
			when: (request) => request.route === 'list',
			respond: { body: { code: '0', msg: 'success', data: { list: [{ id: 'abc' }, { instanceServiceId: 'def', instanceServiceName: 'run', status: 'Running' }], total: 2 } } },
		});
		const { result } = await search();

		expect(result).toEqual({
			results: [
				{ name: 'abc (unknown)', value: 'abc' },
				{ name: 'run (Running)', value: 'def' },
			],
			paginationToken: undefined,
		});
	});

	it('falls back to …/task where …/task/list is missing', async () => {
		scnet.sandbox.configureList({ paths: ['task'] });
		const { result } = await search();

		expect(result.results).toEqual(newestFirst().slice(0, 20).map(asResult));
		expect(listRequests().map((request) => request.path)).toEqual([TASK_LIST_PATH, TASKS_PATH]);
	});

	it.each([
		['Access Key', accessKeyCredentials, V3_SIGN_IN_PATH],
		['Password', passwordCredentials, V2_SIGN_IN_PATH],
	])('signs in with an %s credential, in the editor as in a run', async (_, credentialsOf, signInPath) => {
		const { result, credentials } = await lookups.listSearch('searchContainers', {
			parameters: { operation: 'get' },
			path: 'parameters.containerId',
			credentials: credentialsOf(scnet.sandbox),
		});

		expect(result.results).toEqual(newestFirst().slice(0, 20).map(asResult));
		expect(scnet.sandbox.requests.filter((request) => request.path === signInPath)).toHaveLength(1);
		const [center] = scnet.sandbox.requests.filter((request) => request.path === CENTER_PATH);
		const [listed] = listRequests();
		expect(listed.headers.token).toBe(center.headers.token);
		expect(credentials.stored.scnetApi.sessionToken).toBe(listed.headers.token);
	});

	it.each([
		['a refused token', () => pastedToken(scnet.sandbox.url, 'wrong'), undefined, 'The SCNet token is invalid or expired, or lacks permission (code 10008)', 1],
		[
			'a server error, after one more try',
			() => undefined,
			() => scnet.sandbox.addFault({ when: (request) => request.route === 'list', respond: { status: 500, body: 'busy' } }),
			'SCNet answered with a server error (HTTP 500) (after 2 attempts) (code HTTP_500)',
			2,
		],
	])("throws an error naming SCNet's code on %s", async (_, credentials, fault, message, requests) => {
		fault?.();
		const failing = search(undefined, undefined, credentials());

		await expect(failing).rejects.toMatchObject({ name: 'NodeApiError', message });
		expect(listRequests()).toHaveLength(requests);
	});
});
