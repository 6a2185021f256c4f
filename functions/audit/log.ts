import { clockFromEnvironment } from '../../packages/kernel/clock';
import { documentClient, requiredEnv } from '../../packages/storage/clients';
import { dynamoAuditLog } from '../../packages/storage/audit-log-store';

/** The audit log as every audit route reads it; created once per function instance. */
export const auditLog = dynamoAuditLog(documentClient(), requiredEnv('TABLE_NAME'), clockFromEnvironment());
