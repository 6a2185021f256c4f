import { getHolidayCalendar } from '../../packages/tenders/calendar';
import { getCalendarRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(getCalendarRoute, async ({ path }) =>
  ok(await getHolidayCalendar(deps, path.year)),
);
