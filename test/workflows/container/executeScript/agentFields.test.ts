import { containerId } from '../../../../sandbox/containers';
import { requestsOn } from '../../../harness/faults';
import { useSandbox } from '../../../harness/fixtures';
import { failureMessage, fromAI, locator } from '../../../harness/fromAI';

/* Version 3 of Execute Script: 'Run In' is a picker an AI agent can fill. */
const scnet = useSandbox();
const running = containerId(0);
const scripts = () => requestsOn('executeScript', scnet.sandbox).map((request) => JSON.parse(request.body) as Record<string, unknown>);
const run = (scope: unknown, items = [{}], onError?: 'continueRegularOutput') =>
	scnet.run({ typeVersion: 3, operation: 'executeScript', items, parameters: { containerId: locator(running), script: 'nvidia-smi', scope } as never, onError });

describe('Container → Execute Script (version 3)', () => {
	it.each([
		['picked from the list', locator('header', 'list'), 'header'],
		['given by value', locator('all'), 'all'],
		['as $fromAI hands it, in another case', locator(fromAI('Run_In')), 'header'],
	])("reads 'Run In' %s", async (_, scope, sent) => {
		await run(scope, [{ Run_In: 'Header' }]);

		expect(scripts()).toEqual([expect.objectContaining({ startScriptActionScope: sent })]);
	});

	it("refuses a scope SCNet does not name, naming 'Run In' and its values, and runs nothing", async () => {
		const { main } = await run(locator('everywhere'), [{}], 'continueRegularOutput');

		expect(failureMessage(main[0].json)).toBe("'Run In' must be one of all, header, not 'everywhere'");
		expect(scripts()).toEqual([]);
	});
});
