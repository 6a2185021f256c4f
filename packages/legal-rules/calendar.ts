import * as z from 'zod';
import { DomainError } from '../kernel';
import type { DayKind } from './rules';

/**
 * Days and periods as the law counts them, in China Standard Time (UTC+8, no daylight
 * saving): a calendar date such as `2026-10-01` is the CST day, whatever the server's zone.
 *
 * Counting, for `n` days from an instant `from`:
 *
 * - **calendar days** compare instants: the period has run at `from + n × 24 h` exactly, so a
 *   bid deadline 20 × 24 h after the documents' issue is lawful and one a minute earlier is not.
 * - **working days** count whole CST working days *after* the day of `from` (the start day is
 *   not counted, as Chinese law counts periods); the period has run at 24:00 CST of the n-th
 *   working day, which is the instant 00:00 CST of the next day.
 */

/**
 * 法定节假日 and 调休: the CST dates that are days off, and the weekend dates that are
 * working days instead. One year per stored calendar; merge years with `mergeCalendars`.
 */
export interface HolidayCalendar {
  holidays: string[];
  makeUpWorkdays: string[];
}

/** A CST calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.iso.date('must be a date as YYYY-MM-DD');

const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
const dayNumberOf = (date: string): number => {
  if (!IsoDate.safeParse(date).success) throw new RangeError(`${date} is not a date as YYYY-MM-DD.`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
};

const dateOf = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

// Weekdays numbered as getUTCDay does, Sunday 0 … Saturday 6; day 0, 1970-01-01, was a Thursday.
const isWeekend = (dayNumber: number): boolean => {
  const weekday = (((dayNumber + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
};

const msOf = (instant: Date): number => {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('The instant is an invalid Date.');
  return ms;
};

const cstDayOf = (instant: Date): number => Math.floor((msOf(instant) + CST_OFFSET_MS) / DAY_MS);
const startOfCstDay = (dayNumber: number): number => dayNumber * DAY_MS - CST_OFFSET_MS;

const dateList = z.array(IsoDate).max(366, 'must list at most 366 dates');

/**
 * The two date lists of one year, unchecked against it: for a request whose year is in the
 * path. Parse `{ year, ...dates }` with `HolidayCalendarInput` before using them.
 */
export const HolidayCalendarDates = z.strictObject({ holidays: dateList, makeUpWorkdays: dateList });

/**
 * One year's holidays and make-up working days as staff maintain them through the API:
 * every date in that year, make-up days on weekends, no date in both lists. The output is
 * sorted and de-duplicated, so the same calendar always stores the same way.
 */
export const HolidayCalendarInput = HolidayCalendarDates.extend({
  year: z.int().min(2000, 'must be a year from 2000 to 2100').max(2100, 'must be a year from 2000 to 2100'),
})
  .superRefine(({ year, holidays, makeUpWorkdays }, ctx) => {
    const dayOff = new Set(holidays);
    const check = (list: 'holidays' | 'makeUpWorkdays', date: string, index: number): void => {
      // Malformed dates already carry their own issue.
      if (!IsoDate.safeParse(date).success) return;
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: [list, index], message });
      if (!date.startsWith(`${year}-`)) issue(`${date} is not in ${year}; list it under its own year`);
      if (list === 'makeUpWorkdays' && dayOff.has(date)) {
        issue(`${date} is also listed as a holiday; a date is either a holiday or a make-up working day`);
      }
      if (list === 'makeUpWorkdays' && !isWeekend(dayNumberOf(date))) {
        issue(`${date} is a weekday and so a working day already; list only Saturdays and Sundays worked`);
      }
    };
    holidays.forEach((date, index) => check('holidays', date, index));
    makeUpWorkdays.forEach((date, index) => check('makeUpWorkdays', date, index));
  })
  .transform(({ year, holidays, makeUpWorkdays }) => ({
    year,
    holidays: [...new Set(holidays)].sort(),
    makeUpWorkdays: [...new Set(makeUpWorkdays)].sort(),
  }));
