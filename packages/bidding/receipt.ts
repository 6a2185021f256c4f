import * as z from 'zod';
import { openSignedNote, AuditEntry, leafHashOfServedEntry, contentDigest, checkRecord } from '../audit-log';
/**
 * What a bidder keeps: proof that the platform received this ciphertext at this time, before
 * the deadline. The public log entry holds only a salted digest (nobody may learn who bid, 法22);
 * the receipt carries the salt and value, so the bidder alone can tie the entry to the bid.
 */
export const Receipt = z.object({
  action: z.enum(['bid.received', 'bid.withdrawn']),
  tenderId: z.string(),
  bidderOrg: z.string(),
  bidId: z.string(),
  sha256: z.string(),
  size: z.int(),
  at: z.iso.datetime(),
  index: z.int().nonnegative(),
  /** The public entry at `index` and the confidential value behind its `bidSha256`. */
  entry: AuditEntry,
  confidential: z.object({ salt: z.string(), value: z.record(z.string(), z.unknown()) }),
  /** A signed checkpoint (C2SP note) whose tree holds the entry, and the entry's audit path to its root. */
  checkpoint: z.string(),
  inclusionProof: z.array(z.string()),
});
export type Receipt = z.infer<typeof Receipt>;

/**
 * Checks a receipt offline: the confidential value hashes to the entry's digest, the entry is
 * in the checkpoint's tree, and the checkpoint is signed by the log's key. Throws naming what failed.
 */
export const verifyReceipt = (receipt: Receipt, verifierKey: string): void => {
  const digest = contentDigest(receipt.confidential.salt, receipt.confidential.value);
  if (receipt.entry.data.bidSha256 !== digest) throw new Error('The receipt does not match its log entry.');
  const value = receipt.confidential.value;
  if (
    value.sha256 !== receipt.sha256 ||
    value.tenderId !== receipt.tenderId ||
    value.bidId !== receipt.bidId
  ) {
    throw new Error('The receipt names a different bid than its log entry.');
  }
  const checkpoint = openSignedNote(receipt.checkpoint, verifierKey);
  if (receipt.entry.index !== receipt.index) throw new Error('The receipt cites a different entry.');
  checkRecord(
    receipt.inclusionProof.map((h) => Buffer.from(h, 'hex')),
    checkpoint.size,
    checkpoint.root,
    receipt.index,
    leafHashOfServedEntry(receipt.entry),
  );
};
