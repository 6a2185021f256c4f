import * as z from 'zod';
import { DomainError, Name } from '../kernel';
import { cstDate, formatCst, type HolidayCalendar } from './calendar';
import { type PeriodRule, rules, type ShareRule } from './rules';
import { describePeriod, shortfall } from './time-limits';

/** An instant as ISO 8601 with its offset (`2026-03-02T09:00:00+08:00` or `…Z`): never a local time. */
export const Instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 date-time with seconds and an offset, e.g. 2026-03-02T09:00:00+08:00',
});

/**
 * Money in whole fen (分, 0.01 yuan): bond and price checks are then exact integer
 * arithmetic, with no floating-point rounding. 1,000,000.00 yuan is `100000000`.
 */
export const Fen = z.int('must be a whole number of fen (分)').min(0, 'must not be negative');

/** A tender's timetable and money terms, as staff set them before publication. */
export const TenderSchedule = z
  .strictObject({
    /** When the tender documents are first issued (招标文件开始发出). */
    documentsFrom: Instant,
    /** When issuing the documents stops. */
    documentsTo: Instant,
    /** 投标截止时间, which is also the opening time (法34). */
    bidDeadline: Instant,
    /** Where the bids are opened, as announced (法34). */
    openingPlace: Name(200, 2, 'must name the opening place'),
    /** 投标保证金 in fen; 0 when the tender asks for none. */
    bidBond: Fen,
    /** 投标有效期: days from the bid deadline during which a bid binds its bidder. */
    bidValidityDays: z
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(
        rules['bid-validity'].value,
        `must be at most ${rules['bid-validity'].value} days (${rules['bid-validity'].article})`,
      ),
    /** 最高投标限价 in fen, when the tenderer sets one. */
    maxPrice: Fen.optional(),
  })
  .superRefine(({ documentsFrom, documentsTo, bidDeadline }, ctx) => {
    const from = Date.parse(documentsFrom);
    const to = Date.parse(documentsTo);
    const deadline = Date.parse(bidDeadline);
    // Malformed instants already carry their own issue.
    if ([from, to, deadline].some(Number.isNaN)) return;
    if (to <= from) {
      ctx.addIssue({ code: 'custom', path: ['documentsTo'], message: 'must be after documentsFrom' });
    }
    if (to > deadline) {
      ctx.addIssue({
        code: 'custom',
        path: ['documentsTo'],
        message: 'must be at or before bidDeadline: documents issued after the deadline cannot be bid on',
      });
    }
  });
export type TenderSchedule = z.infer<typeof TenderSchedule>;

type InstantField = 'documentsFrom' | 'documentsTo' | 'bidDeadline';

/** A minimum period a schedule leaves between two of its instants, and why, for the refusal. */
export interface SchedulePeriod {
  rule: PeriodRule;
  from: InstantField;
  to: InstantField;
  /** Completes "since …": `bidders must have that long from the documents to their bids`. */
  why: string;
}

/** The rules a procedure (采购方式) checks a schedule against: its periods and its bond ceiling. */
export interface ScheduleRules {
  periods: readonly SchedulePeriod[];
  /** Absent where the procedure takes no bond. */
  bidBond?: ShareRule;
}

/** Open tendering under 招标投标法 (today's rules): 条例16, 法24 and 条例26. */
export const openTenderingSchedule: ScheduleRules = {
  periods: [
    {
      rule: rules['documents-available'],
      from: 'documentsFrom',
      to: 'documentsTo',
      why: 'tender documents must be available that long',
    },
    {
      rule: rules['bid-period'],
      from: 'documentsFrom',
      to: 'bidDeadline',
      why: 'bidders must have that long from the documents to their bids',
    },
  ],
  bidBond: rules['bid-bond'],
};

/** The project facts the schedule is checked against. */
export interface ScheduleContext {
  /** 估算价: the project's estimated price, in fen. */
  estimatedPrice: number;
  /** When the schedule is set (created, published, amended): it must lie ahead of this, and not too far. */
  now?: Date;
  /** The documents are already being issued (an amendment): their first day may be in the past. */
  documentsIssued?: boolean;
  /** The procedure's rules; open tendering's by default. */
  rules?: ScheduleRules;
}

const DAY_MS = 86_400_000;

