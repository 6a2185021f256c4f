import * as z from 'zod';
import {
  type PeriodRule,
  type SchedulePeriod,
  type ScheduleRules,
  type ShareRule,
  openTenderingSchedule,
  rules,
} from '../legal-rules';

/**
 * Every procedure (采购方式 / 交易方式) the center runs, as data: one row each, every value with
 * the article it comes from, so a refusal cites the row and a change in the law is a change
 * here. 法 = 招标投标法; 条例 = 招标投标法实施条例; 政府采购法, 政府采购法实施条例;
 * 87号令 = 政府采购货物和服务招标投标管理办法 (财政部令第87号); 74号令 = 政府采购非招标采购方式
 * 管理办法 (财政部令第74号); 214号 = 政府采购竞争性磋商采购方式管理暂行办法 (财库〔2014〕214号).
 */

export const ProcedureCode = z.enum([
  'open-tendering',
  'invited-tendering',
  'gp-open-tendering',
  'competitive-negotiation',
  'request-for-quotation',
  'single-source',
  'competitive-consultation',
]);
export type ProcedureCode = z.infer<typeof ProcedureCode>;

export type Law = '招标投标法' | '政府采购法';

/** 最低评标价法 (经评审的最低投标价法), 综合评分法, 最低价 (lowest price meeting the requirements), 综合评估(法). */
export type EvaluationMethod = '最低评标价法' | '综合评分法' | '最低价' | '综合评估';

/**
 * A period of the procedure. Where the tender's schedule shows it, `from`, `to` and `why` say
 * between which instants it runs, and creating a tender checks it. `source` keeps where a
 * value was read when the text leaves room for doubt; a test pins it.
 */
export interface ProcedurePeriod extends Partial<Omit<SchedulePeriod, 'rule'>> {
  readonly rule: PeriodRule;
  readonly source?: string;
}

/** A number the procedure requires, with its article. */
export interface Minimum {
  readonly value: number;
  readonly article: string;
}

/** 评标委员会 / 谈判小组 / 询价小组 / 磋商小组: its size and the experts' share. */
export interface EvaluationBody {
  readonly name: string;
  readonly minSize: number;
  readonly odd: boolean;
  /** The experts' least share of the members, as a fraction. */
  readonly expertShare: { readonly numerator: number; readonly denominator: number };
  /** A larger body for a large budget (87号令47: ≥ 7 at ≥ 10 million yuan). */
  readonly large?: { readonly fromFen: number; readonly minSize: number };
  readonly article: string;
}

export interface Procedure {
  readonly code: ProcedureCode;
  /** The procedure's name in Chinese, as the law names it. */
  readonly name: string;
  readonly law: Law;
  /** What its opening notice is called: 招标公告, 投标邀请书 (法17), 竞争性谈判公告 … 单一来源采购公示. */
  readonly announcement: string;
  readonly periods: readonly ProcedurePeriod[];
  /** The period a clarification or amendment that may affect bids must leave to the deadline. */
  readonly amendment: PeriodRule;
  /** Fewest suppliers that may compete (or be invited, for invited tendering). */
  readonly minSuppliers: Minimum;
  /** Absent where no body evaluates (单一来源: the purchaser negotiates with the one supplier). */
  readonly evaluationBody?: EvaluationBody;
  readonly evaluationMethods: readonly { readonly method: EvaluationMethod; readonly article: string }[];
  /** Whether bids (responses) are sealed until their deadline, and whether they are opened in public. */
  readonly sealedBids: boolean;
  readonly publicOpening: boolean;
  /** Whether the evaluators are drawn at random from the expert pool. */
  readonly expertDraw: boolean;
  /** The bond ceiling; absent where the procedure takes no bond. */
  readonly bidBond?: ShareRule;
  /** Invitations instead of an announcement (法17): the tender names who is invited. */
  readonly invitation?: Minimum;
  /** 单一来源: a justification naming a ground of 政府采购法31 and the supplier. */
  readonly justification?: { readonly article: string };
  /** OCDS procurementMethod: how the open-data release names it. */
  readonly ocdsMethod: 'open' | 'selective' | 'limited' | 'direct';
  /** How the winner follows the report. */
  readonly award: AwardPath;
  /** 询价: each supplier quotes once, and the quote cannot be changed (74号令46). */
  readonly quoteOnce?: { readonly article: string };
  /**
   * 谈判, 磋商: the team negotiates in rounds after the opening, then asks every supplier still in
   * for a final quote by a time (74号令33, 214号21); the report ranks the final quotes.
   */
  readonly finalQuotes?: { readonly article: string; readonly source?: string };
  /** When the bonds go back, each rule one of the procedure's periods; absent where it takes no bond. */
  readonly bondRefunds?: BondRefunds;
  /** 终止: the grounds on which staff end the process before its result. */
  readonly termination: Termination;
}

