import { registerForTender } from '../../packages/tenders/registration';
import { registerForTenderRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(registerForTenderRoute, async ({ caller, path }) =>
  ok(await registerForTender(deps, caller, path.id)),
);
