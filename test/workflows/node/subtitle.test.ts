import type { INodePropertyOptions } from 'n8n-workflow';

import { Scnet } from '../../../nodes/Scnet/Scnet.node';
import { canvasSubtitle } from '../../harness/subtitle';

/* The canvas subtitle (issue 18): the operation's and resource's names, not their values ('cleanUp: container'). */
const nodeType = new Scnet();
const { properties } = nodeType.description;
const namesOf = (name: string, resource?: string) =>
	properties
		.filter((field) => field.name === name && (resource === undefined || field.displayOptions?.show?.resource?.includes(resource)))
		.flatMap((field) => field.options as INodePropertyOptions[]);

describe('SCNet node: canvas subtitle', () => {
	it("names the operation and the resource as the editor lists them: 'Clean Up: Container'", () => {
		expect(canvasSubtitle(nodeType, { resource: 'container', operation: 'cleanUp' }, 3)).toBe('Clean Up: Container');
		expect(canvasSubtitle(nodeType, { resource: 'job', operation: 'getOutput' }, 3)).toBe('Get Output: Job');
		expect(canvasSubtitle(nodeType, { resource: 'notebook', operation: 'getUrl' }, 1)).toBe('Get URL: Notebook');
	});

	it("names a node left on its version's defaults: Get Many from version 2, Delete in version 1", () => {
		expect(canvasSubtitle(nodeType, {}, 3)).toBe('Get Many: Container');
		expect(canvasSubtitle(nodeType, {}, 1)).toBe('Delete: Container');
	});

	it('names every operation of every resource, in every version, from the Resource and Operation lists', () => {
		const resources = namesOf('resource');
		expect(resources.length).toBeGreaterThan(0);
		for (const resource of resources) {
			const operations = namesOf('operation', String(resource.value));
			expect(operations.length).toBeGreaterThan(0);
			for (const operation of operations) {
				for (const version of [1, 2, 3]) {
					expect(canvasSubtitle(nodeType, { resource: resource.value, operation: operation.value }, version)).toBe(`${operation.name}: ${resource.name}`);
				}
			}
		}
	});

	it('shows the values as they are for an operation the lists lack, rather than nothing', () => {
		expect(canvasSubtitle(nodeType, { resource: 'job', operation: 'retired' }, 3)).toBe('retired: job');
	});
});
