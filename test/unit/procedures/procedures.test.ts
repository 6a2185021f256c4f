import { assertLawfulAmendment } from '../../../packages/legal-rules/amendment';
import { demoCalendar } from '../../../packages/legal-rules/calendar';
import { rules } from '../../../packages/legal-rules/rules';
import { scheduleViolations, type TenderSchedule } from '../../../packages/legal-rules/tender-schedule';
import {
  assertLawfulProcedure,
  type Deal,
  defaultThresholds,
  type ProcedureTerms,
  thresholdsFrom,
} from '../../../packages/procedures/catalog';
import {
  type ProcedureCode,
  procedureOf,
  procedures,
  scheduleRulesOf,
} from '../../../packages/procedures/procedures';
import { listProcedures } from '../../../packages/procedures/view';
import { ProcedureCatalog } from '../../../packages/procedures/routes';

const YUAN = 100;
const MS = 1;

/**
 * 74号令14's refunds: the others' at the result, the supplier's at the contract, a withdrawal's; and
 * 87号令29's after a termination, which the center applies where 74号令 and 214号 name none.
 */
const nonTenderRefunds: [string, number, string, string][] = [
  ['non-tender-result-bond-refund', 5, 'working', '74号令14'],
  ['non-tender-bond-refund', 5, 'working', '74号令14'],
  ['non-tender-withdrawal-bond-refund', 5, 'working', '74号令14'],
  ['gp-termination-bond-refund', 5, 'working', '87号令29'],
];

/** Tendering under 招标投标法, open or invited: the same periods. */
const tendering = {
  law: '招标投标法',
  periods: [
    ['documents-available', 5, 'calendar', '条例16'],
    ['bid-period', 20, 'calendar', '法24'],
    ['amendment-notice', 15, 'calendar', '条例21'],
    ['document-objection', 10, 'calendar', '条例22'],
    ['publicity-duration', 3, 'calendar', '条例54'],
    ['contract-signing', 30, 'calendar', '法46'],
    ['withdrawal-bond-refund', 5, 'calendar', '条例35'],
    ['contract-bond-refund', 5, 'calendar', '条例57'],
    ['termination-bond-refund', 5, 'calendar', '条例31'],
  ] as [string, number, string, string][],
};

/** Each procedure's rows as the law states them: a changed value or article fails here first. */
const pinned: Record<ProcedureCode, { law: string; periods: [string, number, string, string][] }> = {
  'open-tendering': tendering,
  'invited-tendering': tendering,
  'gp-open-tendering': {
    law: '政府采购法',
    periods: [
      ['gp-documents-available', 5, 'working', '87号令18'],
      ['gp-bid-period', 20, 'calendar', '政府采购法35'],
      ['gp-amendment-notice', 15, 'calendar', '87号令27'],
      ['gp-winner-confirmation', 5, 'working', '87号令68'],
      ['gp-result-notice', 2, 'working', '87号令69'],
      ['gp-withdrawal-bond-refund', 5, 'working', '87号令38'],
      ['gp-result-bond-refund', 5, 'working', '87号令38'],
      ['gp-bond-refund', 5, 'working', '87号令38'],
      ['gp-termination-bond-refund', 5, 'working', '87号令29'],
    ],
  },
  'competitive-negotiation': {
    law: '政府采购法',
    periods: [
      ['negotiation-response-period', 3, 'working', '74号令29'],
      ['negotiation-amendment-notice', 3, 'working', '74号令29'],
      ['negotiation-winner-confirmation', 5, 'working', '74号令36'],
      ...nonTenderRefunds,
    ],
  },
  'request-for-quotation': {
    law: '政府采购法',
    periods: [
      ['quotation-response-period', 3, 'working', '74号令45'],
      ['quotation-amendment-notice', 3, 'working', '74号令45'],
      ['quotation-winner-confirmation', 5, 'working', '74号令49'],
      ...nonTenderRefunds,
    ],
  },
  'single-source': {
    law: '政府采购法',
    periods: [['single-source-publicity', 5, 'working', '74号令38']],
  },
  'competitive-consultation': {
    law: '政府采购法',
    periods: [
      ['consultation-documents-on-sale', 5, 'working', '214号10'],
      ['consultation-response-period', 10, 'calendar', '214号10'],
      ['consultation-amendment-notice', 5, 'calendar', '214号10'],
      ['consultation-winner-confirmation', 5, 'working', '214号28'],
      ['consultation-report', 2, 'working', '214号27'],
      ...nonTenderRefunds,
    ],
  },
};

