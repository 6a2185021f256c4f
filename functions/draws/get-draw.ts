import { requireDraw } from '../../packages/draw-ceremony/ceremony';
import { getDrawRoute } from '../../packages/draw-ceremony/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(getDrawRoute, async ({ path }) => ok(await requireDraw(deps, path.id)));
