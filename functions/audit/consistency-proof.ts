import { ConsistencyQuery, consistencyProof } from '../../packages/audit-log/log-reader';
import { httpHandler, ok } from '../http/http-handler';
import { auditLog } from './log';

/** GET /audit/proofs/consistency?first=M&second=N (RFC 9162 §2.1.4). */
export const handler = httpHandler({ access: 'public', query: ConsistencyQuery }, async ({ query }) =>
  ok(await consistencyProof(auditLog, query.first, query.second)),
);
