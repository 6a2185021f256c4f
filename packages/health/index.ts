/** Whether the platform is up. */
export { checkHealth } from './check-health';
export type { StorageProbe } from './check-health';
export { healthRoute } from './routes';
