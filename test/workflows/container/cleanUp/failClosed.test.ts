import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { containerId, type SandboxContainer } from '../../../../sandbox/containers';
import { onRoute } from '../../../harness/faults';
import { useSandbox } from '../../../harness/fixtures';
import { queryOf } from '../../../harness/faults';
import { json } from '../../../harness/items';
import type { OnError } from '../../../harness/runWorkflow';

/*
 * Every value that decides what Clean Up deletes is read strictly: what cannot be read for certain
 * stops the run before any request (or becomes its one error item), and unknown means keep.
 * Values come as a webhook or an agent would hand them: through expressions over the input item.
 */

const scnet = useSandbox({ containers: 24 });
const id = containerId;
const FINISHED = ['Terminated', 'Failed', 'Completed'];
const deletes = () => scnet.sandbox.requests.filter((request) => request.route === 'delete');
const finished = () => [...scnet.sandbox.containers.values()].filter((container) => FINISHED.includes(container.status)).map((container) => container.id);
const cleanUp = (parameters: INodeParameters, item: IDataObject = {}, onError?: OnError) =>
	scnet.run({ operation: 'cleanUp', parameters, items: [item], onError });
/** Answers the list with these entries (one page). */
const listing = (entries: IDataObject[]) =>
	scnet.sandbox.addFault({ when: onRoute('list'), respond: { body: { code: '0', msg: 'success', data: { list: entries, total: entries.length } } } });
const old = '2026-11-01 08:00:00';

