import * as z from 'zod';
import { defineRoute } from '../api-contract';
import { ProcedureCode, TerminationGround } from './procedures';

const Article = z.string().describe('the article a refusal cites, e.g. 政府采购法35 or 74号令29');
const Minimum = z.object({ value: z.int(), article: Article });

const PeriodRow = z.object({
  id: z.string(),
  value: z.int().positive(),
  days: z.enum(['calendar', 'working']),
  limit: z.enum(['at-least', 'within']),
  counts: z.enum(['after', 'before']),
  article: Article,
  description: z.string(),
  schedule: z
    .object({ from: z.string(), to: z.string() })
    .optional()
    .describe('the schedule instants the period runs between, checked when a tender is created'),
  source: z.string().optional().describe('where a value open to doubt was read'),
});

export const ProcedureView = z.object({
  code: ProcedureCode,
  name: z.string(),
  law: z.enum(['招标投标法', '政府采购法']),
  announcement: z.string().describe('what the notice that opens it is called'),
  periods: z.array(PeriodRow),
  amendment: z.string().describe('the id of the period an amendment that may affect bids must leave'),
  minSuppliers: Minimum,
  evaluationBody: z
    .object({
      name: z.string(),
      minSize: z.int(),
      odd: z.boolean(),
      expertShare: z.object({ numerator: z.int(), denominator: z.int() }),
      large: z.object({ fromFen: z.int(), minSize: z.int() }).optional(),
      article: Article,
    })
    .optional(),
  evaluationMethods: z.array(
    z.object({ method: z.enum(['最低评标价法', '综合评分法', '最低价', '综合评估']), article: Article }),
  ),
  sealedBids: z.boolean(),
  publicOpening: z.boolean(),
  expertDraw: z.boolean(),
  bidBond: z.object({ percent: z.number(), article: Article }).optional(),
  invitation: Minimum.optional(),
  justification: z.object({ article: Article }).optional(),
  ocdsMethod: z.enum(['open', 'selective', 'limited', 'direct']),
  award: z
    .object({
      by: z.enum(['candidate-publicity', 'purchaser-confirmation', 'negotiation-record']),
      article: Article,
      term: z
        .enum(['中标', '成交'])
        .describe('what the deal is called: 中标 after a tender, 成交 after 谈判, 询价, 磋商'),
    })
    .describe(
      'how the winner follows the report: candidate publicity (条例54), or the purchaser confirms it',
    ),
  quoteOnce: z
    .object({ article: Article })
    .optional()
    .describe('each supplier quotes once and cannot change it (询价, 74号令46)'),
  finalQuotes: z
    .object({ article: Article, source: z.string().optional() })
    .optional()
    .describe(
      'rounds of negotiation after the opening, then one final quote each by a set time (74号令33, 214号21)',
    ),
  bondRefunds: z
    .object({
      withdrawal: z.string(),
      contract: z.string(),
      othersAtResult: z.string().optional(),
      termination: z.string().optional(),
    })
    .optional()
    .describe(
      "the period rows (by id) bonds go back by: after a withdrawal, after the contract, where the law says so the others' at the result, and after a termination",
    ),
  termination: z
    .object({
      article: Article,
      grounds: z.partialRecord(
        TerminationGround,
        z.object({
          article: Article,
          description: z.string(),
          notice: z
            .object({ title: z.string(), article: Article })
            .optional()
            .describe("the notice this ground publishes, where it is not the procedure's (废标公告)"),
        }),
      ),
    })
    .describe('the grounds on which staff end the process before its result (终止), each with its article'),
});
export type ProcedureView = z.infer<typeof ProcedureView>;

const Threshold = z.object({ kind: z.string(), fromFen: z.int(), article: Article });

export const ProcedureCatalog = z.object({
  procedures: z.array(ProcedureView),
  thresholds: z.object({
    mandatoryTendering: z.array(Threshold).describe('必须招标 under 国家发改委令16号'),
    gpOpenTendering: z.array(Threshold).describe('政府采购公开招标数额标准'),
  }),
});

export const listProceduresRoute = defineRoute({
  operationId: 'listProcedures',
  method: 'GET',
  path: '/procedures',
  summary:
    'Every procedure (采购方式) the platform runs, with its law and its rows (value, day kind, article), and the thresholds that decide them',
  tags: ['platform'],
  access: 'public',
  responses: { 200: { description: 'The procedures and thresholds', schema: ProcedureCatalog } },
});
