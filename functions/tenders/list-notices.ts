import { listNotices } from '../../packages/tenders/notices';
import { listNoticesRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(listNoticesRoute, async ({ query }) =>
  ok(await listNotices(deps, query)),
);
