import { viewLifecycle, lifecycleRoutes } from '../../packages/lifecycle';
import { supervisionAlerts, supervisionRoutes } from '../../packages/supervision';
import { lifecycleStore, supervisionStore } from '../../packages/storage';
import { clock, platformTable } from '../adapters';
import { contextHandler, ok } from '../http/http-handler';

const table = platformTable();

/** What regulators watch (电子监察): time limits passed without their step, and each tender's lifecycle. */
export const handler = contextHandler([...supervisionRoutes, ...lifecycleRoutes] as const, {
  listSupervisionAlerts: async () => ok(await supervisionAlerts({ store: supervisionStore(table), clock })),
  getLifecycle: async ({ path }) => ok(await viewLifecycle({ store: lifecycleStore(table), clock }, path.id)),
});
