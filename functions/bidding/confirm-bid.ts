import { confirmBid } from '../../packages/bidding/bids';
import { confirmBidRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(confirmBidRoute, async ({ caller, path }) =>
  ok(await confirmBid(deps, caller, path.id, path.bidId)),
);
