import * as z from 'zod';
import { validationFailed } from '../kernel/errors';
import {
  cstDate,
  HolidayCalendar,
  HolidayCalendarDates,
  HolidayCalendarInput,
  mergeCalendars,
} from '../legal-rules/calendar';
import { actorOf } from '../audit-log/actors';
import { TradingDeps } from './ports';
import { Caller } from '../kernel/caller';

/** Staff set a year's holidays and make-up working days (调休); the change is an audit entry. */
export const setHolidayCalendar = async (
  deps: TradingDeps,
  caller: Caller,
  year: number,
  dates: z.infer<typeof HolidayCalendarDates>,
) => {
  const parsed = HolidayCalendarInput.safeParse({ ...dates, year });
  if (!parsed.success) throw validationFailed('body', parsed.error.issues);
  const value = { holidays: parsed.data.holidays, makeUpWorkdays: parsed.data.makeUpWorkdays };
  await deps.store.commit({
    entry: { actor: actorOf(caller), action: 'calendar.set', subject: { year: String(year) }, data: value },
    replace: [{ record: { kind: 'calendar', year, value }, expect: {} }],
  });
  return { year, ...value };
};

export const getHolidayCalendar = async (deps: TradingDeps, year: number) => {
  const calendar = await deps.store.calendar(year);
  return { year, holidays: calendar?.holidays ?? [], makeUpWorkdays: calendar?.makeUpWorkdays ?? [] };
};

/**
 * The calendar covering the China Standard Time years of the given instants and the year
 * after each, since a working-day period can run past New Year.
 */
export const calendarFor = async (
  deps: TradingDeps,
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
