import { AuditEntry, inclusionProof, readEntriesPage, NoteSigner } from '../audit-log';
import { ReceiptLog } from '../bidding';
import { DynamoAuditLog } from './audit-log-store';

/**
 * Receipts from the platform's log: the latest signed checkpoint (signed at most once per size),
 * the entry's audit path in that tree, and the confidential record behind the entry.
 */
export const dynamoReceiptLog = (log: DynamoAuditLog, signer: () => Promise<NoteSigner>): ReceiptLog => ({
  async prove(index) {
    const key = await signer();
    const checkpoint = await log.checkpoint(key, key.keyName);
    // A checkpoint note's second line is the tree size.
    const size = Number(checkpoint.split('\n')[1]);
    const [proof, page, record] = await Promise.all([
      inclusionProof(log, index, size),
      readEntriesPage(log, index, index + 1),
      log.record(index),
    ]);
    return {
      checkpoint,
      inclusionProof: proof.auditPath,
      entry: page.entries[0]!.entry as AuditEntry,
      record: (record ?? {}) as Record<string, { salt: string; value: unknown }>,
    };
  },
});
