import { actorOf } from '../../packages/audit-log/actors';
import { startOpening } from '../../packages/bidding/opening';
import { startOpeningRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(startOpeningRoute, async ({ caller, path }) =>
  ok(await startOpening(deps, actorOf(caller), path.id)),
);
