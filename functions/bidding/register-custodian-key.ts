import { registerCustodianKey } from '../../packages/custody/custodians';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';
import { registerCustodianKeyRoute } from '../../packages/custody/routes';

export const handler = routeHandler(registerCustodianKeyRoute, async ({ caller, body }) =>
  ok(await registerCustodianKey(deps, caller, body.publicKey)),
);
