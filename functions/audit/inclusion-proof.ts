import { inclusionProof } from '../../packages/audit-log/log-reader';
import { inclusionRoute } from '../../packages/audit-log/routes';
import { ok, routeHandler } from '../http/http-handler';
import { auditLog } from './log';

/** GET /audit/proofs/inclusion?index=I&size=N (RFC 9162 §2.1.3). */
export const handler = routeHandler(inclusionRoute, async ({ query }) =>
  ok(await inclusionProof(auditLog, query.index, query.size)),
);
