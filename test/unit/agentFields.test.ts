import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

import { Scnet } from '../../nodes/Scnet/Scnet.node';

/*
 * Issue 18: n8n offers "let the model define this parameter" ($fromAI) on every field but those of
 * type 'options' (and credential selectors), and a model cannot fill a fixedCollection. From
 * version 3 every field the node shows is one it can fill, but the choice of resource and
 * operation (which n8n's tool variant fixes).
 */
type Condition = { _cnd: { gte?: number; lt?: number; between?: { from: number; to: number } } };

const shownIn = (version: number) => (property: INodeProperties) => {
	const versions = property.displayOptions?.show?.['@version'] as Array<number | Condition> | undefined;
	if (!versions) return true;
	return versions.some((condition) => {
		if (typeof condition === 'number') return condition === version;
		const { gte, lt, between } = condition._cnd;
		return (gte === undefined || version >= gte) && (lt === undefined || version < lt) && (between === undefined || (version >= between.from && version <= between.to));
	});
};

/** Every field the node shows in `version`, collections' and fixedCollections' own fields too. */
function fieldsIn(version: number): INodeProperties[] {
	const shown = shownIn(version);
	const walk = (properties: INodeProperties[]): INodeProperties[] =>
		properties.filter(shown).flatMap((property) => {
			if (property.type === 'collection') return [property, ...walk((property.options ?? []) as INodeProperties[])];
			if (property.type === 'fixedCollection') return [property, ...((property.options ?? []) as INodePropertyCollection[]).flatMap((option) => walk(option.values))];
			return [property];
		});
	return walk(new Scnet().description.properties);
}

describe('Version 3: every field an AI agent can fill', () => {
	it("shows no dropdown ('options') but Resource and Operation, and no fixedCollection", () => {
		const unfillable = fieldsIn(3).filter((field) => (field.type === 'options' && !['resource', 'operation'].includes(field.name)) || field.type === 'fixedCollection');

		expect(unfillable.map((field) => `${field.displayName} (${field.name})`)).toEqual([]);
	});

	it("versions 1 and 2 keep their dropdowns (their saved workflows keep their fields)", () => {
		for (const version of [1, 2]) {
			const dropdowns = fieldsIn(version).filter((field) => field.type === 'options' && !['resource', 'operation'].includes(field.name));

			expect(dropdowns.map((field) => field.name).sort()).toEqual(
				['acceleratorType', 'acceleratorType', 'permission', 'protocolType', 'resourceGroup', 'scheduler', 'scheduler', 'scheduler', 'scheduler', 'scheduler', 'scope', 'source', 'startScriptScope', 'stream', 'taskType', 'taskType', 'type', 'type', 'queue'].sort(),
			);
		}
	});

	it("every picker's list is one of the node's listSearch methods", () => {
		const methods = Object.keys(new Scnet().methods.listSearch);
		const pickers = fieldsIn(3).filter((field) => field.type === 'resourceLocator');
		const listed = pickers.flatMap((field) => (field.modes ?? []).flatMap((mode) => (mode.typeOptions?.searchListMethod ? [mode.typeOptions.searchListMethod] : [])));

		expect(pickers.length).toBeGreaterThan(10);
		expect(listed.filter((method) => !methods.includes(method))).toEqual([]);
		// Each picker takes a value typed too ('By Value', 'By ID', …): what $fromAI gives.
		expect(pickers.filter((field) => !(field.modes ?? []).some((mode) => mode.type === 'string')).map((field) => field.name)).toEqual([]);
	});
});
