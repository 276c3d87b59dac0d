import { SCHEDULERS } from '../../../sandbox/hpc/cluster';
import { CLUSTER_PATH, queuesPath } from '../../../sandbox/hpc/routes';
import { accessKeyCredentials, useSandbox } from '../../harness/fixtures';
import { lookupsOn } from '../../harness/lookups';
import { CLUSTER_USER, hpcToken, OTHER_SCHEDULER } from '../job/fixtures';

const scnet = useSandbox({ containers: 0 });
const lookups = lookupsOn(scnet);
const schedulers = (credentials = hpcToken(scnet.sandbox)) =>
	lookups.loadOptions('getSchedulers', { credentials, parameters: { resource: 'job', operation: 'submit' }, path: 'parameters.scheduler' });
// Signing in: region discovery names the cluster user (the sandbox's pasted token is no JWT, so it names none).
const queues = (scheduler = '', credentials = accessKeyCredentials(scnet.sandbox)) =>
	lookups.loadOptions('getQueues', { credentials, parameters: { resource: 'job', operation: 'submit', scheduler }, path: 'parameters.queue' });

describe('Scheduler options (loadOptions getSchedulers)', () => {
	it("offers the region's schedulers by name and ID, from the HPC service", async () => {
		const { result } = await schedulers();

		expect(result).toEqual(SCHEDULERS.map((one) => ({ name: `${one.text} (${one.id})`, value: String(one.id), description: 'SLURM' })));
		expect(scnet.sandbox.requests.map((request) => request.path)).toEqual([CLUSTER_PATH]);
	});

	it('fails with a clear message in a region without an HPC service', async () => {
		scnet.sandbox.auth.configure({ regions: [{ id: '11112', name: 'OpenAPI计算中心', hpcUrl: null }] });

		await expect(schedulers(accessKeyCredentials(scnet.sandbox))).rejects.toMatchObject({
			message: 'SCNet lists no enabled HPC job service for region OpenAPI计算中心 (11112) (code NO_HPC_SERVICE)',
		});
	});
});

describe('Queue options (loadOptions getQueues)', () => {
	it("offers the cluster user's queues of the first scheduler when none is chosen", async () => {
		const { result } = await queues();

		expect(result.map((option) => option.value)).toEqual(['debug', 'kshcnormal', 'kshdnormal']);
		// The cluster user, not the login, names the list.
		expect(scnet.sandbox.requests.some((request) => request.path === queuesPath(CLUSTER_USER))).toBe(true);
	});

	it('offers the queues of the chosen scheduler', async () => {
		expect((await queues(OTHER_SCHEDULER)).result.map((option) => option.value)).toEqual(['comp', 'hx1hdnormal']);
	});

	it("takes the credential's Cluster User over the one SCNet names", async () => {
		// The sandbox refuses another user's queue list: the request is what counts here.
		await queues('', accessKeyCredentials(scnet.sandbox, { clusterUser: 'someone-else' })).catch(() => undefined);

		expect(scnet.sandbox.requests.some((request) => request.path === queuesPath('someone-else'))).toBe(true);
		expect(scnet.sandbox.requests.some((request) => request.path === queuesPath(CLUSTER_USER))).toBe(false);
	});

	it('says plainly when no cluster user is known (a pasted token that names none)', async () => {
		await expect(queues('', hpcToken(scnet.sandbox))).rejects.toMatchObject({ message: 'SCNet did not say which cluster user runs your jobs (code NO_CLUSTER_USER)' });
	});
});
