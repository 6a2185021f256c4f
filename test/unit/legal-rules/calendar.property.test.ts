import fc from 'fast-check';
import {
  addDays,
  cstDate,
  type HolidayCalendar,
  HolidayCalendarInput,
  isWorkingDay,
  mergeCalendars,
  periodDays,
} from '../../../packages/legal-rules/calendar';
import { DAY_MS } from './fixtures';

const CST_OFFSET_MS = 8 * 3_600_000;
const YEARS = [2025, 2026, 2027];

/** Any instant, to the millisecond, within 2026 in CST. */
const instantIn2026 = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00+08:00'), max: Date.parse('2027-01-01T00:00:00+08:00') - 1 })
  .map((ms) => new Date(ms));

const dateInYear = (year: number, dayOfYear: number): string =>
  new Date(Date.UTC(year, 0, 1 + dayOfYear)).toISOString().slice(0, 10);

const isWeekendDate = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** One year's random holidays (at least one, as every PRC year has) and make-up weekend days. */
const yearCalendar = (year: number) =>
  fc
    .record({
      holidays: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { minLength: 1, maxLength: 40 }),
      makeUp: fc.uniqueArray(fc.integer({ min: 0, max: 364 }), { maxLength: 20 }),
    })
    .map(({ holidays, makeUp }) => {
      const holidayDates = holidays.map((day) => dateInYear(year, day));
      const makeUpWorkdays = makeUp
        .map((day) => dateInYear(year, day))
        .filter((date) => isWeekendDate(date) && !holidayDates.includes(date));
      return HolidayCalendarInput.parse({ year, holidays: holidayDates, makeUpWorkdays });
    });

/** Random calendars for 2025–2027, wide enough for ±60 working days from any day of 2026. */
const anyCalendar: fc.Arbitrary<HolidayCalendar> = fc
  .tuple(...YEARS.map(yearCalendar))
  .map((years) => mergeCalendars(...years));

/** Counts working days the slow way: every CST date after the start day through the last one. */
const naiveWorkingDays = (from: Date, lastDay: string, calendar: HolidayCalendar): number => {
  let counted = 0;
  for (let day = Date.parse(`${cstDate(from)}T00:00:00Z`) + DAY_MS; ; day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (date > lastDay) return counted;
    if (isWorkingDay(date, calendar)) counted += 1;
  }
};

const isCstMidnight = (instant: Date): boolean => (instant.getTime() + CST_OFFSET_MS) % DAY_MS === 0;

describe('day counting, for any instant and calendar', () => {
  it('calendar days: n days after `from` have run exactly at addDays, and not a millisecond before', () => {
    fc.assert(
      fc.property(instantIn2026, fc.integer({ min: 1, max: 400 }), anyCalendar, (from, n, calendar) => {
        const end = addDays(from, n, 'calendar', calendar);
        expect(end.getTime() - from.getTime()).toBe(n * DAY_MS);
        expect(periodDays(from, end, 'calendar', calendar)).toBe(n);
        expect(periodDays(from, new Date(end.getTime() - 1), 'calendar', calendar)).toBe(n - 1);
      }),
    );
  });

  it('working days: n days after `from` have run exactly at addDays, and not a millisecond before', () => {
    fc.assert(
      fc.property(instantIn2026, fc.integer({ min: 1, max: 60 }), anyCalendar, (from, n, calendar) => {
        const end = addDays(from, n, 'working', calendar);
        expect(periodDays(from, end, 'working', calendar)).toBe(n);
        expect(periodDays(from, new Date(end.getTime() - 1), 'working', calendar)).toBe(n - 1);
      }),
    );
  });

  it('working days end at 24:00 CST of a working day, the n-th one after the start day', () => {
    fc.assert(
      fc.property(instantIn2026, fc.integer({ min: 1, max: 60 }), anyCalendar, (from, n, calendar) => {
        const end = addDays(from, n, 'working', calendar);
        const lastDay = cstDate(new Date(end.getTime() - 1));
        expect(isCstMidnight(end)).toBe(true);
        expect(isWorkingDay(lastDay, calendar)).toBe(true);
        expect(naiveWorkingDays(from, lastDay, calendar)).toBe(n);
      }),
    );
  });

  it('counting back, n days run from addDays(−n) to `from`, and not from a millisecond later', () => {
    fc.assert(
      fc.property(
        instantIn2026,
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('calendar' as const, 'working' as const),
        anyCalendar,
        (from, n, kind, calendar) => {
          const latest = addDays(from, -n, kind, calendar);
          expect(periodDays(latest, from, kind, calendar)).toBe(n);
          expect(periodDays(new Date(latest.getTime() + 1), from, kind, calendar)).toBe(n - 1);
        },
      ),
    );
  });

  it('counting back in working days, the period starts on a working day, at 00:00 CST', () => {
    fc.assert(
      fc.property(instantIn2026, fc.integer({ min: 1, max: 60 }), anyCalendar, (from, n, calendar) => {
        const firstCounted = new Date(addDays(from, -n, 'working', calendar).getTime() + 1);
        expect(isCstMidnight(firstCounted)).toBe(true);
        expect(isWorkingDay(cstDate(firstCounted), calendar)).toBe(true);
      }),
    );
  });
});
