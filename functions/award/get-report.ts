import { requireEvaluation } from '../../packages/award/evaluation';
import { getReportRoute } from '../../packages/award/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(getReportRoute, async ({ path }) =>
  ok(await requireEvaluation(deps, path.id)),
);
