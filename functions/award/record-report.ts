import { recordReport } from '../../packages/award/evaluation';
import { recordReportRoute } from '../../packages/award/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(recordReportRoute, async ({ caller, path, body }) =>
  ok(await recordReport(deps, caller, path.id, body)),
);