/**
 * Why a process may end before its result (终止): the project or task is cancelled; an objection to
 * a single-source notice was upheld; in 谈判, 询价 and 磋商, the method no longer applies, unlawful
 * conduct affects the procurement's fairness, or fewer than 3 suppliers are left (74号令37, 74号令50,
 * 214号35); in government open tendering, 废标 on those last two or every price over the budget (政府采购法36).
 */
export const TerminationGround = z.enum([
  'cancelled',
  'objection-upheld',
  'no-longer-applicable',
  'unlawful-conduct',
  'too-few-suppliers',
  'over-budget',
]);
export type TerminationGround = z.infer<typeof TerminationGround>;

/**
 * The grounds the responses themselves give: too few of them qualify, or every price is over the
 * budget. Both are known only once the responses are opened, and a process ending on them failed
 * (OCDS unsuccessful) rather than was called off.
 */
/**
 * The notice of a process that failed on too few responses: 流标 under 招标投标法; in government
 * procurement 废标 for a tendering (政府采购法36) and 终止 for 谈判, 询价 and 磋商 (74号令37, 74号令50, 214号35).
 */
export const failureNoticeTitle = (procedure: Pick<Procedure, 'law' | 'publicOpening'>): string =>
  procedure.law !== '政府采购法' ? '流标公告' : procedure.publicOpening ? '废标公告' : '终止公告';

export const BID_OUTCOME_GROUNDS: ReadonlySet<TerminationGround> = new Set([
  'too-few-suppliers',
  'over-budget',
]);

/** How a procedure ends before its result: its grounds, each with its article, and the article of the notice itself. */
export interface Termination {
  /** The article that has the termination published and sent to everyone who took part (终止公告). */
  readonly article: string;
  readonly grounds: Partial<Record<TerminationGround, TerminationGroundRow>>;
}

/** One ground: its article, and the notice it publishes where that is not the procedure's (废标公告, 政府采购法36). */
export interface TerminationGroundRow {
  readonly article: string;
  readonly description: string;
  readonly notice?: { readonly title: string; readonly article: string };
}

/**
 * 谈判, 询价 and 磋商 end on the same three grounds, each in its own article, and the process is then
 * procured again. Fewer than 3 suppliers is known only once the responses are in.
 */
const nonTenderTermination = (article: string, method: string): Termination => ({
  article,
  grounds: {
    'no-longer-applicable': {
      article,
      description: `Circumstances changed and the procurement no longer meets the conditions for ${method} (因情况变化，不再符合适用情形); it is procured again.`,
    },
    'unlawful-conduct': {
      article,
      description:
        'Conduct in breach of the law or the rules affects the fairness of the procurement (出现影响采购公正的违法、违规行为); it is procured again.',
    },
    'too-few-suppliers': {
      article,
      description:
        'Fewer than 3 suppliers meet the requirements or quote within the budget (符合要求的供应商或者报价未超过采购预算的供应商不足3家); it is procured again.',
    },
  },
});

/** Bond refunds (退还保证金): each counted from its event, in its rule's day kind. */
export interface BondRefunds {
  /** A response withdrawn before its deadline: from the written withdrawal. */
  readonly withdrawal: PeriodRule;
  /** Every bond still held once the contract is signed. */
  readonly contract: PeriodRule;
  /** Where the others' bonds go back at the result (实施条例33, 87号令38, 74号令14): from the result notice. */
  readonly othersAtResult?: PeriodRule;
  /** Every bond held when the process is terminated (条例31, 87号令29): from the termination notice. */
  readonly termination?: PeriodRule;
}

