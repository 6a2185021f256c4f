import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';
import { listCustodiansRoute } from '../../packages/custody/routes';

export const handler = routeHandler(listCustodiansRoute, async () =>
  ok({ custodians: await deps.store.custodianKeys() }),
);
