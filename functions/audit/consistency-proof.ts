import { consistencyProof } from '../../packages/audit-log/log-reader';
import { consistencyRoute } from '../../packages/audit-log/routes';
import { ok, routeHandler } from '../http/http-handler';
import { auditLog } from './log';

/** GET /audit/proofs/consistency?first=M&second=N (RFC 9162 §2.1.4). */
export const handler = routeHandler(consistencyRoute, async ({ query }) =>
  ok(await consistencyProof(auditLog, query.first, query.second)),
);
