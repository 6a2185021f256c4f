import { recordContract } from '../../packages/award/result';
import { recordContractRoute } from '../../packages/award/routes';
import { created, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(recordContractRoute, async ({ caller, path, body }) =>
  created(await recordContract(deps, caller, path.id, body.signedOn)),
);
