import { myNotices } from '../../packages/tenders/notices';
import { myNoticesRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(myNoticesRoute, async ({ caller, query }) =>
  ok(await myNotices(deps, caller, query)),
);
