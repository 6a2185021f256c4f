import { requestBidUpload } from '../../packages/bidding/bids';
import { requestBidUploadRoute } from '../../packages/bidding/routes';
import { created, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(requestBidUploadRoute, async ({ caller, path, body }) =>
  created(await requestBidUpload(deps, caller, path.id, body)),
);
