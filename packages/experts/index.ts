/** The expert pool (评标专家库): experts, imports in the background by pool generation, avoidance (回避) and committee rules (法37). */
export { computeExclusions } from './avoidance';
export { assertLawfulCommittee } from './committee';
export { Expert, toPoolExpert } from './expert';
export { EXPERT_CSV_COLUMNS } from './expert-csv';
export { ExpertImport, ExpertPoolHead } from './pool-model';
export {
  getExpert,
  listSpecialties,
  queueImport,
  recordImportFailure,
  requireImport,
  runImport,
  startImport,
  updateExpert,
} from './pool';
export type { ExpertDeps, ExpertRecord, ExpertStore, PoolReads } from './ports';
export { nextReserve, supplementaryExclusions } from './replacement';
export { expertRoutes } from './routes';
