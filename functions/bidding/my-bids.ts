import { myBids } from '../../packages/bidding/bids';
import { myBidRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(myBidRoute, async ({ caller, path }) =>
  ok(await myBids(deps, caller, path.id)),
);