describe('the procedures table', () => {
  it.each(Object.entries(pinned))('pins the law and every period of %s', (code, { law, periods }) => {
    const procedure = procedureOf(code as ProcedureCode);
    expect(procedure.law).toBe(law);
    expect(procedure.periods.map(({ rule }) => [rule.id, rule.value, rule.days, rule.article])).toEqual(
      periods,
    );
  });

  it('lists at least the seven procedures, each under its own code', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(pinned).sort());
    for (const [code, procedure] of Object.entries(procedures)) expect(procedure.code).toBe(code);
  });

  it("reuses today's legal rules for tendering under 招标投标法 rather than copying their values", () => {
    for (const code of ['open-tendering', 'invited-tendering'] as const) {
      const procedure = procedureOf(code);
      expect(procedure.periods.find((p) => p.rule.id === 'bid-period')?.rule).toBe(rules['bid-period']);
      expect(procedure.amendment).toBe(rules['amendment-notice']);
      expect(procedure.bidBond).toBe(rules['bid-bond']);
    }
    expect(procedureOf(undefined).code).toBe('open-tendering');
  });

  it('pins suppliers, evaluation bodies, methods, sealing, draws and bonds with their articles', () => {
    const summary = Object.fromEntries(
      Object.values(procedures).map((p) => [
        p.code,
        [
          p.minSuppliers.value,
          p.minSuppliers.article,
          p.evaluationBody && [p.evaluationBody.minSize, p.evaluationBody.odd, p.evaluationBody.article],
          p.evaluationMethods.map((m) => `${m.method} ${m.article}`),
          p.sealedBids,
          p.publicOpening,
          p.expertDraw,
          p.bidBond && `${p.bidBond.value}% ${p.bidBond.article}`,
        ],
      ]),
    );
    expect(summary).toEqual({
      'open-tendering': [
        3,
        '条例44',
        [5, true, '法37'],
        ['综合评估 法41', '最低评标价法 法41'],
        true,
        true,
        true,
        '2% 条例26',
      ],
      'invited-tendering': [
        3,
        '条例44',
        [5, true, '法37'],
        ['综合评估 法41', '最低评标价法 法41'],
        true,
        true,
        true,
        '2% 条例26',
      ],
      'gp-open-tendering': [
        3,
        '政府采购法36',
        [5, true, '87号令47'],
        ['最低评标价法 87号令53', '综合评分法 87号令53'],
        true,
        true,
        true,
        '2% 政府采购法实施条例33',
      ],
      'competitive-negotiation': [
        3,
        '74号令12',
        [3, true, '74号令7'],
        ['最低价 74号令35'],
        true,
        false,
        true,
        '2% 74号令14',
      ],
      'request-for-quotation': [
        3,
        '74号令12',
        [3, true, '74号令7'],
        ['最低价 74号令48'],
        true,
        false,
        true,
        '2% 74号令14',
      ],
      'single-source': [1, '政府采购法39', undefined, [], false, false, false, undefined],
      'competitive-consultation': [
        3,
        '214号6',
        [3, true, '214号14'],
        ['综合评分法 214号23'],
        true,
        false,
        true,
        '2% 214号12',
      ],
    });
    // 87号令47: seven or more from a budget of 10 million yuan.
    expect(procedureOf('gp-open-tendering').evaluationBody?.large).toEqual({
      fromFen: 10_000_000 * YUAN,
      minSize: 7,
    });
    const shares = Object.values(procedures).flatMap((p) =>
      p.evaluationBody ? [p.evaluationBody.expertShare] : [],
    );
    expect(shares).toEqual(Array(6).fill({ numerator: 2, denominator: 3 }));
    expect(procedureOf('invited-tendering').invitation).toEqual({ value: 3, article: '法17' });
    expect(procedureOf('single-source').justification).toEqual({ article: '政府采购法31' });
  });

  it('keeps the source of every value open to doubt beside it', () => {
    const sourced = Object.values(procedures).flatMap((p) =>
      p.periods.filter((row) => row.source).map((row) => row.rule.id),
    );
    expect(sourced.sort()).toEqual([
      'consultation-report',
      'consultation-winner-confirmation',
      'gp-bond-refund',
      'gp-result-bond-refund',
      'gp-termination-bond-refund',
      'gp-termination-bond-refund',
      'gp-termination-bond-refund',
      'negotiation-winner-confirmation',
      'non-tender-bond-refund',
      'non-tender-result-bond-refund',
      'non-tender-withdrawal-bond-refund',
      'non-tender-withdrawal-bond-refund',
      'non-tender-withdrawal-bond-refund',
      'quotation-winner-confirmation',
      'single-source-publicity',
      'termination-bond-refund',
      'termination-bond-refund',
    ]);
  });

  it('follows the report by candidate publicity under 招标投标法, and by the purchaser confirming within 5 working days in government procurement', () => {
    const paths = Object.fromEntries(
      Object.values(procedures).map((p) => [
        p.code,
        p.award.by === 'purchaser-confirmation'
          ? [p.award.term, p.award.rule.value, p.award.rule.days, p.award.rule.limit, p.award.rule.article]
          : [p.award.by, p.award.article],
      ]),
    );
    expect(paths).toEqual({
      'open-tendering': ['candidate-publicity', '条例54'],
      'invited-tendering': ['candidate-publicity', '条例54'],
      'gp-open-tendering': ['中标', 5, 'working', 'within', '87号令68'],
      'competitive-negotiation': ['成交', 5, 'working', 'within', '74号令36'],
      'request-for-quotation': ['成交', 5, 'working', 'within', '74号令49'],
      'single-source': ['negotiation-record', '74号令42'],
      'competitive-consultation': ['成交', 5, 'working', 'within', '214号28'],
    });
    expect(
      Object.values(procedures)
        .filter((p) => p.quoteOnce)
        .map((p) => [p.code, p.quoteOnce!.article]),
    ).toEqual([['request-for-quotation', '74号令46']]);
    // The confirmation is a row of the public table too, with where its value was read.
    const rfq = listProcedures().procedures.find((p) => p.code === 'request-for-quotation')!;
    expect(rfq.award).toEqual({ by: 'purchaser-confirmation', article: '74号令49', term: '成交' });
    expect(rfq.periods.find((row) => row.id === 'quotation-winner-confirmation')).toMatchObject({
      source: expect.any(String),
    });
    // So are the bond refunds: in government procurement the others' go back at the result.
    expect(rfq.bondRefunds).toEqual({
      withdrawal: 'non-tender-withdrawal-bond-refund',
      contract: 'non-tender-bond-refund',
      othersAtResult: 'non-tender-result-bond-refund',
      termination: 'gp-termination-bond-refund',
    });
    expect(listProcedures().procedures.find((p) => p.code === 'open-tendering')!.bondRefunds).toEqual({
      withdrawal: 'withdrawal-bond-refund',
      contract: 'contract-bond-refund',
      termination: 'termination-bond-refund',
    });
    // Each refund rule is a row of its procedure's public table, where a reader finds its value and article.
    for (const view of listProcedures().procedures) {
      const rows = new Set(view.periods.map((row) => row.id));
      for (const id of Object.values(view.bondRefunds ?? {}))
        expect([view.code, rows.has(id)]).toEqual([view.code, true]);
    }
  });

  it('lists every row publicly in the shape its route declares', () => {
    const catalog = ProcedureCatalog.parse(listProcedures());
    expect(catalog.procedures.map((p) => p.code)).toEqual(Object.keys(procedures));
    const gp = catalog.procedures.find((p) => p.code === 'gp-open-tendering')!;
    expect(gp.periods[1]).toMatchObject({
      id: 'gp-bid-period',
      value: 20,
      days: 'calendar',
      article: '政府采购法35',
      schedule: { from: 'documentsFrom', to: 'bidDeadline' },
    });
    // 终止: the grounds each procedure ends on before its result, each with its article.
    expect(
      catalog.procedures.map((p) => [
        p.code,
        p.termination?.article,
        Object.entries(p.termination?.grounds ?? {}).map(([id, g]) => `${id} ${g.article}`),
      ]),
    ).toEqual([
      ['open-tendering', '条例31', ['cancelled 条例31']],
      ['invited-tendering', '条例31', ['cancelled 条例31']],
      [
        'gp-open-tendering',
        '87号令29',
        [
          'cancelled 87号令29',
          'too-few-suppliers 政府采购法36',
          'unlawful-conduct 政府采购法36',
          'over-budget 政府采购法36',
        ],
      ],
      ['competitive-negotiation', '74号令37', nonTender('74号令37')],
      ['request-for-quotation', '74号令50', nonTender('74号令50')],
      ['single-source', '平台规则', ['objection-upheld 74号令40']],
      ['competitive-consultation', '214号35', nonTender('214号35')],
    ]);
    expect(catalog.thresholds.gpOpenTendering).toEqual([
      { kind: 'goods', fromFen: 4_000_000 * YUAN, article: '政府采购法27' },
      { kind: 'services', fromFen: 4_000_000 * YUAN, article: '政府采购法27' },
    ]);
    expect(catalog.thresholds.mandatoryTendering.map((t) => [t.kind, t.fromFen / YUAN])).toEqual([
      ['works', 4_000_000],
      ['goods', 2_000_000],
      ['services', 1_000_000],
    ]);
  });
});

