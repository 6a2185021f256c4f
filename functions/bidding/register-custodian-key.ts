import { registerCustodianKey } from '../../packages/bidding/custodians';
import { registerCustodianKeyRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(registerCustodianKeyRoute, async ({ caller, body }) =>
  ok(await registerCustodianKey(deps, caller, body.publicKey)),
);