/**
 * After the report: under 招标投标法 the candidates go into publicity (条例54) and the winner
 * follows it; in government procurement the purchaser confirms the winner from the report's
 * ranking within its period (87号令68, 74号令36/49, 214号28); 单一来源 ends in the negotiation
 * record (74号令42), a step the lifecycle does not carry yet.
 */
export type AwardPath =
  | { readonly by: 'candidate-publicity'; readonly article: string }
  | {
      readonly by: 'purchaser-confirmation';
      /** One of the procedure's periods. */
      readonly rule: PeriodRule;
      /** 中标 after a tender (87号令), 成交 after a non-tender procedure (74号令, 214号). */
      readonly term: DealTerm;
    }
  | { readonly by: 'negotiation-record'; readonly article: string };

/** What the deal is called: 中标 after a tender (either law), 成交 after 谈判, 询价, 磋商, 单一来源 (74号令, 214号). */
export type DealTerm = '中标' | '成交';

export const termOf = (procedure: Procedure): DealTerm =>
  procedure.award.by === 'purchaser-confirmation'
    ? procedure.award.term
    : procedure.award.by === 'negotiation-record'
      ? '成交'
      : '中标';

/** The purchaser confirms the winner from the report (in its order), under that period's rule. */
const confirmedBy = (rule: PeriodRule, term: DealTerm): AwardPath => ({
  by: 'purchaser-confirmation',
  rule,
  term,
});

const period = (
  id: string,
  article: string,
  value: number,
  days: PeriodRule['days'],
  limit: PeriodRule['limit'],
  counts: PeriodRule['counts'],
  description: string,
): PeriodRule => ({ id, article, unit: 'days', value, days, limit, counts, description });

const bond = (id: string, article: string, description: string): ShareRule => ({
  id,
  article,
  unit: 'percent',
  value: 2,
  limit: 'at-most',
  description,
});

const twoThirds = { numerator: 2, denominator: 3 } as const;

/** Tendering under 招标投标法: today's rules, reused from the legal-rules table. */
const tendering = {
  law: '招标投标法',
  periods: [
    ...openTenderingSchedule.periods,
    { rule: rules['amendment-notice'] },
    { rule: rules['document-objection'] },
    { rule: rules['publicity-duration'] },
    { rule: rules['contract-signing'] },
    { rule: rules['withdrawal-bond-refund'] },
    { rule: rules['contract-bond-refund'] },
    {
      rule: rules['termination-bond-refund'],
      source: '条例31 says 及时 (promptly); the platform reads it as the 5 days of 条例35 (to confirm)',
    },
  ],
  amendment: rules['amendment-notice'],
  minSuppliers: { value: 3, article: '条例44' },
  evaluationBody: {
    name: '评标委员会',
    minSize: 5,
    odd: true,
    expertShare: twoThirds,
    article: '法37',
  },
  evaluationMethods: [
    { method: '综合评估', article: '法41' },
    { method: '最低评标价法', article: '法41' },
  ],
  sealedBids: true,
  publicOpening: true,
  expertDraw: true,
  bidBond: rules['bid-bond'],
  award: { by: 'candidate-publicity', article: '条例54' },
  // Under 招标投标法 every bond waits for the contract (条例57), the losers' too.
  bondRefunds: {
    withdrawal: rules['withdrawal-bond-refund'],
    contract: rules['contract-bond-refund'],
    termination: rules['termination-bond-refund'],
  },
  termination: {
    article: '条例31',
    grounds: {
      cancelled: {
        article: '条例31',
        description:
          'The tenderer ends the tendering (终止招标), for example because the project is cancelled.',
      },
    },
  },
} as const satisfies Partial<Procedure>;

const gpAmendment = period(
  'gp-amendment-notice',
  '87号令27',
  15,
  'calendar',
  'at-least',
  'before',
  'A clarification or amendment that may affect bids reaches every holder of the documents at least 15 days before the bid deadline; otherwise the deadline moves out.',
);

const negotiationAmendment = period(
  'negotiation-amendment-notice',
  '74号令29',
  3,
  'working',
  'at-least',
  'before',
  'A clarification or amendment of the negotiation documents reaches every supplier at least 3 working days before the first responses are due; otherwise the deadline moves out.',
);

const quotationAmendment = period(
  'quotation-amendment-notice',
  '74号令45',
  3,
  'working',
  'at-least',
  'before',
  'A clarification or amendment of the request for quotations reaches every supplier at least 3 working days before the quotations are due; otherwise the deadline moves out.',
);

