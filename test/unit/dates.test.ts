import { isTimeZone, readDateTime } from '../../nodes/shared/helpers/dates';

const iso = (text: unknown, zone: string) => readDateTime(text, zone)?.toISOString();

describe('readDateTime', () => {
	describe("SCNet's zone-less createTime", () => {
		it.each([
			['Asia/Shanghai', '2026-11-10T02:30:00.000Z'],
			['+08:00', '2026-11-10T02:30:00.000Z'],
			['+0800', '2026-11-10T02:30:00.000Z'],
			['UTC+8', '2026-11-10T02:30:00.000Z'],
			['GMT+08:00', '2026-11-10T02:30:00.000Z'],
			['+00:00', '2026-11-10T10:30:00.000Z'],
			['UTC', '2026-11-10T10:30:00.000Z'],
			['-05:30', '2026-11-10T16:00:00.000Z'],
			['America/New_York', '2026-11-10T15:30:00.000Z'],
			['Asia/Kolkata', '2026-11-10T05:00:00.000Z'],
		])('is read as a wall-clock time in %s', (zone, expected) => {
			expect(iso('2026-11-10 10:30:00', zone)).toBe(expected);
		});

		it('crosses midnight and the year backwards when the zone is ahead of UTC', () => {
			expect(iso('2026-01-01 03:00:00', 'Asia/Shanghai')).toBe('2025-12-31T19:00:00.000Z');
		});

		it('takes a T between date and time, a missing second and a date alone (midnight)', () => {
			expect(iso('2026-11-10T10:30:00', '+08:00')).toBe('2026-11-10T02:30:00.000Z');
			expect(iso('2026-11-10 10:30', '+08:00')).toBe('2026-11-10T02:30:00.000Z');
			expect(iso('2026-11-10', '+08:00')).toBe('2026-11-09T16:00:00.000Z');
		});

		it('ignores blanks around the text and the zone', () => {
			expect(iso('  2026-11-10 10:30:00 ', ' Asia/Shanghai ')).toBe('2026-11-10T02:30:00.000Z');
		});

		it('keeps fractions of a second, to the millisecond', () => {
			expect(iso('2026-11-10T10:30:00.250', '+00:00')).toBe('2026-11-10T10:30:00.250Z');
			expect(iso('2026-11-10T10:30:00.29', '+00:00')).toBe('2026-11-10T10:30:00.290Z');
			expect(iso('2026-12-31T23:59:59.999999', '+00:00')).toBe('2026-12-31T23:59:59.999Z');
		});
	});

	describe('daylight saving time (Europe/Berlin)', () => {
		it.each([
			['winter (CET, UTC+1)', '2026-01-15 12:00:00', '2026-01-15T11:00:00.000Z'],
			['summer (CEST, UTC+2)', '2026-07-15 12:00:00', '2026-07-15T10:00:00.000Z'],
			['the last minute before the spring change', '2026-03-29 01:59:00', '2026-03-29T00:59:00.000Z'],
			['the first minute after the spring change', '2026-03-29 03:00:00', '2026-03-29T01:00:00.000Z'],
			['the evening of the spring change', '2026-03-29 23:00:00', '2026-03-29T21:00:00.000Z'],
			['the morning before the autumn change', '2026-10-25 01:30:00', '2026-10-24T23:30:00.000Z'],
			['after the autumn change', '2026-10-25 03:30:00', '2026-10-25T02:30:00.000Z'],
			['the evening of the autumn change', '2026-10-25 23:00:00', '2026-10-25T22:00:00.000Z'],
		])('reads %s with the offset in force then', (_, text, expected) => {
			expect(iso(text, 'Europe/Berlin')).toBe(expected);
		});

		it('moves a time in the spring gap (02:30 does not exist) forward by the gap, as clocks do', () => {
			expect(iso('2026-03-29 02:30:00', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
		});

		it('reads a time the autumn change repeats as one of its two instants', () => {
			expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(iso('2026-10-25 02:30:00', 'Europe/Berlin'));
		});

		it('reads the same wall-clock time differently in July and January', () => {
			const summer = readDateTime('2026-07-01 00:00:00', 'Europe/Berlin') as Date;
			const winter = readDateTime('2026-01-01 00:00:00', 'Europe/Berlin') as Date;

			expect(summer.getUTCHours()).toBe(22);
			expect(winter.getUTCHours()).toBe(23);
		});
	});

	describe('a text that names its zone', () => {
		it.each([
			['Z', '2026-11-10T10:30:00Z', '2026-11-10T10:30:00.000Z'],
			['a lower-case z', '2026-11-10T10:30:00z', '2026-11-10T10:30:00.000Z'],
			['Z after a space-separated time', '2026-11-10 10:30:00Z', '2026-11-10T10:30:00.000Z'],
			['an offset', '2026-11-10T10:30:00+08:00', '2026-11-10T02:30:00.000Z'],
			['an offset without colon', '2026-11-10T10:30:00+0800', '2026-11-10T02:30:00.000Z'],
			['a negative offset', '2026-11-10T10:30:00-05:00', '2026-11-10T15:30:00.000Z'],
			['milliseconds and an offset (as Luxon writes it)', '2026-11-10T10:30:00.500+01:00', '2026-11-10T09:30:00.500Z'],
			['an offset after a blank', '2026-11-10 10:30:00 +08:00', '2026-11-10T02:30:00.000Z'],
			['an offset of whole hours', '2026-11-10T10:30:00+08', '2026-11-10T02:30:00.000Z'],
		])('is read as written with %s, whatever the zone given', (_, text, expected) => {
			expect(iso(text, 'Asia/Shanghai')).toBe(expected);
			expect(iso(text, 'America/New_York')).toBe(expected);
		});
	});

	describe('what is not a date and time', () => {
		it.each([
			['undefined', undefined],
			['null', null],
			['a number', 1731205800000],
			['a Date object', new Date('2026-11-10T10:30:00Z')],
			['an empty text', ''],
			['blanks', '   '],
			['SCNet\'s "--"', '--'],
			['a word', 'yesterday'],
			['a word with an offset', 'hello +0800'],
			['a word ending in Z', 'tomorrow at noon Z'],
			['a date in another order', '10/11/2026 10:30'],
			['an RFC 2822 date', 'Tue, 10 Nov 2026 10:30:00 +0800'],
			['a day that does not exist', '2026-02-30 10:30:00'],
			['a day that does not exist, with Z', '2026-02-30T10:30:00Z'],
			['a day that does not exist, with an offset', '2026-02-30T10:30:00+08:00'],
			['the 31st of a 30-day month', '2026-11-31 10:30:00'],
			['29 February of a common year', '2026-02-29 00:00:00'],
			['month 13', '2026-13-10 10:30:00'],
			['month 00', '2026-00-10 10:30:00'],
			['day 00', '2026-11-00 10:30:00'],
			['hour 24', '2026-11-10 24:00:00'],
			['hour 25', '2026-11-10 25:30:00'],
			['minute 60', '2026-11-10 10:60:00'],
			['second 60', '2026-11-10 10:30:60'],
			['an offset of 25 hours', '2026-11-10T10:30:00+25:00'],
			['trailing text', '2026-11-10 10:30:00 (China)'],
		])('gives undefined for %s', (_, text) => {
			expect(readDateTime(text, 'Asia/Shanghai')).toBeUndefined();
		});

		it('takes 29 February of a leap year', () => {
			expect(iso('2028-02-29 08:00:00', '+08:00')).toBe('2028-02-29T00:00:00.000Z');
		});
	});
});

describe('isTimeZone', () => {
	it.each(['Asia/Shanghai', 'Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires', ' Asia/Shanghai ', '+08:00', '+0800', '+8', '-05:30', 'UTC+8', 'GMT-03:00', '+00:00', '+14:00', '-12:00'])(
		'accepts %s',
		(zone) => {
			expect(isTimeZone(zone)).toBe(true);
		},
	);

	it.each(['', '   ', 'Mars/Olympus_Mons', 'China time', '08:00', '+8h', '++08:00', '+25:00', '+08:75', '+99'])('refuses %p', (zone) => {
		expect(isTimeZone(zone)).toBe(false);
	});

	it('accepts every zone it reads with (an accepted zone never makes readDateTime fail)', () => {
		for (const zone of ['Asia/Shanghai', '+08:00', 'UTC+8', '-05:30']) {
			expect(readDateTime('2026-11-10 10:30:00', zone)).toBeInstanceOf(Date);
		}
	});
});
