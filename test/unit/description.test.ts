import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { resources } from '../../nodes/Scnet/actions/router';
import { properties } from '../../nodes/Scnet/versionDescription';


const optionsOf = (property: INodeProperties | undefined) => (property?.options ?? []) as INodePropertyOptions[];

describe('the node description', () => {
	const resourceValues = optionsOf(properties.find((property) => property.name === 'resource')).map((option) => String(option.value));

	it('lists at least one resource', () => {
		expect(resourceValues.length).toBeGreaterThan(0);
	});

	it.each(resourceValues)('has a handler for every operation of %s, and no handler without an operation', (resource) => {
		const operationField = properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource),
		);
		const listed = optionsOf(operationField).map((option) => String(option.value));

		expect(listed.length).toBeGreaterThan(0);
		for (const operation of listed) expect(typeof resources[resource]?.[operation]?.execute).toBe('function');
		expect(Object.keys(resources[resource]).sort()).toEqual([...listed].sort());
	});

	it('gives every operation an action and a description, and every field a description', () => {
		for (const property of properties.filter((candidate) => candidate.name === 'operation')) {
			for (const option of optionsOf(property)) {
				expect(option.action).toBeTruthy();
				expect(option.description).toBeTruthy();
			}
		}
		const fields = properties
			.filter((candidate) => !['resource', 'operation'].includes(candidate.name))
			.flatMap((property) => (property.type === 'collection' ? (property.options as INodeProperties[]) : [property]));
		for (const field of fields) expect([field.name, Boolean(field.description) || field.type === 'notice']).toEqual([field.name, true]);
	});

	it("shows each operation's fields only with that operation", () => {
		for (const property of properties.filter((candidate) => !['resource', 'operation'].includes(candidate.name))) {
			const operations = property.displayOptions?.show?.operation ?? [];
			expect([property.name, operations.length > 0]).toEqual([property.name, true]);
		}
	});
});
