import { startImport } from '../../packages/experts/pool';
import { startImportRoute } from '../../packages/experts/routes';
import { created, routeHandler } from '../http/http-handler';
import { deps, idempotencyKey } from '../tenders/deps';

export const handler = routeHandler(startImportRoute, async ({ caller, body, event }) =>
  created(await startImport(deps, caller, body, idempotencyKey(event.headers))),
);
