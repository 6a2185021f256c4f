import {
  addDays,
  cstDate,
  demoCalendar,
  demoHolidays2026,
  demoHolidays2027,
  formatCst,
  HolidayCalendarDates,
  HolidayCalendarInput,
  isWorkingDay,
  mergeCalendars,
  periodDays,
} from '../../../packages/legal-rules/calendar';
import { at, DAY_MS, MINUTE_MS } from './fixtures';

const workingDaysFrom = (iso: string, n: number, calendar = demoCalendar): string =>
  formatCst(addDays(at(iso), n, 'working', calendar));

/** Test data, not the official 2027 arrangement: only New Year's Day off. */
const newYear2027 = { holidays: ['2027-01-01'], makeUpWorkdays: [] };

describe('working days', () => {
  it.each([
    ['2026-03-09', true, 'a Monday'],
    ['2026-03-07', false, 'a Saturday'],
    ['2026-09-30', true, 'the Wednesday before National Day'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-05', false, 'a Monday in the National Day week'],
    ['2026-10-10', true, 'a make-up Saturday'],
    ['2026-10-11', false, 'the Sunday after it'],
    ['2026-09-20', true, 'a make-up Sunday'],
  ])('takes %s as working: %s (%s)', (date, working) => {
    expect(isWorkingDay(date, demoCalendar)).toBe(working);
  });
});

describe('counting working days', () => {
  it('counts 3 working days from the day before the National Day week past the holidays to the make-up Saturday', () => {
    // Start day 30 Sep not counted; 1–7 Oct off; 8 Oct, 9 Oct, 10 Oct (Saturday, worked).
    expect(workingDaysFrom('2026-09-30T15:00:00+08:00', 3)).toBe('2026-10-11T00:00:00+08:00');
  });

  it('counts a make-up Sunday, and would not without it', () => {
    // 20 Sep is worked for National Day: 20, 21, 22 Sep.
    expect(workingDaysFrom('2026-09-18T10:00:00+08:00', 3)).toBe('2026-09-23T00:00:00+08:00');
    const withoutMakeUp = { holidays: demoCalendar.holidays, makeUpWorkdays: [] };
    expect(workingDaysFrom('2026-09-18T10:00:00+08:00', 3, withoutMakeUp)).toBe('2026-09-24T00:00:00+08:00');
  });

  it('skips the Spring Festival week and counts its make-up Saturday', () => {
    // 14 Feb (Saturday, worked); 15–23 Feb off; 24 Feb, 25 Feb.
    expect(workingDaysFrom('2026-02-13T10:00:00+08:00', 3)).toBe('2026-02-26T00:00:00+08:00');
  });

  it('counts 30 working days across the National Day week', () => {
    // 8, 9, 10 Oct; then five a week from 12 Oct: 12–16, 19–23, 26–30 Oct, 2–6, 9–13 Nov; 16, 17 Nov.
    expect(workingDaysFrom('2026-09-30T10:00:00+08:00', 30)).toBe('2026-11-18T00:00:00+08:00');
  });

  it('does not count the start day, whatever the hour', () => {
    expect(workingDaysFrom('2026-09-30T00:00:00+08:00', 1)).toBe('2026-10-09T00:00:00+08:00');
    expect(workingDaysFrom('2026-09-30T23:59:59.999+08:00', 1)).toBe('2026-10-09T00:00:00+08:00');
  });

  it('reads the start day in China Standard Time, not UTC', () => {
    expect(workingDaysFrom('2026-09-29T16:00:00Z', 3)).toBe('2026-10-11T00:00:00+08:00');
    expect(workingDaysFrom('2026-09-29T15:59:59Z', 3)).toBe('2026-10-10T00:00:00+08:00');
  });

  it('counts across New Year with the years merged', () => {
    // 31 Dec (Thursday); 1 Jan off; 2–3 Jan a weekend; 4, 5 Jan.
    const calendar = mergeCalendars(demoCalendar, newYear2027);
    expect(workingDaysFrom('2026-12-30T10:00:00+08:00', 3, calendar)).toBe('2027-01-06T00:00:00+08:00');
  });

  it('refuses to count into a year whose holidays staff have not set', () => {
    expect(() => addDays(at('2026-12-30T10:00:00+08:00'), 3, 'working', demoCalendar)).toThrow(
      expect.objectContaining({
        code: 'CONFLICT',
        message: expect.stringContaining("set 2027's holidays"),
        details: { field: 'calendar' },
      }),
    );
  });

  it('counts back to the last instant from which n whole working days remain', () => {
    // One working day before Thursday 8 Oct is 30 Sep, so an act must come by the end of 29 Sep.
    const from = at('2026-10-08T10:00:00+08:00');
    const latest = addDays(from, -1, 'working', demoCalendar);
    expect(formatCst(latest)).toBe('2026-09-29T23:59:59.999+08:00');
    expect(periodDays(latest, from, 'working', demoCalendar)).toBe(1);
  });

  it('refuses a fractional number of days', () => {
    expect(() => addDays(at('2026-03-02T09:00:00+08:00'), 1.5, 'working', demoCalendar)).toThrow(RangeError);
  });
});

describe('counting calendar days', () => {
  it('adds exactly n × 24 h, holidays or not', () => {
    expect(formatCst(addDays(at('2026-09-30T10:00:00+08:00'), 3, 'calendar', demoCalendar))).toBe(
      '2026-10-03T10:00:00+08:00',
    );
  });

  it('counts whole 24-hour spans between instants', () => {
    const from = at('2026-03-02T09:00:00+08:00');
    expect(periodDays(from, new Date(from.getTime() + 20 * DAY_MS), 'calendar', demoCalendar)).toBe(20);
    expect(
      periodDays(from, new Date(from.getTime() + 20 * DAY_MS - MINUTE_MS), 'calendar', demoCalendar),
    ).toBe(19);
  });

  it('counts nothing when the end is not after the start', () => {
    const from = at('2026-03-02T09:00:00+08:00');
    expect(periodDays(from, at('2026-02-01T09:00:00+08:00'), 'calendar', demoCalendar)).toBe(0);
    expect(periodDays(from, at('2026-02-01T09:00:00+08:00'), 'working', demoCalendar)).toBe(0);
  });
});

describe('China Standard Time', () => {
  it('formats instants in CST, keeping milliseconds only when there are some', () => {
    expect(formatCst(at('2026-03-01T17:30:00Z'))).toBe('2026-03-02T01:30:00+08:00');
    expect(formatCst(at('2026-03-01T17:30:00.250Z'))).toBe('2026-03-02T01:30:00.250+08:00');
  });

  it('gives the CST date of an instant', () => {
    expect(cstDate(at('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
  });
});

describe('the holiday calendar input', () => {
  const issuesOf = (input: object) =>
    HolidayCalendarInput.safeParse({
      year: 2026,
      holidays: [],
      makeUpWorkdays: [],
      ...input,
    }).error?.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));

  it('holds the demo year', () => {
    expect(HolidayCalendarInput.parse(demoHolidays2026)).toEqual(demoHolidays2026);
    expect(demoHolidays2026.holidays).toHaveLength(33);
  });

  it('holds a provisional 2027 of statutory days only, so a December clock runs past New Year', () => {
    expect(HolidayCalendarInput.parse(demoHolidays2027)).toEqual(demoHolidays2027);
    expect(demoHolidays2027.holidays).toHaveLength(13);
    const calendar = mergeCalendars(demoHolidays2026, demoHolidays2027);
    // From Wednesday 2 Dec 2026: 21 working days to 31 Dec, 1 Jan off, 9 more from 4 to 14 Jan, ending at its 24:00.
    expect(formatCst(addDays(at('2026-12-02T10:00:00+08:00'), 30, 'working', calendar))).toBe(
      '2027-01-15T00:00:00+08:00',
    );
    // 春节 2027: 除夕 Friday 5 Feb to Monday 8 Feb off, so from Thursday 4 Feb one working day ends on Tuesday 9 Feb.
    expect(formatCst(addDays(at('2027-02-04T10:00:00+08:00'), 1, 'working', calendar))).toBe(
      '2027-02-10T00:00:00+08:00',
    );
  });

  it('sorts the dates and drops duplicates', () => {
    const input = { year: 2026, holidays: ['2026-10-02', '2026-10-01', '2026-10-02'], makeUpWorkdays: [] };
    expect(HolidayCalendarInput.parse(input).holidays).toEqual(['2026-10-01', '2026-10-02']);
  });

  it.each([
    ['a date of another year', { holidays: ['2026-10-01', '2027-01-01'] }, 'holidays.1', /not in 2026/],
    ['a date that does not exist', { holidays: ['2026-02-30'] }, 'holidays.0', /YYYY-MM-DD/],
    [
      'a date in both lists',
      { holidays: ['2026-10-10'], makeUpWorkdays: ['2026-10-10'] },
      'makeUpWorkdays.0',
      /either a holiday or a make-up working day/,
    ],
    ['a make-up day on a weekday', { makeUpWorkdays: ['2026-10-09'] }, 'makeUpWorkdays.0', /weekday/],
    ['a year out of range', { year: 1999 }, 'year', /from 2000 to 2100/],
  ])('refuses %s, naming the field', (_, input, field, message) => {
    expect(issuesOf(input)).toEqual([{ field, message: expect.stringMatching(message) }]);
  });

  it('takes the dates without the year for a route that has the year in its path', () => {
    const body = HolidayCalendarDates.parse({ holidays: ['2026-10-01'], makeUpWorkdays: [] });
    expect(HolidayCalendarInput.parse({ year: 2026, ...body }).holidays).toEqual(['2026-10-01']);
    expect(HolidayCalendarDates.safeParse({ ...body, year: 2026 }).success).toBe(false);
  });
});
