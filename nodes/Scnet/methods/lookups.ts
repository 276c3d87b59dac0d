export { entriesOf, textAt } from '../../shared/helpers/entries';
export { EDITOR_LOOKUP as LOOKUP_SETTINGS } from '../../shared/parameters/options';

/** Case-insensitive "contains" for the editor's search box. */
export function containsText(haystack: Array<string | undefined>, filter?: string): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	return needle === '' || haystack.some((text) => text?.toLowerCase().includes(needle));
}

