/** The rule table (法, 条例) as data, the holiday calendar with its make-up days, and the checks that cite their articles. */
export { assertLawfulAmendment } from './amendment';
export {
  HolidayCalendarDates,
  HolidayCalendarInput,
  IsoDate,
  addDays,
  calendarFor,
  cstDate,
  demoHolidayYears,
  demoHolidays2026,
  periodDays,
} from './calendar';
export type { HolidayCalendar, HolidayCalendars } from './calendar';
export { rules } from './rules';
export type { DayKind, PeriodRule, PeriodRuleId, ShareRule } from './rules';
export { Fen, TenderSchedule, assertLawfulSchedule, openTenderingSchedule, yuan } from './tender-schedule';
export type { SchedulePeriod, ScheduleRules } from './tender-schedule';
export { deadlineFor } from './time-limits';
