import type * as z from 'zod';
import { defaultThresholds, type Thresholds } from './catalog';
import { type BondRefunds, type Procedure, procedures, termOf } from './procedures';
import type { ProcedureCatalog, ProcedureView } from './routes';

const refundRows = ({ withdrawal, contract, othersAtResult, termination }: BondRefunds) => ({
  withdrawal: withdrawal.id,
  contract: contract.id,
  ...(othersAtResult ? { othersAtResult: othersAtResult.id } : {}),
  ...(termination ? { termination: termination.id } : {}),
});

const viewOf = (procedure: Procedure): ProcedureView => ({
  code: procedure.code,
  name: procedure.name,
  law: procedure.law,
  announcement: procedure.announcement,
  periods: procedure.periods.map(({ rule, from, to, source }) => ({
    id: rule.id,
    value: rule.value,
    days: rule.days,
    limit: rule.limit,
    counts: rule.counts,
    article: rule.article,
    description: rule.description,
    ...(from && to ? { schedule: { from, to } } : {}),
    ...(source ? { source } : {}),
  })),
  amendment: procedure.amendment.id,
  minSuppliers: procedure.minSuppliers,
  ...(procedure.evaluationBody ? { evaluationBody: procedure.evaluationBody } : {}),
  evaluationMethods: [...procedure.evaluationMethods],
  sealedBids: procedure.sealedBids,
  publicOpening: procedure.publicOpening,
  expertDraw: procedure.expertDraw,
  ...(procedure.bidBond
    ? { bidBond: { percent: procedure.bidBond.value, article: procedure.bidBond.article } }
    : {}),
  ...(procedure.invitation ? { invitation: procedure.invitation } : {}),
  ...(procedure.justification ? { justification: procedure.justification } : {}),
  ocdsMethod: procedure.ocdsMethod,
  award: {
    by: procedure.award.by,
    article:
      procedure.award.by === 'purchaser-confirmation'
        ? procedure.award.rule.article
        : procedure.award.article,
    term: termOf(procedure),
  },
  ...(procedure.quoteOnce ? { quoteOnce: procedure.quoteOnce } : {}),
  ...(procedure.finalQuotes ? { finalQuotes: procedure.finalQuotes } : {}),
  ...(procedure.bondRefunds ? { bondRefunds: refundRows(procedure.bondRefunds) } : {}),
  termination: procedure.termination,
});

/** The table the platform enforces, as bidders and tools read it (`GET /procedures`). */
export const listProcedures = (
  thresholds: Thresholds = defaultThresholds,
): z.infer<typeof ProcedureCatalog> => {
  const { mandatoryTendering: mandatory, gpOpenTendering: gp } = thresholds;
  return {
    procedures: Object.values(procedures).map(viewOf),
    thresholds: {
      mandatoryTendering: (['works', 'goods', 'services'] as const).map((kind) => ({
        kind,
        fromFen: mandatory[kind],
        article: mandatory.article,
      })),
      gpOpenTendering: (['goods', 'services'] as const).map((kind) => ({
        kind,
        fromFen: gp[kind],
        article: gp.article,
      })),
    },
  };
};
