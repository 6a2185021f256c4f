import { startPublicity } from '../../packages/award/publicity';
import { startPublicityRoute } from '../../packages/award/routes';
import { created, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(startPublicityRoute, async ({ caller, path, body }) =>
  created(await startPublicity(deps, caller, path.id, body.days)),
);
