import { submitShare } from '../../packages/bidding/opening';
import { submitShareRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(submitShareRoute, async ({ caller, path, body }) =>
  ok(await submitShare(deps, caller, path.id, body.share)),
);
