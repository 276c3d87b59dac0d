import { Scnet } from '../../../nodes/Scnet/Scnet.node';
import { useSandbox } from '../../harness/fixtures';
import { byId, FAILED, json, RUNNING, runNotebook, STOPPED } from './fixtures';

/* 'Simplify' on Notebook → Get and Get Many (issue 18): version 3 outputs a notebook as 10 flat fields; versions 1 and 2 keep SCNet's full object. */
const scnet = useSandbox({ containers: 0 });
const KEYS = ['id', 'name', 'status', 'image', 'createdAt', 'startedAt', 'cpuCount', 'memoryGb', 'acceleratorType', 'acceleratorCount'];
/** A China time without a zone, as ISO 8601 in UTC. */
const fromChina = (text: string | null | undefined) => (text ? new Date(`${text.replace(' ', 'T')}+08:00`).toISOString() : null);

describe('Notebook → Get and Get Many: Simplify', () => {
	it('version 3 simplifies Get by default: name, status, image, times in UTC and resources as numbers; no password, no URL', async () => {
		const { main, error } = await runNotebook(scnet, 'get', { notebookId: byId(RUNNING) }, { typeVersion: 3 });

		expect(error).toBeUndefined();
		const notebook = scnet.sandbox.notebook.notebooks.get(RUNNING);
		expect(json(main)).toEqual([
			{
				id: RUNNING,
				name: notebook?.notebookName,
				status: 'Running',
				image: notebook?.imageName,
				createdAt: fromChina(notebook?.createTime),
				startedAt: fromChina(notebook?.startTime),
				// SCNet's '15核' and '120GB'.
				cpuCount: 15,
				memoryGb: 120,
				acceleratorType: 'DCU',
				acceleratorCount: 1,
			},
		]);
		expect(main[0].json.createdAt).toMatch(/Z$/);
		expect(JSON.stringify(main[0].json).length).toBeLessThan(350);
		expect(JSON.stringify(main)).not.toMatch(/password|token|http/i);
	});

	it('simplifies Get Many the same way, a stopped notebook with startedAt null', async () => {
		const { main } = await runNotebook(scnet, 'list', { returnAll: true }, { typeVersion: 3 });

		expect(main.map((item) => [item.json.id, item.json.status])).toEqual(expect.arrayContaining([[RUNNING, 'Running'], [STOPPED, 'Terminated'], [FAILED, 'Failed']]));
		for (const item of json(main)) {
			expect(Object.keys(item)).toEqual(KEYS);
			expect(JSON.stringify(item).length).toBeLessThan(350);
		}
		expect(json(main).find((item) => item.id === STOPPED)).toMatchObject({ startedAt: null });
	});

	it("'Simplify' off, and versions 1 and 2, keep SCNet's full notebook (still without its password)", async () => {
		for (const [parameters, typeVersion] of [[{ simplify: false }, 3], [{}, 1], [{}, 2]] as const) {
			const got = await runNotebook(scnet, 'get', { notebookId: byId(RUNNING), ...parameters }, { typeVersion });
			const listed = await runNotebook(scnet, 'list', { returnAll: true, ...parameters }, { typeVersion });

			for (const item of [json(got.main)[0], json(listed.main)[0]]) {
				expect(item).toMatchObject({ notebookName: expect.any(String), notebookStatus: expect.any(String), imagePath: expect.any(String), taskId: expect.any(String) });
				expect(item.sshPassword).toBeUndefined();
			}
		}
	});

	it("shows 'Simplify' from version 3 on, on by default, before 'Options'", () => {
		const { properties } = new Scnet().description;
		for (const operation of ['get', 'list']) {
			const fields = properties.filter((field) => field.displayOptions?.show?.resource?.includes('notebook') && field.displayOptions?.show?.operation?.includes(operation));
			expect(fields.find((field) => field.name === 'simplify')).toMatchObject({ type: 'boolean', default: true, displayOptions: { show: { '@version': [{ _cnd: { gte: 3 } }] } } });
			expect(fields.map((field) => field.name).slice(-2)).toEqual(['simplify', 'options']);
		}
	});
});
