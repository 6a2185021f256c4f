/**
 * The legal rules the platform enforces, as data. A flow names a rule by its id and reads
 * the value, the day kind and the article from here, so when the law changes only this
 * table does. 法 = 招标投标法 (2017); 条例 = 招标投标法实施条例 (2019).
 */

/** Calendar days compare instants; working days skip weekends and holidays (see `calendar.ts`). */
export type DayKind = 'calendar' | 'working';

interface RuleBase {
  /** The key of the rule in `rules`; stable, so logs and alerts can name it. */
  readonly id: string;
  /** The article a refusal cites, e.g. `法24` or `条例21`. */
  readonly article: string;
  /** Other articles that state the same rule; refusals cite `article` only. */
  readonly seeAlso?: readonly string[];
  readonly description: string;
}

/**
 * A rule on the time between an event and an act.
 *
 * - `limit: 'at-least'` is a minimum period (documents available ≥ 5 days); `'within'` is a
 *   time limit (answer within 3 days).
 * - `counts: 'after'` runs the period forward from its event; `'before'` back from it
 *   (an objection ≥ 10 days *before* the bid deadline).
 */
export interface PeriodRule extends RuleBase {
  readonly unit: 'days';
  /** Whole days, ≥ 1. */
  readonly value: number;
  readonly days: DayKind;
  readonly limit: 'at-least' | 'within';
  readonly counts: 'after' | 'before';
}

/** A ceiling as a share of an amount (the bid bond ≤ 2 % of the estimated price). */
export interface ShareRule extends RuleBase {
  readonly unit: 'percent';
  /** At most two decimals, so it is a whole number of basis points and money checks stay in integers. */
  readonly value: number;
  readonly limit: 'at-most';
}

export type Rule = PeriodRule | ShareRule;

/** Every rule the platform enforces, keyed by id. */
export const rules = {
  'documents-available': {
    id: 'documents-available',
    article: '条例16',
    unit: 'days',
    value: 5,
    days: 'calendar',
    limit: 'at-least',
    counts: 'after',
    description: 'Tender documents stay available for at least 5 days from the start of their issue.',
  },
  'bid-period': {
    id: 'bid-period',
    article: '法24',
    unit: 'days',
    value: 20,
    days: 'calendar',
    limit: 'at-least',
    counts: 'after',
    description: 'The bid deadline is at least 20 days after the tender documents are first issued.',
  },
  'amendment-notice': {
    id: 'amendment-notice',
    article: '条例21',
    seeAlso: ['法23'],
    unit: 'days',
    value: 15,
    days: 'calendar',
    limit: 'at-least',
    counts: 'before',
    description:
      'A clarification or amendment that may affect bids reaches every holder of the documents at least 15 days before the bid deadline; otherwise the deadline moves out.',
  },
  'document-objection': {
    id: 'document-objection',
    article: '条例22',
    unit: 'days',
    value: 10,
    days: 'calendar',
    limit: 'at-least',
    counts: 'before',
    description: 'An objection to the tender documents is raised at least 10 days before the bid deadline.',
  },
  'document-objection-answer': {
    id: 'document-objection-answer',
    article: '条例22',
    unit: 'days',
    value: 3,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description:
      'The tenderer answers an objection to the documents within 3 days of receiving it; the tender pauses until then.',
  },
  'bid-bond': {
    id: 'bid-bond',
    article: '条例26',
    unit: 'percent',
    value: 2,
    limit: 'at-most',
    description: 'The bid bond is at most 2 % of the estimated price of the tendered project.',
  },
  'withdrawal-bond-refund': {
    id: 'withdrawal-bond-refund',
    article: '条例35',
    unit: 'days',
    value: 5,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description: "A withdrawn bid's bond is refunded within 5 days of the written withdrawal notice.",
  },
  // 条例31 says 及时 (promptly), with the bank interest: the platform holds it to the 5 days of 条例35
  // (to confirm), and does not compute the interest.
  'termination-bond-refund': {
    id: 'termination-bond-refund',
    article: '条例31',
    unit: 'days',
    value: 5,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description:
      'A tenderer that ends its tendering refunds the bonds it took promptly, read as within 5 days of the termination notice (with their bank interest, which the platform does not compute).',
  },
  'publicity-start': {
    id: 'publicity-start',
    article: '条例54',
    unit: 'days',
    value: 3,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description: 'Candidate publicity starts within 3 days of receiving the evaluation report.',
  },
  'publicity-duration': {
    id: 'publicity-duration',
    article: '条例54',
    unit: 'days',
    value: 3,
    days: 'calendar',
    limit: 'at-least',
    counts: 'after',
    description: 'Candidate publicity lasts at least 3 days.',
  },
  'publicity-objection-answer': {
    id: 'publicity-objection-answer',
    article: '条例54',
    unit: 'days',
    value: 3,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description:
      'The tenderer answers an objection to the evaluation result within 3 days of receiving it; the tender pauses until then.',
  },
  'contract-signing': {
    id: 'contract-signing',
    article: '法46',
    unit: 'days',
    value: 30,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description: 'The written contract is signed within 30 days of the award notice.',
  },
  'contract-bond-refund': {
    id: 'contract-bond-refund',
    article: '条例57',
    unit: 'days',
    value: 5,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description: 'Bid bonds are refunded to every bidder within 5 days of the contract being signed.',
  },
  'bid-deadline-horizon': {
    id: 'bid-deadline-horizon',
    article: '平台规则',
    unit: 'days',
    value: 365,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description:
      "The bid deadline is at most a year from when the tender is created, published or amended: a tender's process runs within a year of its plan.",
  },
  'service-fee-payment': {
    id: 'service-fee-payment',
    // No law sets when the fee is paid: the center's own rule, which a city sets as it sees fit. In
    // calendar days, so charging the fee at the result never waits for a holiday calendar.
    article: '平台规则',
    unit: 'days',
    value: 15,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description:
      "The center's own rule, not a law: the winner pays the service fee (交易服务费) within 15 days of the result that charged it.",
  },
  'bid-validity': {
    id: 'bid-validity',
    article: '条例25',
    unit: 'days',
    value: 365,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description:
      'A bid stays valid (投标有效期) for a period the documents set, which the platform caps at a year after the bid deadline.',
  },
  'opening-objection': {
    id: 'opening-objection',
    article: '条例44',
    unit: 'days',
    value: 1,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description:
      'A bidder objects to the opening at the opening itself, and is answered on the spot: the platform takes objections from the opening until a day after it started, one per bidder.',
  },
  'complaint-filing': {
    id: 'complaint-filing',
    article: '条例60',
    unit: 'days',
    value: 10,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description:
      'A complaint is filed within 10 days of knowing, or when one should have known, of the breach.',
  },
  'complaint-acceptance': {
    id: 'complaint-acceptance',
    article: '条例61',
    unit: 'days',
    value: 3,
    days: 'working',
    limit: 'within',
    counts: 'after',
    description: 'The regulator decides whether to accept a complaint within 3 working days of receiving it.',
  },
  'complaint-decision': {
    id: 'complaint-decision',
    article: '条例61',
    unit: 'days',
    value: 30,
    days: 'working',
    limit: 'within',
    counts: 'after',
    description:
      'The regulator decides an accepted complaint in writing within 30 working days of accepting it.',
  },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof rules;

/** The ids of the rules that count days, which are the ones that have deadlines. */
export type PeriodRuleId = {
  [K in RuleId]: (typeof rules)[K] extends PeriodRule ? K : never;
}[RuleId];
