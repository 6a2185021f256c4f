import { drawRecord } from '../../packages/draw-ceremony/record';
import { publicDrawRecordRoute } from '../../packages/draw-ceremony/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(publicDrawRecordRoute, async ({ path }) =>
  ok(await drawRecord(deps, 'public', path.id)),
);
