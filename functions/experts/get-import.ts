import { requireImport } from '../../packages/experts/pool';
import { getImportRoute } from '../../packages/experts/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(getImportRoute, async ({ path }) =>
  ok(await requireImport(deps, path.id)),
);
