import { raiseObjection } from '../../packages/bidding/opening';
import { raiseObjectionRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(raiseObjectionRoute, async ({ caller, path, body }) =>
  ok(await raiseObjection(deps, caller, path.id, body.text)),
);
