import { addDays, type HolidayCalendar, periodDays } from './calendar';
import { type ChallengeRuleId, challengeRules } from './challenge-rules';
import { type PeriodRule, type PeriodRuleId, rules } from './rules';

/** A rule that counts days, from either table. */
export type TimeLimitId = PeriodRuleId | ChallengeRuleId;

/** The rule of a time limit, wherever its table is. */
export const periodRule = (ruleId: TimeLimitId): PeriodRule =>
  ruleId in challengeRules ? challengeRules[ruleId as ChallengeRuleId] : rules[ruleId as PeriodRuleId];

/**
 * The instant a rule's period ends, counted from `from` in the rule's own day kind:
 *
 * - a time limit (`within`, e.g. publicity starts within 3 days of the report, 条例54;
 *   a complaint is accepted within 3 working days, 条例61): the last instant the act is on
 *   time — alert when it has not happened by then;
 * - a minimum period running after its event (publicity lasts ≥ 3 days): the earliest instant
 *   it has run;
 * - a minimum period running before its event, with `from` that event (an objection ≥ 10 days
 *   before the bid deadline, 条例22): the latest instant the act is early enough.
 *
 * Working days end at 24:00 CST, returned as 00:00 CST of the next day; see `addDays`.
 */
export const deadlineFor = (ruleId: TimeLimitId, from: Date, calendar: HolidayCalendar): Date =>
  deadlineOf(periodRule(ruleId), from, calendar);

/** `deadlineFor` of a rule kept outside the table (a procedure's own row). */
export const deadlineOf = (rule: PeriodRule, from: Date, calendar: HolidayCalendar): Date =>
  addDays(from, rule.counts === 'after' ? rule.value : -rule.value, rule.days, calendar);

/**
 * For a minimum period that must run from `start` to `end` (e.g. 法24, documents issued →
 * bid deadline): `undefined` when it does, otherwise the earliest lawful `end`.
 */
export const shortfall = (
  rule: PeriodRule,
  start: Date,
  end: Date,
  calendar: HolidayCalendar,
): Date | undefined =>
  periodDays(start, end, rule.days, calendar) >= rule.value
    ? undefined
    : addDays(start, rule.value, rule.days, calendar);

/** A rule's period in words for messages: `20 days`, `3 working days`. */
export const describePeriod = (rule: PeriodRule): string =>
  `${rule.value} ${rule.days === 'working' ? 'working days' : 'days'}`;
