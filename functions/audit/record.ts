import { confidentialRecord, RecordPath } from '../../packages/audit-log/log-reader';
import { httpHandler, ok } from '../http/http-handler';
import { auditLog } from './log';

/** GET /audit/records/{index}: the confidential record behind an entry, for regulators. */
export const handler = httpHandler({ access: ['regulator'], path: RecordPath }, async ({ path }) =>
  ok(await confidentialRecord(auditLog, path.index)),
);
