import { listCustodiansRoute } from '../../packages/bidding/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(listCustodiansRoute, async () =>
  ok({ custodians: await deps.store.custodianKeys() }),
);
