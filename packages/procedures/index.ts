/** Every procedure (采购方式) as data with its articles, the catalog's thresholds (目录统一), and the checks that cite them. */
export {
  ProcedureTerms,
  ProjectKind,
  SingleSourceJustification,
  assertLawfulProcedure,
  dealCodeOf,
  defaultThresholds,
  mandatoryTenderingThreshold,
  thresholdsFrom,
} from './catalog';
export type { Deal, Thresholds } from './catalog';
export {
  ProcedureCode,
  defaultProcedure,
  procedureOf,
  procedures,
  scheduleRulesOf,
  termOf,
  TerminationGround,
  BID_OUTCOME_GROUNDS,
  failureNoticeTitle,
} from './procedures';
export type {
  AwardPath,
  BondRefunds,
  DealTerm,
  EvaluationMethod,
  Law,
  Procedure,
  ProcedurePeriod,
  Termination,
} from './procedures';
export { ProcedureView, listProceduresRoute } from './routes';
export { listProcedures } from './view';