/** The three grounds 谈判, 询价 and 磋商 end on, each in the procedure's own article. */
const nonTender = (article: string) =>
  ['no-longer-applicable', 'unlawful-conduct', 'too-few-suppliers'].map((g) => `${g} ${article}`);

/** A schedule whose documents open at `from`, with the given documents' end and bid deadline. */
const scheduleOf = (from: string, documentsTo: Date, bidDeadline: Date): TenderSchedule => ({
  documentsFrom: from,
  documentsTo: documentsTo.toISOString(),
  bidDeadline: bidDeadline.toISOString(),
  openingPlace: '市公共资源交易中心 第三开标室',
  bidBond: 0,
  bidValidityDays: 90,
});

const violated = (code: ProcedureCode, schedule: TenderSchedule, estimatedPrice = 1_000_000 * YUAN) =>
  scheduleViolations(
    schedule,
    { estimatedPrice, rules: scheduleRulesOf(procedureOf(code)) },
    demoCalendar,
  ).map((v) => `${v.rule} ${v.field}`);

const at = (iso: string) => new Date(iso);
const before = (instant: Date) => new Date(instant.getTime() - MS);

/**
 * 2026's 国庆节: 1–7 October are holidays, Saturday 10 October a make-up working day. From
 * Wednesday 30 September, working days are 8, 9, 10 (Saturday), 12, 13 October …
 */
