import { reportUploadSlot } from '../../packages/award/evaluation';
import { reportUploadRoute } from '../../packages/award/routes';
import { created, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(reportUploadRoute, async ({ path }) =>
  created(await reportUploadSlot(deps, path.id)),
);
