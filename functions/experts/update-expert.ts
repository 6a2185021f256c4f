import { updateExpert } from '../../packages/experts/pool';
import { updateExpertRoute } from '../../packages/experts/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(updateExpertRoute, async ({ caller, path, body }) =>
  ok(await updateExpert(deps, caller, path.id, body)),
);
