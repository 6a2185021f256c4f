/** Electronic supervision (电子监察): alerts when a time limit passes without its step, and red flags with their articles. */
export { supervisionAlerts } from './alerts';
export { timeLimitKpis } from './kpis';
export { redFlagRules, redFlagsOf, supervisionRedFlags } from './red-flags';
export type { RedFlag, TenderFacts } from './red-flags';
export type { SupervisionStore } from './ports';
export { supervisionRoutes } from './routes';
