import { listSpecialtiesRoute } from '../../packages/experts/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(listSpecialtiesRoute, async () =>
  ok({ specialties: await deps.store.specialties() }),
);
