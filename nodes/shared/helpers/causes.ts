/** An error and the errors nested in it as `cause` (n8n wraps what it catches), outermost first. */
export function causeChain(error: unknown, maxDepth = 4): object[] {
	const chain: object[] = [];
	for (let current = error; chain.length < maxDepth && current && typeof current === 'object'; ) {
		chain.push(current);
		current = (current as { cause?: unknown }).cause;
	}
	return chain;
}
