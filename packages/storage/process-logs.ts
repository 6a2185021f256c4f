import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { AuditEntry, NoteSigner, processLogOrigin, SaltedValue } from '../audit-log';
import { ProcessLogs } from '../bidding';
import { Clock, DomainError } from '../kernel';
import { dynamoAuditLog } from './audit-log-store';
import { dynamoTable } from './dynamo-table';
import { logKeys, processLog } from './key-scheme';
import { processLogStore } from './process-log-store';

/**
 * The process logs in the platform table: each tender's log has its own head
 * (`PROCESS#<processId>`), so tenders never contend.
 */
export const dynamoProcessLogs = (
  db: DynamoDBDocumentClient,
  tableName: string,
  clock: Clock,
  signer: () => Promise<NoteSigner>,
): ProcessLogs => {
  const logOf = (processId: string) => dynamoAuditLog(db, tableName, clock, logKeys(processLog(processId)));
  return processLogStore(
    dynamoTable(db, tableName, clock),
    {
      checkpoint: (processId, key) =>
        logOf(processId).checkpoint(key, processLogOrigin(key.keyName, processId)),
      async entry(processId, index) {
        const log = logOf(processId);
        const [[text], record] = await Promise.all([log.readEntries(index, index + 1), log.record(index)]);
        if (!text) throw new DomainError('INTERNAL', `Process ${processId}'s log has no entry ${index}.`);
        return {
          entry: AuditEntry.parse(JSON.parse(text)),
          record: (record ?? {}) as Record<string, SaltedValue>,
        };
      },
      size: (processId) => logOf(processId).size(),
      entries: (processId, from, to) => logOf(processId).readEntries(from, to),
    },
    signer,
  );
};
