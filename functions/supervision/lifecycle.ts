import { viewLifecycle } from '../../packages/lifecycle/lifecycle';
import { getLifecycleRoute } from '../../packages/lifecycle/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(getLifecycleRoute, async ({ path }) =>
  ok(await viewLifecycle(deps, path.id)),
);
