import { recordBond } from '../../packages/bidding/bids';
import { recordBondRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(recordBondRoute, async ({ caller, path, body }) =>
  ok(await recordBond(deps, caller, path.id, path.org, body)),
);
