import { answerPublicityObjection } from '../../packages/award/publicity';
import { answerPublicityObjectionRoute } from '../../packages/award/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(answerPublicityObjectionRoute, async ({ caller, path, body }) =>
  ok(await answerPublicityObjection(deps, caller, path.id, path.number, body.answer)),
);
