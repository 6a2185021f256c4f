import { viewCommittee } from '../../packages/draw-ceremony/committee';
import { getCommitteeRoute } from '../../packages/draw-ceremony/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(getCommitteeRoute, async ({ path }) =>
  ok(await viewCommittee(deps, path.id)),
);