const EVE_OF_NATIONAL_DAY = '2026-09-30T09:00:00+08:00';
const thirdWorkingDayEnds = at('2026-10-11T00:00:00+08:00');
const fifthWorkingDayEnds = at('2026-10-14T00:00:00+08:00');
const twentyDays = at('2026-10-20T09:00:00+08:00');

describe("each procedure's schedule periods, at their boundaries", () => {
  it('government open tendering: documents ≥ 5 working days (87号令18) across the holiday, bids ≥ 20 days (政府采购法35)', () => {
    expect(
      violated('gp-open-tendering', scheduleOf(EVE_OF_NATIONAL_DAY, fifthWorkingDayEnds, twentyDays)),
    ).toEqual([]);
    expect(
      violated('gp-open-tendering', scheduleOf(EVE_OF_NATIONAL_DAY, before(fifthWorkingDayEnds), twentyDays)),
    ).toEqual(['87号令18 schedule.documentsTo']);
    expect(
      violated('gp-open-tendering', scheduleOf(EVE_OF_NATIONAL_DAY, fifthWorkingDayEnds, before(twentyDays))),
    ).toEqual(['政府采购法35 schedule.bidDeadline']);
    // Under 招标投标法 the documents' 5 days are calendar days (条例16): the holiday counts.
    expect(
      violated(
        'open-tendering',
        scheduleOf(EVE_OF_NATIONAL_DAY, at('2026-10-05T09:00:00+08:00'), twentyDays),
      ),
    ).toEqual([]);
    expect(
      violated(
        'invited-tendering',
        scheduleOf(EVE_OF_NATIONAL_DAY, before(at('2026-10-05T09:00:00+08:00')), before(twentyDays)),
      ),
    ).toEqual(['条例16 schedule.documentsTo', '法24 schedule.bidDeadline']);
  });

  it.each([
    ['competitive-negotiation', '74号令29'],
    ['request-for-quotation', '74号令45'],
  ] as const)(
    '%s: responses ≥ 3 working days, counting the make-up Saturday and not the holiday (%s)',
    (code, article) => {
      const docsEnd = at('2026-10-09T17:00:00+08:00');
      expect(violated(code, scheduleOf(EVE_OF_NATIONAL_DAY, docsEnd, thirdWorkingDayEnds))).toEqual([]);
      expect(violated(code, scheduleOf(EVE_OF_NATIONAL_DAY, docsEnd, before(thirdWorkingDayEnds)))).toEqual([
        `${article} schedule.bidDeadline`,
      ]);
    },
  );

  it('competitive consultation: on sale ≥ 5 working days across the holiday, responses ≥ 10 days (214号10)', () => {
    const deadline = at('2026-10-14T09:00:00+08:00');
    expect(
      violated('competitive-consultation', scheduleOf(EVE_OF_NATIONAL_DAY, fifthWorkingDayEnds, deadline)),
    ).toEqual([]);
    expect(
      violated(
        'competitive-consultation',
        scheduleOf(EVE_OF_NATIONAL_DAY, before(fifthWorkingDayEnds), deadline),
      ),
    ).toEqual(['214号10 schedule.documentsTo']);
    const monday = '2026-03-02T09:00:00+08:00';
    const onSale = at('2026-03-10T00:00:00+08:00');
    const tenDaysLater = at('2026-03-12T09:00:00+08:00');
    expect(violated('competitive-consultation', scheduleOf(monday, onSale, tenDaysLater))).toEqual([]);
    expect(violated('competitive-consultation', scheduleOf(monday, onSale, before(tenDaysLater)))).toEqual([
      '214号10 schedule.bidDeadline',
    ]);
  });

  it('single source: the notice public ≥ 5 working days before it proceeds (74号令38)', () => {
    const docsEnd = at('2026-10-09T17:00:00+08:00');
    expect(violated('single-source', scheduleOf(EVE_OF_NATIONAL_DAY, docsEnd, fifthWorkingDayEnds))).toEqual(
      [],
    );
    expect(
      violated('single-source', scheduleOf(EVE_OF_NATIONAL_DAY, docsEnd, before(fifthWorkingDayEnds))),
    ).toEqual(['74号令38 schedule.bidDeadline']);
  });

  it.each([
    ['open-tendering', '条例26'],
    ['gp-open-tendering', '政府采购法实施条例33'],
    ['competitive-negotiation', '74号令14'],
    ['request-for-quotation', '74号令14'],
    ['competitive-consultation', '214号12'],
  ] as const)('%s: a bond of 2 %% of the estimate and not a fen more (%s)', (code, article) => {
    const schedule = {
      ...scheduleOf(EVE_OF_NATIONAL_DAY, fifthWorkingDayEnds, twentyDays),
      bidBond: 20_000 * YUAN,
    };
    expect(violated(code, schedule)).toEqual([]);
    expect(violated(code, { ...schedule, bidBond: 20_000 * YUAN + 1 })).toEqual([
      `${article} schedule.bidBond`,
    ]);
  });

  it.each([
    ['gp-open-tendering', '87号令27', at('2026-10-04T09:00:00+08:00'), at('2026-10-19T09:00:00+08:00')],
    ['competitive-negotiation', '74号令29', EVE_OF_NATIONAL_DAY, thirdWorkingDayEnds],
    ['request-for-quotation', '74号令45', EVE_OF_NATIONAL_DAY, thirdWorkingDayEnds],
    ['competitive-consultation', '214号10', at('2026-10-04T09:00:00+08:00'), at('2026-10-09T09:00:00+08:00')],
  ] as const)(
    '%s: an amendment leaves its period to the deadline (%s)',
    (code, article, published, deadline) => {
      const rule = procedureOf(code).amendment;
      const publishedAt = new Date(published);
      expect(() => assertLawfulAmendment(publishedAt, deadline, true, demoCalendar, rule)).not.toThrow();
      expect(() => assertLawfulAmendment(publishedAt, before(deadline), true, demoCalendar, rule)).toThrow(
        expect.objectContaining({ details: { rule: article, field: 'schedule.bidDeadline' } }),
      );
    },
  );
});

