import { viewOpening } from '../../packages/bidding/opening';
import { getOpeningRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(getOpeningRoute, async ({ path }) =>
  ok(await viewOpening(deps, path.id)),
);
