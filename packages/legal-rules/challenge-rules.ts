import { type PeriodRule, rules } from './rules';

/**
 * Challenges (异议, 质疑) and complaints (投诉) with their clocks, for both laws, as data in the
 * shape of `rules.ts`. 条例 = 招标投标法实施条例 (2019); 法 here = 政府采购法 (2014) for the rows
 * named `procurement-…`. The 招标投标法 rows already in `rules.ts` are the same objects, not copies.
 */
export const challengeRules = {
  'document-objection': rules['document-objection'],
  'document-objection-answer': rules['document-objection-answer'],
  'complaint-filing': rules['complaint-filing'],
  'complaint-acceptance': rules['complaint-acceptance'],
  'complaint-decision': rules['complaint-decision'],
  'procurement-query': {
    id: 'procurement-query',
    article: '法52',
    unit: 'days',
    value: 7,
    days: 'working',
    limit: 'within',
    counts: 'after',
    description:
      'A supplier raises a query (质疑) in writing within 7 working days of knowing, or when it should have known, that its rights were harmed.',
  },
  'procurement-query-answer': {
    id: 'procurement-query-answer',
    article: '法53',
    unit: 'days',
    value: 7,
    days: 'working',
    limit: 'within',
    counts: 'after',
    description: 'The purchaser answers a query in writing within 7 working days of receiving it.',
  },
  'procurement-complaint-filing': {
    id: 'procurement-complaint-filing',
    article: '法55',
    unit: 'days',
    value: 15,
    days: 'working',
    limit: 'within',
    counts: 'after',
    description:
      'A supplier that queried may complain (投诉) to the finance department within 15 working days after the answer period ends.',
  },
  'procurement-complaint-decision': {
    id: 'procurement-complaint-decision',
    article: '法56',
    unit: 'days',
    value: 30,
    days: 'working',
    limit: 'within',
    counts: 'after',
    description:
      'The finance department decides a complaint in writing within 30 working days of receiving it.',
  },
  'procurement-suspension': {
    id: 'procurement-suspension',
    article: '法57',
    unit: 'days',
    value: 30,
    days: 'calendar',
    limit: 'within',
    counts: 'after',
    description: 'While a complaint is handled the procurement may be suspended, for at most 30 days.',
  },
  // 74号令39: the window is the publicity itself, so the row ends at the publicity's end (value 0).
  'single-source-objection': {
    id: 'single-source-objection',
    article: '74号令39',
    unit: 'days',
    value: 0,
    days: 'calendar',
    limit: 'at-least',
    counts: 'before',
    description:
      'Any supplier, organisation or person may object in writing to the single-source notice while it is public, copied to the finance department.',
  },
  'single-source-review': {
    id: 'single-source-review',
    article: '74号令40',
    unit: 'days',
    value: 5,
    days: 'working',
    limit: 'within',
    counts: 'after',
    description:
      'Within 5 working days after the publicity ends the purchaser reviews the objections again (补充论证): upheld, it procures by another method; dismissed, it reports them to the finance department and proceeds, and tells each objector.',
  },
} as const satisfies Record<string, PeriodRule>;

export type ChallengeRuleId = keyof typeof challengeRules;

/** The two laws a trading center's processes run under. */
export type ProcurementLaw = '招标投标法' | '政府采购法';

/** What a challenge is about: the documents, the opening (or the process), the result, or anything else. */
export const challengeSubjects = ['documents', 'opening', 'result', 'other'] as const;
export type ChallengeSubject = (typeof challengeSubjects)[number];

/** How one law handles challenges and complaints: which rows apply, from what they count, who may act. */
export interface ChallengeProcedure {
  /** The challenge the platform takes in this context: 条例22's objection to the documents, or 法52's query. */
  readonly objection: ChallengeRuleId;
  /** The subjects that challenge may be about. */
  readonly objectionSubjects: readonly ChallengeSubject[];
  readonly objectionAnswer: ChallengeRuleId;
  /** Whether the process waits while the challenge is unanswered (条例22: yes). */
  readonly objectionPauses: boolean;
  readonly complaint: ChallengeRuleId;
  /** Whether the complaint's time limit counts from the day of knowing or from the end of the prior challenge's answer period. */
  readonly complaintFrom: 'known' | 'answer-period-end';
  /** The subjects on which a complaint needs a prior challenge by the same party, each with the article of that challenge. */
  readonly priorChallenge: {
    readonly article: string;
    readonly subjects: Partial<Record<ChallengeSubject, string>>;
  };
  /** The time limit for deciding whether to accept, where the law sets one. */
  readonly acceptance?: ChallengeRuleId;
  readonly decision: ChallengeRuleId;
  readonly decisionFrom: 'accepted' | 'submitted';
  /** The article that lets the decision's clock stop for inspection or expert review, where the law says so. */
  readonly clockStops?: string;
  /** The article that lets the regulator suspend the process, and its longest suspension where the law caps it. */
  readonly suspension: { readonly article: string; readonly limit?: ChallengeRuleId };
}

/**
 * 74号令39–40: the objection to a single-source notice, taken beside the procurement's own 质疑
 * (法52): from any supplier, on the notice, while it is public; the purchaser reviews it once the
 * publicity is over (补充论证) and concludes it upheld or dismissed. It holds the negotiation until
 * then, and for good once upheld: the purchaser must procure by another method.
 */
export const noticeObjection = {
  objection: 'single-source-objection',
  review: 'single-source-review',
} as const satisfies { objection: ChallengeRuleId; review: ChallengeRuleId };

export const challengeProcedures: Record<ProcurementLaw, ChallengeProcedure> = {
  招标投标法: {
    objection: 'document-objection',
    objectionSubjects: ['documents'],
    objectionAnswer: 'document-objection-answer',
    objectionPauses: true,
    complaint: 'complaint-filing',
    complaintFrom: 'known',
    // 条例60: complaints on the matters of 条例22, 44 and 54 first go to the tenderer as objections.
    priorChallenge: {
      article: '条例60',
      subjects: { documents: '条例22', opening: '条例44', result: '条例54' },
    },
    acceptance: 'complaint-acceptance',
    decision: 'complaint-decision',
    decisionFrom: 'accepted',
    clockStops: '条例61',
    suspension: { article: '条例62' },
  },
  政府采购法: {
    objection: 'procurement-query',
    objectionSubjects: ['documents', 'opening', 'result', 'other'],
    objectionAnswer: 'procurement-query-answer',
    objectionPauses: false,
    complaint: 'procurement-complaint-filing',
    complaintFrom: 'answer-period-end',
    // 法55: only a supplier that queried may complain, whatever the matter.
    priorChallenge: {
      article: '法55',
      subjects: { documents: '法52', opening: '法52', result: '法52', other: '法52' },
    },
    decision: 'procurement-complaint-decision',
    decisionFrom: 'submitted',
    suspension: { article: '法57', limit: 'procurement-suspension' },
  },
};