/** The checks against the time the schedule is set: nothing in the past, nothing beyond its horizon. */
const inReach = (
  schedule: TenderSchedule,
  now: Date,
  documentsIssued: boolean,
  { periods }: ScheduleRules,
): Violation[] => {
  const violations: Violation[] = [];
  // Each refusal cites the procedure's own period ending at that instant, or today's rule.
  const articleEnding = (to: InstantField, fallback: PeriodRule) =>
    (periods.find((period) => period.to === to)?.rule ?? fallback).article;
  const deadlineArticle = articleEnding('bidDeadline', rules['bid-period']);
  const documentsArticle = articleEnding('documentsTo', rules['documents-available']);
  const deadline = new Date(schedule.bidDeadline);
  if (deadline <= now) {
    violations.push({
      rule: deadlineArticle,
      field: fieldOf('bidDeadline'),
      message: `${deadlineArticle}: the bid deadline (${formatCst(deadline)}) has already passed; set a new schedule.`,
    });
  }
  // Documents are issued from the announcement on: not from a day that is already over.
  if (!documentsIssued && cstDate(new Date(schedule.documentsFrom)) < cstDate(now)) {
    violations.push({
      rule: documentsArticle,
      field: fieldOf('documentsFrom'),
      message: `${documentsArticle}: documentsFrom (${formatCst(new Date(schedule.documentsFrom))}) is before today (${cstDate(now)}); documents are issued from the announcement on.`,
    });
  }
  const horizon = rules['bid-deadline-horizon'];
  const latest = new Date(now.getTime() + horizon.value * DAY_MS);
  if (deadline > latest) {
    violations.push({
      rule: horizon.article,
      field: fieldOf('bidDeadline'),
      message: `${horizon.article}: the bid deadline may be at most ${horizon.value} days ahead; set it to ${formatCst(latest)} or earlier.`,
    });
  }
  return violations;
};

/**
 * One thing wrong with a schedule: the article it breaks (or `consistency` for a check no
 * article states), the field to change, and a message that says what would be lawful.
 */
export interface Violation {
  rule: string;
  field: string;
  message: string;
}

const fieldOf = (key: keyof TenderSchedule): string => `schedule.${key}`;

/** A minimum period from one schedule instant to another, refused with the earliest lawful end. */
const minimumPeriod = (
  { rule, from: startKey, to: endKey, why }: SchedulePeriod,
  schedule: TenderSchedule,
  calendar: HolidayCalendar,
): Violation | undefined => {
  const start = new Date(schedule[startKey]);
  const earliest = shortfall(rule, start, new Date(schedule[endKey]), calendar);
  if (!earliest) return undefined;
  return {
    rule: rule.article,
    field: fieldOf(endKey),
    message: `${rule.article}: ${endKey} must be at least ${describePeriod(rule)} after ${startKey} (${formatCst(start)}), since ${why}; set ${endKey} to ${formatCst(earliest)} or later.`,
  };
};

/** 1234567 fen → `12,345.67`. */
export const yuan = (fen: bigint): string =>
  `${(fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${(fen % 100n).toString().padStart(2, '0')}`;

/** The largest amount within `rule`'s share of `amount`, in whole fen (rounded down). */
export const ceilingOf = (rule: ShareRule, amount: number): bigint =>
  // BigInt: fen amounts times basis points can exceed 2^53.
  (BigInt(amount) * BigInt(Math.round(rule.value * 100))) / 10_000n;

/**
 * Everything that makes a schedule unlawful for a project, in the order of the form: the
 * procedure's periods (for open tendering documents available ≥ 5 days, 条例16, and documents
 * issue → bid deadline ≥ 20 days, 法24), its bond ceiling (≤ 2 % of the estimated price,
 * 条例26), and the maximum price within the estimate. Periods count as each rule says
 * (calendar or working days, see `calendar.ts`); an empty list means the schedule is lawful.
 */
export const scheduleViolations = (
  schedule: TenderSchedule,
  { estimatedPrice, now, documentsIssued = false, rules: procedure = openTenderingSchedule }: ScheduleContext,
  calendar: HolidayCalendar,
): Violation[] => {
  const violations: (Violation | undefined)[] = [
    ...(now ? inReach(schedule, now, documentsIssued, procedure) : []),
    ...procedure.periods.map((period) => minimumPeriod(period, schedule, calendar)),
  ];

  const bondRule = procedure.bidBond;
  const maxBond = bondRule ? ceilingOf(bondRule, estimatedPrice) : undefined;
  if (bondRule && maxBond !== undefined && BigInt(schedule.bidBond) > maxBond) {
    violations.push({
      rule: bondRule.article,
      field: fieldOf('bidBond'),
      message: `${bondRule.article}: the bid bond may be at most ${bondRule.value} % of the estimated price (${yuan(BigInt(estimatedPrice))} yuan); set bidBond to ${maxBond} fen (${yuan(maxBond)} yuan) or less.`,
    });
  }

  if (schedule.maxPrice !== undefined && schedule.maxPrice > estimatedPrice) {
    violations.push({
      rule: 'consistency',
      field: fieldOf('maxPrice'),
      message: `The maximum bid price (${yuan(BigInt(schedule.maxPrice))} yuan) exceeds the project's estimated price; set maxPrice to ${estimatedPrice} fen (${yuan(BigInt(estimatedPrice))} yuan) or less, or correct the estimate.`,
    });
  }
  return violations.filter((violation) => violation !== undefined);
};

/**
 * Refuses an unlawful schedule: RULE_VIOLATED citing the first violation's rule and field,
 * with every violation in `details.issues` so staff can fix them all at once.
 */
export const assertLawfulSchedule = (
  schedule: TenderSchedule,
  context: ScheduleContext,
  calendar: HolidayCalendar,
): void => {
  const violations = scheduleViolations(schedule, context, calendar);
  const [first] = violations;
  if (!first) return;
  throw new DomainError('RULE_VIOLATED', first.message, {
    rule: first.rule,
    field: first.field,
    issues: violations.map(({ field, message }) => ({ field, message })),
  });
};
