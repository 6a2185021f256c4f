import { myShare } from '../../packages/bidding/custodians';
import { myShareRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(myShareRoute, async ({ caller, path }) =>
  ok(await myShare(deps, caller, path.id)),
);
