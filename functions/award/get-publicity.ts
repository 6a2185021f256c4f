import { requirePublicity } from '../../packages/award/publicity';
import { getPublicityRoute } from '../../packages/award/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(getPublicityRoute, async ({ path }) =>
  ok(await requirePublicity(deps, path.id)),
);
