import { raisePublicityObjection } from '../../packages/award/publicity';
import { raisePublicityObjectionRoute } from '../../packages/award/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(raisePublicityObjectionRoute, async ({ caller, path, body }) =>
  ok(await raisePublicityObjection(deps, caller, path.id, body.text)),
);
