import { TASK_LIST_PATH, TASKS_PATH } from '../../../../sandbox/server';
import { useSandbox } from '../../../harness/fixtures';

const scnet = useSandbox();
const listRequests = () => scnet.sandbox.requests.filter((request) => request.route === 'list');
const paths = () => scnet.sandbox.requests.map((request) => request.path);
const query = (url: string) => Object.fromEntries(new URL(url, scnet.sandbox.url).searchParams);
const isListAt = (path: string) => (request: { method: string; path: string }) => request.method === 'GET' && request.path === path;

describe('Container → List: the two forms of the call', () => {
	it('uses …/task/list when SCNet has it, for every page', async () => {
		scnet.sandbox.configureList({ pageCap: 7 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toHaveLength(40);
		expect(paths()).toEqual(Array(8).fill(TASK_LIST_PATH));
	});

	it('falls back to …/task when …/task/list answers 404, and keeps that form for the rest of the run', async () => {
		scnet.sandbox.configureList({ paths: ['task'], pageCap: 7 });
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(error).toBeUndefined();
		expect(main).toHaveLength(40);
		expect(paths()).toEqual([TASK_LIST_PATH, ...Array(8).fill(TASKS_PATH)]);
		// The page that met the 404 is asked again, the same, of the other form.
		const [missed, first, second] = scnet.sandbox.requests;
		expect(query(first.url)).toEqual(query(missed.url));
		expect(query(second.url)).toMatchObject({ start: '5' });
	});

	it('sends the same fields as query parameters to …/task, with no body', async () => {
		scnet.sandbox.configureList({ paths: ['task'] });
		await scnet.run({ operation: 'list', items: [{}], parameters: { limit: 10, filters: { status: ['Running'], taskType: 'ssh', name: 'Inst' } } });

		for (const request of scnet.sandbox.requests) {
			expect(request.method).toBe('GET');
			expect(request.body).toBe('');
			expect(query(request.url)).toEqual({ start: '0', limit: '10', sort: 'desc', status: 'Running', taskType: 'ssh', instanceServiceName: 'Inst' });
		}
	});

	it('works where only …/task/list exists', async () => {
		scnet.sandbox.configureList({ paths: ['task/list'], pageCap: 7 });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toHaveLength(40);
		expect(paths().every((path) => path === TASK_LIST_PATH)).toBe(true);
	});

	it('falls back when …/task/list answers HTTP 405', async () => {
		scnet.sandbox.addFault({ when: isListAt(TASK_LIST_PATH), respond: { status: 405, body: 'Method Not Allowed' } });
		const { main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toHaveLength(40);
		expect(paths()).toEqual([TASK_LIST_PATH, TASKS_PATH, TASKS_PATH, TASKS_PATH]);
	});

	it.each([
		['null', null],
		['a text', 'ok'],
		['an object without a list', { pageNum: 1 }],
	])('falls back when …/task/list answers %s in data', async (_, data) => {
		scnet.sandbox.addFault({ when: isListAt(TASK_LIST_PATH), respond: { body: { code: '0', msg: 'success', data } } });
		const { main, error } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(error).toBeUndefined();
		expect(main).toHaveLength(40);
		expect(paths()).toEqual([TASK_LIST_PATH, TASKS_PATH, TASKS_PATH, TASKS_PATH]);
	});

	it('reports a clear 404 when neither form exists, after trying each once', async () => {
		scnet.sandbox.configureList({ paths: [] });
		const { error, main } = await scnet.run({ operation: 'list', items: [{}], parameters: { returnAll: true } });

		expect(main).toEqual([]);
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('The SCNet container API was not found at this address (HTTP 404) (code HTTP_404) [item 0]');
		expect(paths()).toEqual([TASK_LIST_PATH, TASKS_PATH]);
	});

	it('reports the shape when neither form answers with a list', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'list', respond: { body: { code: '0', msg: 'success', data: { pageNum: 1 } } } });
		const { error, main } = await scnet.run({ operation: 'list', items: [{}], onError: 'continueRegularOutput' });

		expect(error).toBeUndefined();
		expect(main).toHaveLength(1);
		expect(main[0].json).toEqual({
			code: 'INVALID_RESPONSE',
			message: "SCNet answered the container list with an object without a list in 'data'",
			description: expect.stringContaining('Neither form of the list call (…/task/list, …/task) returned containers'),
		});
		expect(listRequests()).toHaveLength(2);
	});

	it('does not try the other form for a failure that is not about the path', async () => {
		scnet.sandbox.addFault({ when: isListAt(TASK_LIST_PATH), respond: { body: { code: '10009', msg: '无权限', data: null } } });
		const { error } = await scnet.run({ operation: 'list', items: [{}] });

		expect(error?.message).toBe('The SCNet token has no permission to access the container API (code 10009) [item 0]');
		expect(paths()).toEqual([TASK_LIST_PATH]);
	});
});
