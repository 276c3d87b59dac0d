import { useSandbox } from '../../harness/fixtures';
import { byId, json, RUNNING, runNotebook, STOPPED } from './fixtures';

const scnet = useSandbox({ containers: 0 });

describe('Notebook → Get URL', () => {
	it('outputs the Jupyter address of a running notebook, marked as carrying a secret (its ?token=)', async () => {
		const { main, error } = await runNotebook(scnet, 'getUrl', { notebookId: byId(RUNNING) });

		expect(error).toBeUndefined();
		expect(json(main)).toEqual([{ id: RUNNING, url: expect.stringMatching(new RegExp(`/jupyter-forward/${RUNNING}/lab\\?token=sothisai_${RUNNING}$`)), active: true, secretInUrl: true }]);
	});

	it('says when the notebook is not active, and marks an address without a token as such', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.url', times: 1, respond: { body: { code: '0', msg: 'success', data: { status: 'inactive', url: 'https://n-1.example/lab' } } } });
		const { main } = await runNotebook(scnet, 'getUrl', { notebookId: byId(STOPPED) });

		expect(json(main)).toEqual([{ id: STOPPED, url: 'https://n-1.example/lab', active: false, secretInUrl: false }]);
	});

	it('fails with NO_URL when SCNet gives no address, and the URL of a notebook never reaches a failure', async () => {
		scnet.sandbox.addFault({ when: (request) => request.route === 'notebook.url', respond: { body: { code: '0', msg: 'success', data: { status: 'inactive', url: '' } } } });
		const { main } = await runNotebook(scnet, 'getUrl', { notebookId: byId(STOPPED) }, { onError: 'continueRegularOutput' });

		expect(json(main)).toEqual([
			{
				id: STOPPED,
				code: 'NO_URL',
				message: "SCNet returned no URL for the notebook (status 'inactive')",
				description: 'The notebook may not be running: start it (Start, with Wait Until Done), then get its URL.',
			},
		]);
	});
});
