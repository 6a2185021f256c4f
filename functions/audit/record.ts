import { confidentialRecord } from '../../packages/audit-log/log-reader';
import { recordRoute } from '../../packages/audit-log/routes';
import { ok, routeHandler } from '../http/http-handler';
import { auditLog } from './log';

/** GET /audit/records/{index}: the confidential record behind an entry, for regulators. */
export const handler = routeHandler(recordRoute, async ({ path }) =>
  ok(await confidentialRecord(auditLog, path.index)),
);
