import { actorOf } from '../../packages/audit-log/actors';
import { publishResult } from '../../packages/award/result';
import { publishResultRoute } from '../../packages/award/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(publishResultRoute, async ({ caller, path, body }) =>
  ok(await publishResult(deps, actorOf(caller), path.id, body.winner)),
);
