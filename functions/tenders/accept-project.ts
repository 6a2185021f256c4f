import { acceptProject } from '../../packages/tenders/projects';
import { acceptProjectRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(acceptProjectRoute, async ({ caller, path }) =>
  ok(await acceptProject(deps, caller, path.id)),
);
