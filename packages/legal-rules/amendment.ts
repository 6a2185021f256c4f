import { DomainError } from '../kernel';
import { formatCst, type HolidayCalendar } from './calendar';
import { type PeriodRule, rules } from './rules';
import { describePeriod, shortfall } from './time-limits';

/** An amendment (澄清/修改) about to be published, and the bid deadline it would leave. */
export interface AmendmentTiming {
  publishedAt: Date;
  currentDeadline: Date;
  /** Whether the change may affect how bids are prepared; only then does 条例21 set a minimum. */
  affectsBids: boolean;
}

/** Whether the deadline may stay, or the earliest deadline the amendment allows. */
export type AmendmentDeadline = { lawful: true } | { lawful: false; earliestDeadline: Date };

/**
 * 条例21 (法23): an amendment that may affect bids reaches bidders at least 15 days before
 * the bid deadline; published later, the deadline moves out to at least 15 days after
 * publication. Returns that earliest deadline, `publishedAt` plus the rule's period counted
 * as `addDays` does (for calendar days exactly 15 × 24 h).
 */
export const amendmentDeadline = (
  { publishedAt, currentDeadline, affectsBids }: AmendmentTiming,
  calendar: HolidayCalendar,
  rule: PeriodRule = rules['amendment-notice'],
): AmendmentDeadline => {
  const earliestDeadline = affectsBids ? shortfall(rule, publishedAt, currentDeadline, calendar) : undefined;
  return earliestDeadline ? { lawful: false, earliestDeadline } : { lawful: true };
};

/**
 * Refuses an amendment published at `publishedAt` whose bid deadline, `newDeadline` (moved
 * or not), leaves too little time: RULE_VIOLATED citing the procedure's amendment rule (条例21
 * for open tendering) on `schedule.bidDeadline`, with the earliest lawful deadline in CST.
 */
export const assertLawfulAmendment = (
  publishedAt: Date,
  newDeadline: Date,
  affectsBids: boolean,
  calendar: HolidayCalendar,
  rule: PeriodRule = rules['amendment-notice'],
): void => {
  const verdict = amendmentDeadline(
    { publishedAt, currentDeadline: newDeadline, affectsBids },
    calendar,
    rule,
  );
  if (verdict.lawful) return;
  throw new DomainError(
    'RULE_VIOLATED',
    `${rule.article}: an amendment that may affect bids must reach bidders at least ${describePeriod(rule)} before the bid deadline; published at ${formatCst(publishedAt)}, it needs bidDeadline at ${formatCst(verdict.earliestDeadline)} or later.`,
    { rule: rule.article, field: 'schedule.bidDeadline' },
  );
};
