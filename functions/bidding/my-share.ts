import { myShare } from '../../packages/custody/custodians';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';
import { myShareRoute } from '../../packages/custody/routes';

export const handler = routeHandler(myShareRoute, async ({ caller, path }) =>
  ok(await myShare(deps, caller, path.id)),
);
