/** Electronic supervision (电子监察): alerts when a time limit passes without its step, and red flags with their articles. */
export { supervisionAlerts } from './alerts';
export { timeLimitKpis } from './kpis';
export { monthlyReport } from './report';
export { redFlagRules, redFlagsOf, supervisionRedFlags } from './red-flags';
export type { RedFlag, TenderFacts } from './red-flags';
export type { CaseStore, SupervisionStore } from './ports';
export { listCases, openCase, takeCaseStep, viewCase } from './cases';
export type { CaseRecord, CaseView, MonitoringCase } from './cases';
export { supervisionRoutes } from './routes';
