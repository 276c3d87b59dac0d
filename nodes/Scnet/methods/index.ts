/** What the editor asks the node for: the pickers' lists. */
export * as listSearch from './listSearch';
export * as loadOptions from './loadOptions';
