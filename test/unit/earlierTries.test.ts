import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { earlierTries } from '../../nodes/Scnet/actions/common/earlierTries';

/** A context as n8n hands one to a node: its execute data and its input items. */
const contextOf = (executeData: object | undefined, items: INodeExecutionData[]) =>
	({ getExecuteData: () => executeData, getInputData: () => items }) as unknown as IExecuteFunctions;

describe('what earlier tries of a run of the node did', () => {
	const items = [{ json: { name: 'a' } }];

	it('is shared by the tries of one run (the same execute data and input items)', () => {
		const run = {};
		earlierTries<string>(contextOf(run, items), 'items').set(0, 'created');

		expect(earlierTries<string>(contextOf(run, items), 'items').get(0)).toBe('created');
		expect(earlierTries<string>(contextOf(run, items), 'other').size).toBe(0);
	});

	it('is not seen by a later run of the node (a loop: other execute data)', () => {
		earlierTries<string>(contextOf({}, items), 'items').set(0, 'created');

		expect(earlierTries<string>(contextOf({}, items), 'items').size).toBe(0);
	});

	it('is not seen by another call of the node as an AI tool (the parent execute data, other items)', () => {
		const parent = {};
		earlierTries<string>(contextOf(parent, [{ json: { name: 'a' } }]), 'items').set(0, 'created');

		expect(earlierTries<string>(contextOf(parent, [{ json: { name: 'b' } }]), 'items').size).toBe(0);
	});

	it('remembers nothing without execute data or input items', () => {
		earlierTries<string>(contextOf(undefined, items), 'items').set(0, 'created');

		expect(earlierTries<string>(contextOf(undefined, items), 'items').size).toBe(0);
		expect(earlierTries<string>(contextOf({}, []), 'items').size).toBe(0);
	});
});
