import { publishAmendment } from '../../packages/tenders/amendments';
import { publishAmendmentRoute } from '../../packages/tenders/routes';
import { created, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(publishAmendmentRoute, async ({ caller, path, body }) =>
  created(await publishAmendment(deps, caller, path.id, body)),
);
