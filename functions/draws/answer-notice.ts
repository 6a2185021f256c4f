import { answerNotice } from '../../packages/draw-ceremony/committee';
import { answerNoticeRoute } from '../../packages/draw-ceremony/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(answerNoticeRoute, async ({ caller, path, body }) =>
  ok(await answerNotice(deps, caller, path.id, body)),
);
