import { revealSecret } from '../../packages/draw-ceremony/ceremony';
import { revealRoute } from '../../packages/draw-ceremony/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(revealRoute, async ({ caller, path, body }) =>
  ok(await revealSecret(deps, caller, path.id, body.secret)),
);
