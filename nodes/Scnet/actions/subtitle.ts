import { RESOURCES } from './resources';

/** Each operation's canvas name, by `resource:operation`: its name and its resource's, e.g. 'Clean Up: Container'. */
const NAMES = Object.fromEntries(
	RESOURCES.flatMap((resource) => Object.values(resource.handlers).map((operation) => [`${resource.option.value}:${operation.option.value}`, `${operation.option.name}: ${resource.option.name}`])),
);

/**
 * The node's canvas subtitle, an expression the editor evaluates: the operation's and resource's
 * names from the 'Resource' and 'Operation' lists (built from RESOURCES, so a new operation has
 * its name at once), the raw values for a pair those lists lack. The names sit in one flat object
 * (no `}}` inside the expression).
 */
export const SUBTITLE = `={{ (${JSON.stringify(NAMES)})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
