/** The rule table (法, 条例) as data, the holiday calendar with its make-up days, and the checks that cite their articles. */
export { assertLawfulAmendment } from './amendment';
export {
  HolidayCalendarDates,
  HolidayCalendarInput,
  IsoDate,
  addDays,
  calendarFor,
  cstDate,
  cstDayStart,
  formatCst,
  demoHolidayYears,
  demoHolidays2026,
  periodDays,
} from './calendar';
export type { HolidayCalendar, HolidayCalendars } from './calendar';
export { challengeProcedures, challengeRules, challengeSubjects, noticeObjection } from './challenge-rules';
export type {
  ChallengeProcedure,
  ChallengeRuleId,
  ChallengeSubject,
  ProcurementLaw,
} from './challenge-rules';
export { rules } from './rules';
export type { DayKind, PeriodRule, PeriodRuleId, ShareRule } from './rules';
export {
  Fen,
  Instant,
  TenderSchedule,
  assertLawfulSchedule,
  ceilingOf,
  openTenderingSchedule,
  yuan,
} from './tender-schedule';
export type { SchedulePeriod, ScheduleRules } from './tender-schedule';
export { deadlineFor, deadlineOf, periodRule } from './time-limits';
export type { TimeLimitId } from './time-limits';
