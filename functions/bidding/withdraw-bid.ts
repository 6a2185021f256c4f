import { withdrawBid } from '../../packages/bidding/bids';
import { withdrawBidRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(withdrawBidRoute, async ({ caller, path }) =>
  ok(await withdrawBid(deps, caller, path.id)),
);
