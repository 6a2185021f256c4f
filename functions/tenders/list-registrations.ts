import { listRegistrations } from '../../packages/tenders/registration';
import { listRegistrationsRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(listRegistrationsRoute, async ({ path }) =>
  ok(await listRegistrations(deps, path.id)),
);
