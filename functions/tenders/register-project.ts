import { registerProject } from '../../packages/tenders/projects';
import { registerProjectRoute } from '../../packages/tenders/routes';
import { json, routeHandler } from '../http/http-handler';
import { deps, idempotencyKey } from './deps';

export const handler = routeHandler(registerProjectRoute, async ({ caller, body, event }) => {
  const { project, created } = await registerProject(deps, caller, body, idempotencyKey(event.headers));
  return json(created ? 201 : 200, project);
});
