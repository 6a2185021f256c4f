/** Electronic supervision (电子监察): alerts when a time limit passes without its step. */
export { supervisionAlerts } from './alerts';
export type { SupervisionStore } from './ports';
export { supervisionRoutes } from './routes';
