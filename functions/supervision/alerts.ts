import { supervisionAlerts } from '../../packages/supervision/alerts';
import { alertsRoute } from '../../packages/supervision/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from '../tenders/deps';

export const handler = routeHandler(alertsRoute, async () => ok(await supervisionAlerts(deps)));