const consultationAmendment = period(
  'consultation-amendment-notice',
  '214号10',
  5,
  'calendar',
  'at-least',
  'before',
  'A clarification or amendment of the consultation documents reaches every supplier at least 5 days before the first responses are due; otherwise the deadline moves out.',
);

/** 87号令68: the purchaser confirms the winner within 5 working days of the report. */
const gpConfirmation = period(
  'gp-winner-confirmation',
  '87号令68',
  5,
  'working',
  'within',
  'after',
  'The purchaser confirms the winner among the candidates within 5 working days of receiving the evaluation report.',
);

/** 74号令36/49, 214号28: the purchaser confirms the supplier (成交供应商) within 5 working days of the review report. */
const nonTenderConfirmation = (id: string, article: string): PeriodRule =>
  period(
    id,
    article,
    5,
    'working',
    'within',
    'after',
    'The purchaser confirms the supplier from the review report’s candidates, by their ranking, within 5 working days of receiving the report.',
  );
const negotiationConfirmation = nonTenderConfirmation('negotiation-winner-confirmation', '74号令36');
const quotationConfirmation = nonTenderConfirmation('quotation-winner-confirmation', '74号令49');
const consultationConfirmation = nonTenderConfirmation('consultation-winner-confirmation', '214号28');

/** 谈判小组, 询价小组: 3 or more, odd, experts ≥ 2/3 (74号令7). */
const nonTenderBody = (name: string): EvaluationBody => ({
  name,
  minSize: 3,
  odd: true,
  expertShare: twoThirds,
  article: '74号令7',
});

const nonTenderBond = bond(
  'non-tender-bond',
  '74号令14',
  'The bond is at most 2 % of the procurement budget.',
);

/** 87号令38: a withdrawn bid's bond, the others' at the award notice, the winner's at the contract. */
const gpWithdrawalRefund = period(
  'gp-withdrawal-bond-refund',
  '87号令38',
  5,
  'working',
  'within',
  'after',
  "A withdrawn bid's bond is refunded within 5 working days of the written withdrawal notice.",
);
const gpResultRefund = period(
  'gp-result-bond-refund',
  '87号令38',
  5,
  'working',
  'within',
  'after',
  'Every bidder but the winner has its bond refunded within 5 working days of the award notice.',
);
/** 87号令29: a terminated tendering refunds the document fees and bonds within 5 working days. */
const gpTerminationRefund = period(
  'gp-termination-bond-refund',
  '87号令29',
  5,
  'working',
  'within',
  'after',
  'A terminated tendering refunds the bonds it took within 5 working days of the termination (with their interest, 孳息, which the platform does not compute).',
);
const gpContractRefund = period(
  'gp-bond-refund',
  '87号令38',
  5,
  'working',
  'within',
  'after',
  "The winner's bond is refunded within 5 working days of the contract being signed.",
);

/** 74号令14: the others' bonds within 5 working days of the result notice, the supplier's of the contract. */
const nonTenderResultRefund = period(
  'non-tender-result-bond-refund',
  '74号令14',
  5,
  'working',
  'within',
  'after',
  'Every supplier but the one chosen has its bond refunded within 5 working days of the result notice.',
);
const nonTenderContractRefund = period(
  'non-tender-bond-refund',
  '74号令14',
  5,
  'working',
  'within',
  'after',
  "The chosen supplier's bond is refunded within 5 working days of the contract being signed.",
);
const nonTenderWithdrawalRefund = period(
  'non-tender-withdrawal-bond-refund',
  '74号令14',
  5,
  'working',
  'within',
  'after',
  "A withdrawn response's bond is refunded within 5 working days of the written withdrawal notice.",
);
const nonTenderRefunds: BondRefunds = {
  withdrawal: nonTenderWithdrawalRefund,
  contract: nonTenderContractRefund,
  othersAtResult: nonTenderResultRefund,
  termination: gpTerminationRefund,
};
/** The periods rows of the non-tender refunds, with where each was read. */
const nonTenderRefundPeriods: readonly ProcedurePeriod[] = [
  { rule: nonTenderResultRefund },
  { rule: nonTenderContractRefund },
  {
    rule: nonTenderWithdrawalRefund,
    source:
      '74号令 第十四条 names the refunds after the result and after the contract; a withdrawal is read as the same 5 working days (to confirm)',
  },
];
/** No rule of 谈判, 询价 or 磋商 names a refund after a termination: the center applies 87号令29's. */
const nonTenderTerminationRefundPeriod: ProcedurePeriod = {
  rule: gpTerminationRefund,
  source:
    '74号令 and 214号 name no refund after a termination; the center applies 87号令 第二十九条 (5 working days, to confirm)',
};