describe('Container → Clean Up: values that cannot be read stop the run before any request', () => {
	it.each([
		['nothing', '={{ $json.none }}', /^'Max Deletions' must be a whole number from 1 to 100000, not nothing/],
		['an empty text', '={{ "" }}', /^'Max Deletions' must be a whole number from 1 to 100000, not an empty text$/],
		['a word', '={{ "ten" }}', /^'Max Deletions' must be a whole number from 1 to 100000, not 'ten'$/],
		['NaN', '={{ NaN }}', /^'Max Deletions' must be a whole number from 1 to 100000, not NaN$/],
		['zero', 0, /^'Max Deletions' must be a whole number from 1 to 100000, not 0$/],
	])("Max Deletions given %s: nothing listed, nothing deleted", async (_, maxDeletions, message) => {
		const { error } = await cleanUp({ preview: false, maxDeletions });

		expect(error?.message).toMatch(message);
		expect(scnet.sandbox.requests).toEqual([]);
		expect(scnet.sandbox.containers.size).toBe(24);
	});

	it('reads Max Deletions given as digits (a webhook query): the brake holds', async () => {
		const { error } = await cleanUp({ preview: false, maxDeletions: '={{ $json.query.max }}' }, { query: { max: '3' } });

		expect(error?.message).toBe(`Clean Up matched ${finished().length} containers, more than 'Max Deletions' (3): nothing was deleted`);
		expect(deletes()).toEqual([]);
	});

	it.each([
		['nothing', '={{ $json.none }}', 'nothing (the expression gave no value)'],
		['an empty text', '={{ "" }}', 'an empty text'],
		['a word', '={{ "yes" }}', "'yes'"],
		['a number', '={{ 0 }}', '0'],
	])('Preview given %s: refused, nothing deleted', async (_, preview, shown) => {
		const { error } = await cleanUp({ preview });

		expect(error?.message).toBe(`'Preview' must be true or false, not ${shown}`);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it("reads Preview given as the text 'TRUE' as on, and 'false' as off", async () => {
		const previewed = await cleanUp({ preview: '={{ $json.preview }}' }, { preview: 'TRUE' });
		expect(json(previewed.main).every((item) => item.preview === true)).toBe(true);
		expect(deletes()).toEqual([]);

		const deleted = await cleanUp({ preview: '={{ $json.preview }}' }, { preview: 'false' });
		expect(json(deleted.main).every((item) => item.deleted === true)).toBe(true);
	});

	it.each([
		['an empty text', '={{ "" }}'],
		['an empty list', '={{ [] }}'],
		['nothing', '={{ $json.none }}'],
		['no status at all', []],
	])("Statuses given %s: refused (never 'any status'), nothing deleted", async (_, statuses) => {
		const { error } = await cleanUp({ preview: false, statuses });

		expect(error?.message).toMatch(/^'Statuses' must be one or more of Running, Deploying, Waiting, Terminated, Failed, Completed, not /);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('refuses a status it does not know, naming it', async () => {
		const { error } = await cleanUp({ statuses: '={{ "Failed, Finished" }}' });

		expect(error?.message).toMatch(/, not 'Finished'$/);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('reads Statuses given as comma-separated text, as an agent gives them', async () => {
		const { main } = await cleanUp({ statuses: '={{ "Failed,Completed" }}' });

		expect(json(main).map((item) => item.status).sort()).toEqual(
			[...scnet.sandbox.containers.values()].filter((one) => ['Failed', 'Completed'].includes(one.status)).map((one) => one.status).sort(),
		);
	});

	it.each([
		['Older Than (Hours)', { olderThanHours: '={{ "a day" }}' }, /^'Older Than \(Hours\)' must be a number from 0 to \d+, not 'a day'$/],
		['Include Kept', { options: { includeKept: '={{ "maybe" }}' } }, /^'Include Kept' must be true or false, not 'maybe'$/],
	])('refuses %s it cannot read', async (_, parameters, message) => {
		const { error } = await cleanUp(parameters);

		expect(error?.message).toMatch(message);
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it.each([
		['Protect IDs', { protectIds: '={{ $json.keep }}' }],
		['Protect Names Matching', { protect: '={{ $json.keep }}' }],
		['Name Contains', { nameContains: '={{ $json.keep }}' }],
		['Name Matches', { nameMatches: '={{ $json.keep }}' }],
	])('refuses %s as an expression that gives nothing (it would protect nothing, or match every name)', async (label, parameters) => {
		const { error } = await cleanUp({ preview: false, ...parameters }, { keep: '' });

		expect(error?.message).toBe(`'${label}' must be a value when it is an expression, not an empty text`);
		expect(error?.description).toContain('Empty the field to switch the rule off');
		expect(scnet.sandbox.requests).toEqual([]);
	});

	it('gives the refusal as its one error item with "Continue", never the input passed on', async () => {
		const { main } = await cleanUp({ preview: false, maxDeletions: '={{ "ten" }}' }, { id: id(2) }, 'continueRegularOutput');

		expect(main).toEqual([{ json: { error: "'Max Deletions' must be a whole number from 1 to 100000, not 'ten'" }, pairedItem: { item: 0 } }]);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});

describe('Container → Clean Up: what cannot be read for certain is kept', () => {
	it('protects IDs given in upper case (SCNet lists them in lower case)', async () => {
		const [target] = finished();
		const { main } = await cleanUp({ preview: false, protectIds: target.toUpperCase(), options: { includeKept: true } });

		expect(main.find((item) => item.json.id === target)?.json).toMatchObject({ kept: true, deleted: false });
		expect(scnet.sandbox.containers.has(target)).toBe(true);
	});

	it('reads the name under every plausible key, and keeps a container whose name cannot be read when a name rule is set', async () => {
		listing([
			{ id: id(1), name: 'prod-db', status: 'Failed', createTime: old },
			{ instanceServiceId: id(2), instanceName: 'ci-7', status: 'Failed', createTime: old },
			{ id: id(3), status: 'Failed', createTime: old },
		]);
		const { main } = await cleanUp({ preview: false, protect: 'prod', options: { includeKept: true } });
		const byId = Object.fromEntries(json(main).map((item) => [item.id, item]));

		expect(byId[id(1)]).toMatchObject({ kept: true, name: 'prod-db', reason: 'kept: its name matches the protection /prod/' });
		expect(byId[id(2)]).toMatchObject({ deleted: true, name: 'ci-7' });
		expect(byId[id(3)]).toMatchObject({ kept: true, name: null, reason: 'kept: its name cannot be read, and a name rule is set' });
		expect(deletes().map((request) => queryOf(request).getAll('ids'))).toEqual([[id(2)]]);
	});

	it('sends only listed IDs that pass the same check as Delete input (a listed "a,b" is kept)', async () => {
		listing([
			{ id: `${id(1)},${id(2)}`, instanceServiceName: 'two-in-one', status: 'Failed', createTime: old },
			{ id: id(4), instanceServiceName: 'plain', status: 'Failed', createTime: old },
		]);
		const { main } = await cleanUp({ preview: false, options: { includeKept: true } });

		expect(json(main).find((item) => item.name === 'two-in-one')).toMatchObject({ kept: true, reason: 'kept: its ID is not a valid container ID' });
		expect(deletes().map((request) => queryOf(request).getAll('ids'))).toEqual([[id(4)]]);
	});
});

describe('Container → Clean Up: patterns that could make n8n hang are refused', () => {
	it.each(['(a+)+$', '^(ci-[0-9]+)+$', '(x|xy)*z'])('refuses %s before listing', async (pattern) => {
		(scnet.sandbox.containers.get(id(3)) as SandboxContainer).instanceServiceName = 'a'.repeat(40);
		const protect = await cleanUp({ protect: pattern });
		const matches = await cleanUp({ nameMatches: pattern });

		expect(protect.error?.message).toMatch(/^'Protect Names Matching' could make n8n hang: the group '.+' repeats and holds /);
		expect(matches.error?.message).toMatch(/^'Name Matches' could make n8n hang: /);
		expect(scnet.sandbox.requests).toEqual([]);
	});
});

describe('Container → Clean Up: the preview tells the truth about the run it previews', () => {
	it("says the run would stop when more than 'Max Deletions' match", async () => {
		const count = finished().length;
		const { main } = await cleanUp({ maxDeletions: 3 });

		expect(main).toHaveLength(count);
		expect(json(main).every((item) => item.message === `Preview: would stop: ${count} matches, more than 'Max Deletions' (3); nothing would be deleted`)).toBe(true);
		expect(deletes()).toEqual([]);
	});
});

describe('Container → Clean Up: a container listed twice is judged and deleted once', () => {
	it('counts it once and sends its ID once', async () => {
		const twice = { id: id(4), instanceServiceName: 'twice', status: 'Failed', createTime: old };
		listing([twice, { id: id(5), instanceServiceName: 'once', status: 'Failed', createTime: old }, twice]);
		const { main } = await cleanUp({ preview: false });

		expect(json(main).map((item) => [item.id, item.deleted])).toEqual([
			[id(4), true],
			[id(5), true],
		]);
		expect(deletes().map((request) => queryOf(request).getAll('ids'))).toEqual([[id(4), id(5)]]);
	});
});

describe('Container → Clean Up: a listing it cannot trust deletes nothing', () => {
	it.each([
		['SCNet ignores start', () => scnet.sandbox.configureList({ ignoresStart: true, pageCap: 7 }), /SCNet seems to ignore 'start'/],
		['entries have no ID', () => listing([{ instanceServiceName: 'no id', status: 'Failed', createTime: old }, { id: id(5), status: 'Failed', createTime: old }]), /1 of its entries had no ID/],
		[
			'a total of 24 with 7 containers and then an empty page',
			() =>
				scnet.sandbox.addFault({
					when: onRoute('list'),
					respond: (request) => ({ body: { code: '0', msg: 'success', data: { list: queryOf(request).get('start') === '0' ? [...scnet.sandbox.containers.values()].slice(0, 7) : [], total: 24 } } }),
				}),
			/was empty/,
		],
	])('when %s', async (_, misbehave, why) => {
		misbehave();
		const { main, error } = await cleanUp({ preview: false });

		expect(main).toEqual([]);
		expect(error?.message).toMatch(/^The container list could not be read completely: /);
		expect(error?.message).toMatch(why);
		expect(deletes()).toEqual([]);
	});
});
