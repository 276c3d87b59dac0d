/*
 * Wall-clock times without a zone, read in a given zone. SCNet writes `createTime` as
 * `YYYY-MM-DD HH:mm:ss` with no zone (the platform runs on China time), and n8n's date pickers
 * give times without a zone too (meant in the workflow's time zone).
 */

// Date, optional time (fraction of a second kept) and optional zone; each field's range is checked after matching.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)? ?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const FIXED_OFFSET = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
/** Real offsets run from -12:00 to +14:00; anything past ±14:00 is a typo, not a zone. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** Minutes ahead of UTC of an offset such as `+08:00`, `-0530` or `UTC+8`; undefined for anything else. */
function fixedOffset(zone: string): number | undefined {
	const match = FIXED_OFFSET.exec(zone.trim());
	if (!match) return undefined;
	const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
	if (Number(match[3] ?? 0) > 59 || minutes > MAX_OFFSET_MINUTES) return undefined;
	return (match[1] === '-' ? -1 : 1) * minutes;
}

/** Whether `zone` is an offset such as `+08:00` or an IANA name such as `Asia/Shanghai`. */
export function isTimeZone(zone: string): boolean {
	if (FIXED_OFFSET.test(zone.trim())) return fixedOffset(zone) !== undefined;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone.trim() });
		return true;
	} catch {
		return false;
	}
}

/** Building a formatter costs far more than using one, and a list reads thousands of times. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/**
 * Offsets by zone and quarter hour: zones change their offset at whole quarter hours of UTC (their
 * offsets are quarter hours, their changes on the local hour), and thousands of containers created
 * over a few days ask for few distinct quarters.
 */
const offsetsByQuarter = new Map<string, number>();

/** Minutes ahead of UTC in `zone` at the instant `utcMs`. */
function offsetMinutes(zone: string, utcMs: number): number {
	const fixed = fixedOffset(zone);
	if (fixed !== undefined) return fixed;
	const key = `${zone}|${Math.floor(utcMs / 900000)}`;
	const known = offsetsByQuarter.get(key);
	if (known !== undefined) return known;
	if (offsetsByQuarter.size >= 10000) offsetsByQuarter.clear();
	const offset = zoneOffsetAt(zone, utcMs);
	offsetsByQuarter.set(key, offset);
	return offset;
}

function zoneOffsetAt(zone: string, utcMs: number): number {
	const parts = formatterFor(zone.trim()).formatToParts(new Date(utcMs));
	const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
	const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
}

/**
 * The instant a date-time text means: with a zone (`Z`, `+08:00`) as written, without one as a
 * wall-clock time in `zone`. Undefined for anything that is not a date-time, such as 30 February
 * or 10:60 (which `Date.parse` would quietly roll over).
 */
export function readDateTime(text: unknown, zone: string): Date | undefined {
	if (typeof text !== 'string') return undefined;
	const match = DATE_TIME.exec(text.trim());
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
	if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
	const milliseconds = Number((match[7] ?? '.').slice(1, 4).padEnd(3, '0'));
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, milliseconds);
	if (new Date(wall).getUTCDate() !== day) return undefined;
	if (match[8]) {
		const offset = match[8].toUpperCase() === 'Z' ? 0 : fixedOffset(match[8]);
		return offset === undefined ? undefined : new Date(wall - offset * 60000);
	}
	// The zone's offset at the guessed instant, checked once more at the result (daylight saving).
	const guess = wall - offsetMinutes(zone, wall) * 60000;
	return new Date(wall - offsetMinutes(zone, guess) * 60000);
}

/** `instant` as SCNet writes times: `YYYY-MM-DD HH:mm:ss`, the wall-clock time in `zone`, without a zone. */
export function formatWallTime(instant: Date, zone: string): string {
	const wall = new Date(instant.getTime() + offsetMinutes(zone, instant.getTime()) * 60000);
	return wall.toISOString().slice(0, 19).replace('T', ' ');
}
