/*
 * Wall-clock times without a zone, read in a given zone. SCNet writes `createTime` as
 * `YYYY-MM-DD HH:mm:ss` with no zone (the platform runs on China time), and n8n's date pickers
 * give times without a zone too (meant in the workflow's time zone).
 */

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const FIXED_OFFSET = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Whether `zone` is an offset such as `+08:00` or an IANA name such as `Asia/Shanghai`. */
export function isTimeZone(zone: string): boolean {
	if (FIXED_OFFSET.test(zone.trim())) return true;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone.trim() });
		return true;
	} catch {
		return false;
	}
}

/** Minutes ahead of UTC in `zone` at the instant `utcMs`. */
function offsetMinutes(zone: string, utcMs: number): number {
	const fixed = FIXED_OFFSET.exec(zone.trim());
	if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0));
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone.trim(),
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
	const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/**
 * The instant a date-time text means: with a zone (`Z`, `+08:00`) as written, without one as a
 * wall-clock time in `zone`. Undefined for anything that is not a date-time.
 */
export function readDateTime(text: unknown, zone: string): Date | undefined {
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	const value = text.trim();
	if (HAS_ZONE.test(value)) {
		const ms = Date.parse(value.replace(' ', 'T'));
		return Number.isFinite(ms) ? new Date(ms) : undefined;
	}
	const match = WALL_CLOCK.exec(value);
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	if (!Number.isFinite(wall) || new Date(wall).getUTCDate() !== day) return undefined;
	// The zone's offset at the guessed instant, checked once more at the result (daylight saving).
	const guess = wall - offsetMinutes(zone, wall) * 60000;
	return new Date(wall - offsetMinutes(zone, guess) * 60000);
}
