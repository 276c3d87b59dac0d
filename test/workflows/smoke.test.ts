import { containerId } from '../../sandbox/containers';
import { useSandbox } from '../harness/fixtures';

const scnet = useSandbox();

it('smoke', async () => {
	const result = await scnet.run({ items: [{ id: containerId(0) }, { id: `${containerId(1)}, ${containerId(2)}` }] });
	console.log(JSON.stringify({ main: result.main, err: result.errorOutput, error: result.error?.message }, null, 1));
	console.log(scnet.sandbox.requests.map((r) => [r.method, r.url, r.headers.token]));
});
