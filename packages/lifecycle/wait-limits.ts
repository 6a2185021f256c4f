import { PeriodRuleId, rules } from '../legal-rules';
import { HumanStep } from './model';

interface WaitLimit {
  /** The legal time limit the wait runs under, when the law sets one. */
  rule?: PeriodRuleId;
  /** Otherwise the platform's own limit, in calendar days, and the article the step serves. */
  days?: number;
  article?: string;
  description: string;
}

/**
 * How long the lifecycle waits for each human step before it alerts regulators. Where the law
 * sets the limit it comes from the rule table; the others are the trading center's own policy.
 * The execution keeps waiting after an alert: supervision acts on people, not on the process.
 */
export const waitLimits: Record<HumanStep, WaitLimit> = {
  shares: { days: 1, article: '法34', description: 'the custodians submit their key shares at the opening' },
  draw: { days: 2, article: '条例46', description: 'the expert draw completes with its committee seated' },
  negotiation: {
    days: 5,
    article: '74号令33',
    description: 'the team holds its negotiation rounds and calls for final quotes',
  },
  report: {
    days: 10,
    article: '条例53',
    description:
      'the report is recorded: the committee’s ranked candidates, or a single-source negotiation record',
  },
  publicity: { rule: 'publicity-start', description: 'candidate publicity starts' },
  answers: {
    rule: 'publicity-objection-answer',
    description: 'every objection to the candidates is answered',
  },
  result: { days: 3, article: '法45', description: 'the tenderer names the winner among the candidates' },
  contract: { rule: 'contract-signing', description: 'the contract is signed' },
  // Not a legal limit (条例62 sets none; 法57's 30 days is checked by supervision): a tender still
  // held after a week is flagged, which also keeps the waits after the deadline under a year.
  resumption: {
    days: 7,
    article: '条例62',
    description:
      'the regulator lifts the suspension of the tender, or the objection that paused it is answered',
  },
};

const DAY_MS = 86_400_000;

/**
 * The limit in days. Every wait counts calendar days (a unit test holds the rule table to it),
 * because the state machine's task timeouts know no holidays.
 */
export const waitLimitDays = (step: HumanStep): number => {
  const limit = waitLimits[step];
  return limit.rule ? rules[limit.rule].value : limit.days!;
};

export const waitArticle = (step: HumanStep): string => {
  const limit = waitLimits[step];
  return limit.rule ? rules[limit.rule].article : limit.article!;
};

/** The rule an overdue step breaks: the law's when it sets the limit, else the platform's own. */
export const waitRule = (step: HumanStep): string => waitLimits[step].rule ?? `lifecycle-${step}`;

export const waitDueAt = (step: HumanStep, since: Date): Date =>
  new Date(since.getTime() + waitLimitDays(step) * DAY_MS);

/**
 * A time for a Wait state's TimestampPath: RFC 3339 in whole seconds, as Step Functions reads it,
 * rounded up so the wait never ends before the instant it stands for.
 */
export const waitTimestamp = (iso: string): string =>
  new Date(Math.ceil(new Date(iso).getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The longest the execution waits for the bid deadline before it reads the deadline again. */
export const DEADLINE_CHECK_DAYS = 30;

/**
 * A Standard Step Functions execution lives at most a year; one this old continues in a new
 * execution at its next check. Checks come at least every DEADLINE_CHECK_DAYS while bids are taken
 * and at every overdue alert after; a unit test holds this age, plus every wait after the
 * deadline in a row, under the year.
 */
export const EXECUTION_RENEWAL_DAYS = 290;
export const EXECUTION_LIFETIME_DAYS = 365;

export const executionAged = (startedAt: string, now: Date): boolean =>
  now.getTime() - new Date(startedAt).getTime() >= EXECUTION_RENEWAL_DAYS * DAY_MS;
