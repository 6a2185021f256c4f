import { runImport } from '../../packages/experts/pool';
import { runImportRoute } from '../../packages/experts/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(runImportRoute, async ({ caller, path }) =>
  ok(await runImport(deps, caller, path.id)),
);
