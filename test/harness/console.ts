/** Collects everything written through `console` during each test of the file (and keeps it off the terminal). */
export function captureConsole(): { text(): string } {
	const captured: string[] = [];
	let restore: Array<() => void> = [];
	beforeEach(() => {
		captured.length = 0;
		restore = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => {
			const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
				captured.push(args.map(String).join(' '));
			});
			return () => spy.mockRestore();
		});
	});
	afterEach(() => restore.forEach((undo) => undo()));
	return { text: () => captured.join('\n') };
}