/** 废标 (政府采购法36): every bidder is told why, and the procurement is tendered again (法37). */
const abandonment = { title: '废标公告', article: '政府采购法36' } as const;

/** Every procedure of the center, keyed by code. */
export const procedures: Readonly<Record<ProcedureCode, Procedure>> = {
  'open-tendering': {
    code: 'open-tendering',
    name: '公开招标',
    announcement: '招标公告',
    ...tendering,
    ocdsMethod: 'open',
  },
  'invited-tendering': {
    code: 'invited-tendering',
    name: '邀请招标',
    announcement: '投标邀请书',
    ...tendering,
    invitation: { value: 3, article: '法17' },
    ocdsMethod: 'selective',
  },
  'gp-open-tendering': {
    code: 'gp-open-tendering',
    name: '公开招标（政府采购）',
    announcement: '招标公告',
    law: '政府采购法',
    periods: [
      {
        rule: period(
          'gp-documents-available',
          '87号令18',
          5,
          'working',
          'at-least',
          'after',
          'Tender documents are available for at least 5 working days from the announcement.',
        ),
        from: 'documentsFrom',
        to: 'documentsTo',
        why: 'tender documents must be available that long',
      },
      {
        rule: period(
          'gp-bid-period',
          '政府采购法35',
          20,
          'calendar',
          'at-least',
          'after',
          'The bid deadline is at least 20 days after the tender documents are first issued.',
        ),
        from: 'documentsFrom',
        to: 'bidDeadline',
        why: 'bidders must have that long from the documents to their bids',
      },
      { rule: gpAmendment },
      { rule: gpConfirmation },
      // Met at once: the act that records the purchaser's confirmation publishes the result.
      {
        rule: period(
          'gp-result-notice',
          '87号令69',
          2,
          'working',
          'within',
          'after',
          'The result is published within 2 working days of the winner being confirmed.',
        ),
      },
      { rule: gpWithdrawalRefund },
      {
        rule: gpResultRefund,
        source: '87号令 第三十八条 (三); 政府采购法实施条例 第三十三条 states the same refund for the others',
      },
      {
        rule: gpContractRefund,
        source:
          '87号令 第三十八条 (四); 政府采购法实施条例 第三十三条 states the same refund for the winning supplier',
      },
      { rule: gpTerminationRefund },
    ],
    amendment: gpAmendment,
    minSuppliers: { value: 3, article: '政府采购法36' },
    evaluationBody: {
      name: '评标委员会',
      minSize: 5,
      odd: true,
      expertShare: twoThirds,
      large: { fromFen: 10_000_000_00, minSize: 7 },
      article: '87号令47',
    },
    evaluationMethods: [
      { method: '最低评标价法', article: '87号令53' },
      { method: '综合评分法', article: '87号令53' },
    ],
    sealedBids: true,
    publicOpening: true,
    expertDraw: true,
    bidBond: bond(
      'gp-bid-bond',
      '政府采购法实施条例33',
      'The bid bond is at most 2 % of the procurement budget.',
    ),
    ocdsMethod: 'open',
    award: confirmedBy(gpConfirmation, '中标'),
    bondRefunds: {
      withdrawal: gpWithdrawalRefund,
      contract: gpContractRefund,
      othersAtResult: gpResultRefund,
      termination: gpTerminationRefund,
    },
    // 87号令29: no termination but for a major change that cancels the task; 政府采购法36's 废标, after
    // which the procurement is tendered again (法37), ends it on the other grounds, each bidder told why.
    termination: {
      article: '87号令29',
      grounds: {
        cancelled: {
          article: '87号令29',
          description: 'A major change cancelled the procurement task (因重大变故采购任务取消).',
        },
        'too-few-suppliers': {
          article: '政府采购法36',
          description:
            'Fewer than 3 suppliers meet the requirements or respond in substance to the documents (符合专业条件的供应商或者对招标文件作实质响应的供应商不足三家); the procurement is tendered again.',
          notice: abandonment,
        },
        'unlawful-conduct': {
          article: '政府采购法36',
          description:
            'Conduct in breach of the law or the rules affects the fairness of the procurement (出现影响采购公正的违法、违规行为); the procurement is tendered again.',
          notice: abandonment,
        },
        'over-budget': {
          article: '政府采购法36',
          description:
            'Every bid is over the procurement budget and the purchaser cannot pay (投标人的报价均超过了采购预算，采购人不能支付); the procurement is tendered again.',
          notice: abandonment,
        },
      },
    },
  },
  'competitive-negotiation': {
    code: 'competitive-negotiation',
    name: '竞争性谈判',
    announcement: '竞争性谈判公告',
    law: '政府采购法',
    periods: [
      {
        rule: period(
          'negotiation-response-period',
          '74号令29',
          3,
          'working',
          'at-least',
          'after',
          'The first responses are due at least 3 working days after the negotiation documents are issued.',
        ),
        from: 'documentsFrom',
        to: 'bidDeadline',
        why: 'suppliers must have that long from the documents to their first responses',
      },
      { rule: negotiationAmendment },
      {
        rule: negotiationConfirmation,
        source:
          '74号令 第三十六条: the purchaser confirms the supplier within 5 working days of receiving the review report',
      },
      ...nonTenderRefundPeriods,
      nonTenderTerminationRefundPeriod,
    ],
    amendment: negotiationAmendment,
    minSuppliers: { value: 3, article: '74号令12' },
    evaluationBody: nonTenderBody('竞争性谈判小组'),
    // Final quotes after the rounds (74号令33); the lowest final quote that meets the requirements wins.
    evaluationMethods: [{ method: '最低价', article: '74号令35' }],
    sealedBids: true,
    publicOpening: false,
    expertDraw: true,
    bidBond: nonTenderBond,
    ocdsMethod: 'limited',
    award: confirmedBy(negotiationConfirmation, '成交'),
    finalQuotes: { article: '74号令33' },
    bondRefunds: nonTenderRefunds,
    termination: nonTenderTermination('74号令37', '竞争性谈判'),
  },
  'request-for-quotation': {
    code: 'request-for-quotation',
    name: '询价',
    announcement: '询价公告',
    law: '政府采购法',
    periods: [
      {
        rule: period(
          'quotation-response-period',
          '74号令45',
          3,
          'working',
          'at-least',
          'after',
          'Quotations are due at least 3 working days after the request for quotations is issued.',
        ),
        from: 'documentsFrom',
        to: 'bidDeadline',
        why: 'suppliers must have that long from the request to their quotations',
      },
      { rule: quotationAmendment },
      {
        rule: quotationConfirmation,
        source:
          '74号令 第四十九条: the purchaser confirms the supplier within 5 working days of receiving the review report',
      },
      ...nonTenderRefundPeriods,
      nonTenderTerminationRefundPeriod,
    ],
    amendment: quotationAmendment,
    minSuppliers: { value: 3, article: '74号令12' },
    evaluationBody: nonTenderBody('询价小组'),
    // One quote each, which cannot be changed (74号令46); the lowest that meets the requirements wins.
    evaluationMethods: [{ method: '最低价', article: '74号令48' }],
    sealedBids: true,
    publicOpening: false,
    expertDraw: true,
    bidBond: nonTenderBond,
    ocdsMethod: 'limited',
    award: confirmedBy(quotationConfirmation, '成交'),
    quoteOnce: { article: '74号令46' },
    bondRefunds: nonTenderRefunds,
    termination: nonTenderTermination('74号令50', '询价'),
  },
  'single-source': {
    code: 'single-source',
    name: '单一来源',
    announcement: '单一来源采购公示',
    law: '政府采购法',
    periods: [
      {
        rule: period(
          'single-source-publicity',
          '74号令38',
          5,
          'working',
          'at-least',
          'after',
          'The single-source notice, with its reasons and the supplier, is public for at least 5 working days before the procurement proceeds.',
        ),
        from: 'documentsFrom',
        to: 'bidDeadline',
        why: 'the single-source notice must be public that long before the procurement proceeds',
        source:
          '74号令 第三十八条 requires the publicity where the budget reaches the open-tendering threshold; the platform requires it for every single-source procurement',
      },
    ],
    // Nothing reaches other suppliers: an amendment still leaves the publicity its full period.
    amendment: rules['amendment-notice'],
    minSuppliers: { value: 1, article: '政府采购法39' },
    // The purchaser's staff negotiate the price with the one supplier and record it (74号令41–42).
    evaluationMethods: [],
    sealedBids: false,
    publicOpening: false,
    expertDraw: false,
    justification: { article: '政府采购法31' },
    ocdsMethod: 'direct',
    award: { by: 'negotiation-record', article: '74号令42' },
    // 74号令40: an objection to the notice upheld on review, the purchaser procures by another method;
    // the termination notice that says so is the platform's, as 74号令 names none.
    termination: {
      article: '平台规则',
      grounds: {
        'objection-upheld': {
          article: '74号令40',
          description:
            'An objection to the single-source notice was upheld on review: the purchaser procures by another method.',
        },
      },
    },
  },
  'competitive-consultation': {
    code: 'competitive-consultation',
    name: '竞争性磋商',
    announcement: '竞争性磋商公告',
    law: '政府采购法',
    periods: [
      {
        rule: period(
          'consultation-documents-on-sale',
          '214号10',
          5,
          'working',
          'at-least',
          'after',
          'The consultation documents are on sale for at least 5 working days.',
        ),
        from: 'documentsFrom',
        to: 'documentsTo',
        why: 'the consultation documents must be on sale that long',
      },
      {
        rule: period(
          'consultation-response-period',
          '214号10',
          10,
          'calendar',
          'at-least',
          'after',
          'The first responses are due at least 10 days after the consultation documents are issued.',
        ),
        from: 'documentsFrom',
        to: 'bidDeadline',
        why: 'suppliers must have that long from the documents to their first responses',
      },
      { rule: consultationAmendment },
      {
        rule: consultationConfirmation,
        source:
          '214号 第二十八条: the purchaser confirms the supplier within 5 working days of receiving the review report, by its ranking',
      },
      {
        rule: period(
          'consultation-report',
          '214号27',
          2,
          'working',
          'within',
          'after',
          'The consultation team’s report reaches the purchaser within 2 working days of the review.',
        ),
        source:
          '214号 第二十七条: the agency sends the review report to the purchaser within 2 working days of the review',
      },
      ...nonTenderRefundPeriods.map((row) => ({
        ...row,
        source: '214号 sets no refund period of its own; the center applies 74号令 第十四条 (to confirm)',
      })),
      nonTenderTerminationRefundPeriod,
    ],
    amendment: consultationAmendment,
    minSuppliers: { value: 3, article: '214号6' },
    evaluationBody: {
      name: '磋商小组',
      minSize: 3,
      odd: true,
      expertShare: twoThirds,
      article: '214号14',
    },
    evaluationMethods: [{ method: '综合评分法', article: '214号23' }],
    sealedBids: true,
    publicOpening: false,
    expertDraw: true,
    bidBond: bond('consultation-bond', '214号12', 'The bond is at most 2 % of the procurement budget.'),
    ocdsMethod: 'limited',
    award: confirmedBy(consultationConfirmation, '成交'),
    finalQuotes: {
      article: '214号21',
      source:
        '214号 第二十一条: after the consultation the team asks every supplier that responded in substance for its final quote within a set time',
    },
    bondRefunds: nonTenderRefunds,
    termination: nonTenderTermination('214号35', '竞争性磋商'),
  },
};

/** Open tendering under 招标投标法: the procedure of a tender that names none. */
export const defaultProcedure: ProcedureCode = 'open-tendering';

/** The procedure of a code; a tender without one (created before procedures) is open tendering. */
export const procedureOf = (code: ProcedureCode | undefined = defaultProcedure): Procedure =>
  procedures[code];

/** What a tender's schedule is checked against under the procedure: the periods it shows, and the bond ceiling. */
export const scheduleRulesOf = (procedure: Procedure): ScheduleRules => ({
  periods: procedure.periods.flatMap(({ rule, from, to, why }) =>
    from && to && why ? [{ rule, from, to, why }] : [],
  ),
  ...(procedure.bidBond ? { bidBond: procedure.bidBond } : {}),
});
