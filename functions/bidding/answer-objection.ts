import { answerObjection } from '../../packages/bidding/opening';
import { answerObjectionRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(answerObjectionRoute, async ({ caller, path, body }) =>
  ok(await answerObjection(deps, caller, path.id, path.number, body.answer)),
);