export type HolidayCalendarInput = z.infer<typeof HolidayCalendarInput>;

/** One calendar of several years (stored one per year), since a period can cross New Year. */
export const mergeCalendars = (...years: HolidayCalendar[]): HolidayCalendar => ({
  holidays: [...new Set(years.flatMap((year) => year.holidays))].sort(),
  makeUpWorkdays: [...new Set(years.flatMap((year) => year.makeUpWorkdays))].sort(),
});

/** The CST calendar date (`YYYY-MM-DD`) an instant falls on. */
export const cstDate = (instant: Date): string => dateOf(cstDayOf(instant));

/** The instant the Beijing day of `instant` began. */
export const cstDayStart = (instant: Date): Date => new Date(startOfCstDay(cstDayOf(instant)));

/**
 * An instant as ISO 8601 in CST (`2026-03-21T09:00:00+08:00`), for messages users read;
 * milliseconds appear only when there are some, so a stated limit is never rounded.
 */
export const formatCst = (instant: Date): string => {
  const local = new Date(msOf(instant) + CST_OFFSET_MS).toISOString().slice(0, -1);
  return `${local.endsWith('.000') ? local.slice(0, -4) : local}+08:00`;
};

/**
 * Whether a CST date is a working day: Monday to Friday unless a holiday; Saturday and
 * Sunday only when a make-up working day. It cannot tell a year staff have not maintained;
 * the counting functions below refuse such years.
 */
export const isWorkingDay = (date: string, calendar: HolidayCalendar): boolean =>
  isWeekend(dayNumberOf(date)) ? calendar.makeUpWorkdays.includes(date) : !calendar.holidays.includes(date);

/**
 * A working-day test over day numbers, built once per count. Every PRC year has statutory
 * holidays, so a year without any is one staff have not maintained yet: counting through it
 * would put deadlines on holidays, and is refused instead.
 */
const workingDays = (calendar: HolidayCalendar): ((dayNumber: number) => boolean) => {
  const holidays = new Set(calendar.holidays);
  const makeUpWorkdays = new Set(calendar.makeUpWorkdays);
  const years = new Set(calendar.holidays.map((date) => date.slice(0, 4)));
  return (dayNumber) => {
    const date = dateOf(dayNumber);
    const year = date.slice(0, 4);
    if (!years.has(year)) {
      throw new DomainError(
        'CONFLICT',
        `The holiday calendar has no holidays for ${year}: staff must set ${year}'s holidays and make-up working days before working days can be counted into it.`,
        { field: 'calendar' },
      );
    }
    return isWeekend(dayNumber) ? makeUpWorkdays.has(date) : !holidays.has(date);
  };
};

const requireWholeDays = (n: number): void => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`A period is a whole number of days, not ${n}.`);
};

/**
 * The instant `n` days of `kind` from `from` (see the counting above).
 *
 * - `n > 0`: the earliest instant by which `n` days have run — for calendar days
 *   `from + n × 24 h`; for working days 24:00 CST of the n-th working day after the day of `from`.
 * - `n < 0`: the latest instant from which `|n|` days still run until `from` — for calendar days
 *   `from − |n| × 24 h`; for working days the last millisecond of the day before the |n|-th
 *   working day before the day of `from` (that day itself being the uncounted start day).
 * - `n = 0`: `from`.
 *
 * So `periodDays(from, addDays(from, n, …), …) === n` for `n ≥ 0`, and one millisecond less
 * gives `n − 1`; working days throw CONFLICT when they reach a year the calendar lacks.
 */
export const addDays = (from: Date, n: number, kind: DayKind, calendar: HolidayCalendar): Date => {
  requireWholeDays(n);
  if (kind === 'calendar') return new Date(msOf(from) + n * DAY_MS);
  if (n === 0) return new Date(msOf(from));
  const isWorking = workingDays(calendar);
  const step = Math.sign(n);
  let day = cstDayOf(from);
  for (let counted = 0; counted < Math.abs(n);) {
    day += step;
    if (isWorking(day)) counted += 1;
  }
  return new Date(step > 0 ? startOfCstDay(day + 1) : startOfCstDay(day) - 1);
};

