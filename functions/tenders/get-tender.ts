import { viewTender } from '../../packages/tenders/tenders';
import { getTenderRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(getTenderRoute, async ({ path }) =>
  ok(await viewTender(deps, 'public', path.id)),
);
