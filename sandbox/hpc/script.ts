/**
 * What a job's command (`GAP_CMD_FILE`) prints, read from a few shell commands, so a test asks for
 * output by writing an ordinary script: `seq 100000` prints 100,000 lines, `echo text` one,
 * `echo text >&2` one on stderr, `exit 3` ends the script with that code. Other commands print
 * nothing. Lines are made on demand (a segment is a count and a way to make its i-th line), so a
 * file of millions of lines costs nothing until it is read.
 *
 * Commands are split at newlines, `;` and `&&` without regard to quotes: a sandbox, not a shell.
 */

export type Stream = 'stdout' | 'stderr';

interface Segment {
	stream: Stream;
	count: number;
	line(index: number): string;
}

export interface ScriptOutput {
	segments: Segment[];
	exitCode: number;
}

/** Redirections to stderr, before or after the command. */
const TO_STDERR = /(^|\s)1?>&2(\s|$)/;

export function runScript(command: string): ScriptOutput {
	const segments: Segment[] = [];
	for (const raw of command.split(/\n|;|&&/)) {
		const text = raw.trim();
		const stream: Stream = TO_STDERR.test(text) ? 'stderr' : 'stdout';
		const words = text.replace(TO_STDERR, ' ').trim().split(/\s+/);
		if (words[0] === 'exit') return { segments, exitCode: Number(words[1] ?? 0) || 0 };
		// Output sent to a file does not reach the job's stdout or stderr.
		if (/(^|\s)\d?>>?\s*[^&\s]/.test(text)) continue;
		const segment = words[0] === 'seq' ? seq(words.slice(1), stream) : words[0] === 'echo' ? echo(words.slice(1), stream) : undefined;
		if (segment && segment.count > 0) segments.push(segment);
	}
	return { segments, exitCode: 0 };
}

/** `seq LAST` or `seq FIRST LAST`. */
function seq(args: string[], stream: Stream): Segment | undefined {
	const numbers = args.map(Number);
	if (numbers.length < 1 || numbers.length > 2 || !numbers.every(Number.isInteger)) return undefined;
	const [first, last] = numbers.length === 1 ? [1, numbers[0]] : numbers;
	return { stream, count: Math.max(0, last - first + 1), line: (index) => String(first + index) };
}

function echo(args: string[], stream: Stream): Segment {
	const text = args.join(' ').replace(/^(["'])(.*)\1$/, '$2');
	return { stream, count: 1, line: () => text };
}

/** The lines one file holds: the segments of the streams written to it, in order. */
export class OutputFile {
	private readonly segments: Segment[];

	readonly lineCount: number;

	constructor(output: ScriptOutput, streams: readonly Stream[]) {
		this.segments = output.segments.filter((segment) => streams.includes(segment.stream));
		this.lineCount = this.segments.reduce((sum, segment) => sum + segment.count, 0);
	}

	/** Lines `from` (inclusive) to `to` (exclusive), 0-based. */
	lines(from: number, to: number): string[] {
		const lines: string[] = [];
		let offset = 0;
		for (const segment of this.segments) {
			const start = Math.max(from, offset);
			const end = Math.min(to, offset + segment.count);
			for (let index = start; index < end; index++) lines.push(segment.line(index - offset));
			offset += segment.count;
			if (offset >= to) break;
		}
		return lines;
	}
}