/**
 * How many whole days of `kind` run from `start` to `end` (0 when `end` is not after
 * `start`): for calendar days the whole 24-hour spans between the instants; for working
 * days the CST working days after the day of `start` that have ended by `end`.
 * Deadline checks compare this with a rule's value: `periodDays(…) >= 20`.
 */
export const periodDays = (start: Date, end: Date, kind: DayKind, calendar: HolidayCalendar): number => {
  const span = msOf(end) - msOf(start);
  if (span <= 0) return 0;
  if (kind === 'calendar') return Math.floor(span / DAY_MS);
  const isWorking = workingDays(calendar);
  let counted = 0;
  // A day has ended by `end` when the next day has begun at or before it.
  for (let day = cstDayOf(start) + 1; day < cstDayOf(end); day += 1) {
    if (isWorking(day)) counted += 1;
  }
  return counted;
};

/**
 * DEMO DATA for the local stack and tests: 2026 as transcribed from the State Council's
 * notice on holiday arrangements (国办发明电〔2025〕7号). Staff maintain the real calendar
 * each year through the API, checked against that year's official notice.
 */
export const demoHolidays2026: HolidayCalendarInput = HolidayCalendarInput.parse({
  year: 2026,
  holidays: [
    // 元旦
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    // 春节
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    // 清明节
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    // 劳动节
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    // 端午节
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    // 中秋节
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    // 国庆节
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
});

/**
 * DEMO DATA, PROVISIONAL: 2027's statutory days off (全国年节及纪念日放假办法, as amended in 2024:
 * 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3), at 2027's lunar dates, without
 * the bridging days and 调休 the State Council adds each year. It lets the demo count working days
 * past New Year (a 30-working-day clock started in December does); staff replace it with
 * `PUT /calendar/2027` from the official notice once it is out.
 */
export const demoHolidays2027: HolidayCalendarInput = HolidayCalendarInput.parse({
  year: 2027,
  holidays: [
    '2027-01-01', // 元旦
    '2027-02-05', // 除夕
    '2027-02-06', // 春节
    '2027-02-07',
    '2027-02-08',
    '2027-04-05', // 清明节
    '2027-05-01', // 劳动节
    '2027-05-02',
    '2027-06-09', // 端午节
    '2027-09-15', // 中秋节
    '2027-10-01', // 国庆节
    '2027-10-02',
    '2027-10-03',
  ],
  makeUpWorkdays: [],
});

/** The demo data's holiday calendars, a year each: 2026 as transcribed, 2027 provisional. */
export const demoHolidayYears: readonly HolidayCalendarInput[] = [demoHolidays2026, demoHolidays2027];

/** The demo year as a calendar; demo data, see `demoHolidays2026`. */
export const demoCalendar: HolidayCalendar = mergeCalendars(demoHolidays2026);

/** Where the holiday calendars staff maintain are kept, a year each. */
export interface HolidayCalendars {
  calendar(year: number): Promise<HolidayCalendar | undefined>;
}

/**
 * The calendar covering the China Standard Time years of the given instants and the year
 * after each, since a working-day period can run past New Year.
 */
export const calendarFor = async (
  deps: { store: HolidayCalendars },
  ...instants: (Date | string)[]
): Promise<HolidayCalendar> => {
  const years = new Set<number>();
  for (const at of instants) {
    const year = Number(cstDate(new Date(at)).slice(0, 4));
    years.add(year).add(year + 1);
  }
  const stored = await Promise.all([...years].map((year) => deps.store.calendar(year)));
  return mergeCalendars(...stored.filter((c): c is HolidayCalendar => c !== undefined));
};
