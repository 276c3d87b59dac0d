import type { INodeParameters } from 'n8n-workflow';

import { chinaTime, containerId, type SandboxContainer } from '../../../../sandbox/containers';
import { useSandbox } from '../../../harness/fixtures';
import { json } from '../../../harness/items';

const scnet = useSandbox({ containers: 24 });
const id = containerId;
const FINISHED = ['Terminated', 'Failed', 'Completed'];
const deletes = () => scnet.sandbox.requests.filter((request) => request.route === 'delete');
const cleanUp = (parameters: INodeParameters, onError?: 'continueRegularOutput' | 'continueErrorOutput') =>
	scnet.run({ operation: 'cleanUp', parameters, items: [{}], onError });

/** China time `hours` ago, as SCNet writes it. */
const hoursAgo = (hours: number) => chinaTime(Date.now() - hours * 3600000);
const seeded = () => [...scnet.sandbox.containers.values()];
const finishedOld = () => seeded().filter((container) => FINISHED.includes(container.status)).map((container) => container.id).sort();

describe('Container → Clean Up', () => {
	it('previews by default: what would be deleted and why, sending no delete', async () => {
		const { main } = await cleanUp({});

		expect(json(main).map((item) => item.id).sort()).toEqual(finishedOld());
		expect(main[0].json).toMatchObject({ deleted: false, preview: true, reason: expect.stringMatching(/^status (Terminated|Failed|Completed); created \d+ h ago \(more than 24 h\)$/) });
		expect(main[0].json).toMatchObject({ name: expect.any(String), status: expect.any(String), createdAt: expect.any(String) });
		expect(deletes()).toEqual([]);
		expect(scnet.sandbox.containers.size).toBe(24);
	});

	it('deletes the matching containers with preview off, batched like Delete, with their outcomes', async () => {
		const expected = finishedOld();
		const { main } = await cleanUp({ preview: false });

		expect(json(main).map((item) => [item.id, item.deleted, item.code]).sort()).toEqual(expected.map((one) => [one, true, '0']));
		expect(deletes()).toHaveLength(1);
		for (const one of expected) expect(scnet.sandbox.containers.has(one)).toBe(false);
		expect(scnet.sandbox.containers.size).toBe(24 - expected.length);
	});

	it('keeps containers younger than the age rule (read as China time)', async () => {
		const young = scnet.sandbox.containers.get(id(3)) as SandboxContainer;
		young.createTime = hoursAgo(2);
		const { main } = await cleanUp({ olderThanHours: 24, options: { includeKept: true } });

		expect(main.find((item) => item.json.id === id(3))?.json).toMatchObject({ kept: true, reason: 'kept: created 2 h ago, not more than 24 h' });
	});

	it('reads createTime in the time zone option', async () => {
		// 10 hours ago in UTC is 2 hours ago… read as China time it would be 10 h + 8 h old.
		const container = scnet.sandbox.containers.get(id(3)) as SandboxContainer;
		container.createTime = new Date(Date.now() - 10 * 3600000).toISOString().slice(0, 19).replace('T', ' ');
		const china = await cleanUp({ olderThanHours: 12 });
		const utc = await cleanUp({ olderThanHours: 12, options: { timezone: 'UTC' } });

		expect(json(china.main).map((item) => item.id)).toContain(id(3));
		expect(json(utc.main).map((item) => item.id)).not.toContain(id(3));
	});

	it('selects by name (contains, regular expression), and protection always wins', async () => {
		(scnet.sandbox.containers.get(id(3)) as SandboxContainer).instanceServiceName = 'ci-run-17';
		(scnet.sandbox.containers.get(id(4)) as SandboxContainer).instanceServiceName = 'ci-run-prod-18';
		(scnet.sandbox.containers.get(id(5)) as SandboxContainer).instanceServiceName = 'ci-run-19';
		const { main } = await cleanUp({
			nameContains: 'ci-run',
			nameMatches: '^ci-run-[a-z-]*[0-9]+$',
			protect: 'prod',
			protectIds: id(5),
			options: { includeKept: true },
		});
		const byId = Object.fromEntries(json(main).map((item) => [item.id, item]));

		expect(json(main).filter((item) => item.preview).map((item) => item.id)).toEqual([id(3)]);
		expect(byId[id(3)].reason).toMatch(/name contains 'ci-run'; name matches \/\^ci-run-\[a-z-\]\*\[0-9\]\+\$\/$/);
		expect(byId[id(4)]).toMatchObject({ kept: true, reason: 'kept: its name matches the protection /prod/' });
		expect(byId[id(5)]).toMatchObject({ kept: true, reason: "kept: its ID is in 'Protect IDs'" });
		expect(byId[id(0)]).toMatchObject({ kept: true, reason: expect.stringMatching(/^kept: status Running is not one of/) });
	});

	it('never counts a container of unknown age as old enough', async () => {
		(scnet.sandbox.containers.get(id(3)) as SandboxContainer).createTime = 'yesterday';
		const { main } = await cleanUp({ options: { includeKept: true } });

		expect(main.find((item) => item.json.id === id(3))?.json).toMatchObject({ kept: true, reason: 'kept: its creation time is unknown' });
	});

	describe('the brake', () => {
		it("deletes nothing and stops with the count when more than 'Max Deletions' match", async () => {
			const { error } = await cleanUp({ preview: false, maxDeletions: 3 });

			expect(error?.message).toBe(`Clean Up matched ${finishedOld().length} containers, more than 'Max Deletions' (3): nothing was deleted`);
			expect(deletes()).toEqual([]);
		});

		it('gives one error item with "Continue"', async () => {
			const { main } = await cleanUp({ preview: false, maxDeletions: 3 }, 'continueRegularOutput');

			expect(main).toEqual([
				{ json: expect.objectContaining({ code: 'TOO_MANY_MATCHES', matched: finishedOld().length, maxDeletions: 3 }), pairedItem: { item: 0 } },
			]);
			expect(deletes()).toEqual([]);
		});

		it('is applied by the preview, which says the run would stop', async () => {
			const { main } = await cleanUp({ maxDeletions: 1 });

			expect(main.length).toBe(finishedOld().length);
			expect(main[0].json.message).toMatch(/^Preview: would stop: \d+ matches, more than 'Max Deletions' \(1\); nothing would be deleted$/);
		});
	});

	it("reports each container's outcome, isolating one SCNet refuses ('Continue')", async () => {
		const [refused, ...others] = finishedOld();
		scnet.sandbox.failIds([refused], '716866');
		const { main } = await cleanUp({ preview: false }, 'continueRegularOutput');
		const byId = Object.fromEntries(json(main).map((item) => [item.id, item]));

		expect(byId[refused]).toMatchObject({ deleted: false, code: '716866', reason: expect.stringMatching(/^status /) });
		for (const one of others) expect(byId[one]).toMatchObject({ deleted: true, code: '0' });
	});

	it('refuses a rule that is not a regular expression, before listing', async () => {
		const { error } = await cleanUp({ nameMatches: '(' });

		expect(error?.message).toMatch(/^'Name Matches' is not a regular expression/);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});

/*
 * Version 3's failure items carry an `error` object, and n8n's Retry On Fail runs the node again
 * when the first item carries one: the next try lists again, and what the first try deleted is
 * gone from the list.
 */
describe("Container → Clean Up (version 3) under n8n's Retry On Fail", () => {
	it('still reports every container an earlier try deleted, and deletes none twice', async () => {
		const previewed = await scnet.run({ typeVersion: 3, operation: 'cleanUp', parameters: {}, items: [{}] });
		const [refused, ...others] = json(previewed.main).map((item) => String(item.id));
		scnet.sandbox.addFault({ when: (request) => request.route === 'delete' && request.url.includes(refused), respond: { body: { code: '716866', msg: 'refused', data: null } } });

		const { main, run } = await scnet.run({
			typeVersion: 3,
			operation: 'cleanUp',
			parameters: { preview: false },
			items: [{}],
			onError: 'continueRegularOutput',
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 },
		});

		expect(run.data.resultData.runData.SCNet).toHaveLength(1);
		expect(json(main).map((item) => [item.id, item.deleted]).sort()).toEqual([[refused, false], ...others.map((one) => [one, true])].sort());
		for (const one of others) expect(scnet.sandbox.deletions.get(one)).toBe(1);
	});
});
