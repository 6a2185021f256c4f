import * as z from 'zod';
import { validationFailed, Caller } from '../kernel';
import { HolidayCalendarDates, HolidayCalendarInput } from '../legal-rules';
import { actorOf } from '../audit-log';
import { TenderDeps } from './ports';
/** Staff set a year's holidays and make-up working days (调休); the change is an audit entry. */
export const setHolidayCalendar = async (
  deps: TenderDeps,
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

export const getHolidayCalendar = async (deps: TenderDeps, year: number) => {
  const calendar = await deps.store.calendar(year);
  return { year, holidays: calendar?.holidays ?? [], makeUpWorkdays: calendar?.makeUpWorkdays ?? [] };
};
