import { readEntriesPage } from '../../packages/audit-log/log-reader';
import { entriesRoute } from '../../packages/audit-log/routes';
import { ok, routeHandler } from '../http/http-handler';
import { auditLog } from './log';

/** GET /audit/entries?start=S&end=E: entries [S, E), at most 1000, each with its leaf hash. */
export const handler = routeHandler(entriesRoute, async ({ query }) =>
  ok(await readEntriesPage(auditLog, query.start, query.end)),
);
