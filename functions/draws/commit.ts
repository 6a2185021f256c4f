import { submitCommitment } from '../../packages/draw-ceremony/ceremony';
import { commitRoute } from '../../packages/draw-ceremony/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(commitRoute, async ({ caller, path, body }) =>
  ok(await submitCommitment(deps, caller, path.id, body.commitment)),
);