const refusal = (deal: Deal, terms: ProcedureTerms, thresholds = defaultThresholds) => {
  try {
    assertLawfulProcedure(deal, terms, thresholds);
    return undefined;
  } catch (error) {
    return (error as { details: { rule?: string; field?: string } }).details;
  }
};

const goods = (yuan: number, constructionRelated = false): Deal => ({
  kind: 'goods',
  estimatedPrice: yuan * YUAN,
  constructionRelated,
});
const justification = {
  ground: 'only-source',
  supplier: 'ORG-BIDDER-1',
  reasons: '专利产品，唯一供应商',
} as const;
const invited = ['ORG-BIDDER-1', 'ORG-BIDDER-2', 'ORG-BIDDER-3'];

describe('the catalog and its thresholds (目录统一)', () => {
  it.each(['competitive-negotiation', 'request-for-quotation', 'competitive-consultation'] as const)(
    'allows %s for goods at 3,999,999 yuan and refuses it at 4,000,000, the open-tendering threshold (政府采购法27)',
    (procedure) => {
      expect(refusal(goods(3_999_999), { procedure })).toBeUndefined();
      expect(refusal(goods(4_000_000), { procedure })).toEqual({
        rule: '政府采购法27',
        field: 'body.procedure',
      });
      expect(refusal(goods(4_000_000), { procedure: 'gp-open-tendering' })).toBeUndefined();
    },
  );

  it('refuses works at 4,000,000 yuan outside 招标投标法 (发改委令16号5), and allows them at 3,999,999', () => {
    const works = (yuan: number): Deal => ({ kind: 'works', estimatedPrice: yuan * YUAN });
    expect(refusal(works(3_999_999), { procedure: 'competitive-consultation' })).toBeUndefined();
    expect(refusal(works(4_000_000), { procedure: 'competitive-consultation' })).toEqual({
      rule: '发改委令16号5',
      field: 'body.procedure',
    });
    expect(refusal(works(4_000_000), { procedure: 'open-tendering' })).toBeUndefined();
    expect(
      refusal(works(4_000_000), { procedure: 'invited-tendering', invitedBidders: invited }),
    ).toBeUndefined();
  });

  it("applies 16号令's goods and services thresholds to a construction project's goods and services", () => {
    expect(refusal(goods(1_999_999, true), { procedure: 'competitive-negotiation' })).toBeUndefined();
    expect(refusal(goods(2_000_000, true), { procedure: 'competitive-negotiation' })?.rule).toBe(
      '发改委令16号5',
    );
    const services = (yuan: number): Deal => ({
      kind: 'services',
      estimatedPrice: yuan * YUAN,
      constructionRelated: true,
    });
    expect(refusal(services(999_999), { procedure: 'competitive-consultation' })).toBeUndefined();
    expect(refusal(services(1_000_000), { procedure: 'competitive-consultation' })?.rule).toBe(
      '发改委令16号5',
    );
    expect(refusal(services(1_000_000), { procedure: 'gp-open-tendering' })?.rule).toBe('发改委令16号5');
    expect(refusal(goods(2_000_000), { procedure: 'competitive-negotiation' })).toBeUndefined();
  });

  it("takes a city's own open-tendering threshold, as the deployment gives it in fen, and lists it", () => {
    const city = thresholdsFrom(String(2_000_000 * YUAN));
    expect(refusal(goods(1_999_999), { procedure: 'competitive-negotiation' }, city)).toBeUndefined();
    expect(refusal(goods(2_000_000), { procedure: 'competitive-negotiation' }, city)?.rule).toBe(
      '政府采购法27',
    );
    expect(listProcedures(city).thresholds.gpOpenTendering.map((t) => t.fromFen)).toEqual([
      2_000_000 * YUAN,
      2_000_000 * YUAN,
    ]);
    expect(thresholdsFrom(undefined)).toBe(defaultThresholds);
    for (const bad of ['', '0', '-1', '1.5', '4e8', ' 400000000']) {
      expect(() => thresholdsFrom(bad)).toThrow(/whole number of fen/);
    }
  });

  it('refuses each procedure where the law does not allow it, citing the rule', () => {
    const works: Deal = { kind: 'works', estimatedPrice: 1_000_000 * YUAN };
    expect(refusal(works, { procedure: 'gp-open-tendering' })?.rule).toBe('87号令2');
    expect(
      refusal({ kind: 'services', estimatedPrice: YUAN }, { procedure: 'request-for-quotation' })?.rule,
    ).toBe('政府采购法32');
    expect(refusal({ kind: 'land', estimatedPrice: YUAN }, {})?.rule).toBe('国土资源部令39号');
    expect(refusal({ kind: 'state-property', estimatedPrice: YUAN }, {})?.rule).toBe('国资委 财政部令32号');
  });

  it('refuses invited tendering with fewer than 3 invited bidders (法17), and invitations elsewhere', () => {
    const deal: Deal = { kind: 'works', estimatedPrice: 1_000_000 * YUAN };
    expect(refusal(deal, { procedure: 'invited-tendering', invitedBidders: invited.slice(0, 2) })).toEqual({
      rule: '法17',
      field: 'body.invitedBidders',
    });
    expect(refusal(deal, { procedure: 'invited-tendering' })?.rule).toBe('法17');
    expect(refusal(deal, { invitedBidders: invited })).toEqual({ field: 'body.invitedBidders' });
  });

  it('refuses single source without its justification (政府采购法31), and a justification elsewhere', () => {
    expect(refusal(goods(10_000_000), { procedure: 'single-source' })).toEqual({
      rule: '政府采购法31',
      field: 'body.singleSource',
    });
    expect(
      refusal(goods(10_000_000), { procedure: 'single-source', singleSource: justification }),
    ).toBeUndefined();
    expect(refusal(goods(10), { procedure: 'competitive-negotiation', singleSource: justification })).toEqual(
      {
        field: 'body.singleSource',
      },
    );
  });
});
