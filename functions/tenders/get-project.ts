import { getProject } from '../../packages/tenders/projects';
import { getProjectRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(getProjectRoute, async ({ path }) => ok(await getProject(deps, path.id)));
