import { publishTender } from '../../packages/tenders/tenders';
import { publishTenderRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(publishTenderRoute, async ({ caller, path }) =>
  ok(await publishTender(deps, caller, path.id)),
);
