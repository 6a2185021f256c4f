import { viewTender } from '../../packages/tenders/tenders';
import { manageTenderRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(manageTenderRoute, async ({ path }) =>
  ok(await viewTender(deps, 'insiders', path.id)),
);
