import { requestDraw } from '../../packages/draw-ceremony/ceremony';
import { requestDrawRoute } from '../../packages/draw-ceremony/routes';
import { json, routeHandler } from '../http/http-handler';
import { deps, idempotencyKey } from '../tenders/deps';

export const handler = routeHandler(requestDrawRoute, async ({ caller, path, body, event }) => {
  const { draw, created } = await requestDraw(deps, caller, path.id, body, idempotencyKey(event.headers));
  return json(created ? 201 : 200, draw);
});
