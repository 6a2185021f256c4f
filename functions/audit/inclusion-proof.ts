import { InclusionQuery, inclusionProof } from '../../packages/audit-log/log-reader';
import { httpHandler, ok } from '../http/http-handler';
import { auditLog } from './log';

/** GET /audit/proofs/inclusion?index=I&size=N (RFC 9162 §2.1.3). */
export const handler = httpHandler({ access: 'public', query: InclusionQuery }, async ({ query }) =>
  ok(await inclusionProof(auditLog, query.index, query.size)),
);
