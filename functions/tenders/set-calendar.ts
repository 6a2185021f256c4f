import { setHolidayCalendar } from '../../packages/tenders/calendar';
import { setCalendarRoute } from '../../packages/tenders/routes';
import { ok, routeHandler } from '../http/http-handler';
import { deps } from './deps';

export const handler = routeHandler(setCalendarRoute, async ({ caller, path, body }) =>
  ok(await setHolidayCalendar(deps, caller, path.year, body)),
);
