import { getExpert } from '../../packages/experts/pool';
import { getExpertRoute } from '../../packages/experts/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(getExpertRoute, async ({ path }) => ok(await getExpert(deps, path.id)));
