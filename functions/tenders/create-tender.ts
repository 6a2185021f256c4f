import { createTender } from '../../packages/tenders/tenders';
import { createTenderRoute } from '../../packages/tenders/routes';
import { json, routeHandler } from '../http/http-handler';
import { deps, idempotencyKey } from './deps';

export const handler = routeHandler(createTenderRoute, async ({ caller, path, body, event }) => {
  const { tender, created } = await createTender(deps, caller, path.id, body, idempotencyKey(event.headers));
  return json(created ? 201 : 200, tender);
});
