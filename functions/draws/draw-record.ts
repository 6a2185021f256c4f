import { drawRecord } from '../../packages/draw-ceremony/record';
import { drawRecordRoute } from '../../packages/draw-ceremony/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(drawRecordRoute, async ({ path }) =>
  ok(await drawRecord(deps, 'regulator', path.id)),
);
