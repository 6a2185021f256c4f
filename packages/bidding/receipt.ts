import canonicalize from 'canonicalize';
import * as z from 'zod';
import {
  contentDigest,
  PlatformFault,
  PublishedProcessLog,
  verifyNote,
  verifyProcessLog,
  AuditEntry,
} from '../audit-log';

const ReceiptAction = z.enum(['bid.received', 'bid.withdrawn']);

/**
 * What the platform signs: this bid's hash, received at this time, is in the tender's sealed
 * process log, under the anchor it writes at the deadline. Like a Certificate Transparency SCT it
 * shows no index and no size, so a receipt tells nothing of how many acted before it (法22).
 */
export const ReceiptPromise = z.strictObject({
  action: ReceiptAction,
  tenderId: z.string(),
  bidId: z.string(),
  sha256: z.string(),
  size: z.int(),
  at: z.iso.datetime(),
  /** The process log entry's `bidSha256`: the salted digest of the confidential value below. */
  digest: z.string(),
  anchor: z.literal('final'),
});
export type ReceiptPromise = z.infer<typeof ReceiptPromise>;

/**
 * What a bidder keeps: the platform's signed promise, and the salt and value behind the entry's
 * digest, so the bidder alone can tie the entry to the bid once the process log is published.
 */
export const Receipt = z.object({
  action: ReceiptAction,
  tenderId: z.string(),
  bidderOrg: z.string(),
  bidId: z.string(),
  sha256: z.string(),
  size: z.int(),
  at: z.iso.datetime(),
  confidential: z.object({ salt: z.string(), value: z.record(z.string(), z.unknown()) }),
  /** The {@link ReceiptPromise} as a C2SP signed note by the audit log's key. */
  promise: z.string(),
});
export type Receipt = z.infer<typeof Receipt>;

/** The promise's note text under the log's key name: an origin line, then the promise as canonical JSON. */
export const promiseNoteText = (keyName: string, promise: ReceiptPromise): string =>
  `${keyName}/receipt\n${canonicalize(ReceiptPromise.parse(promise))}\n`;

/**
 * Checks a receipt offline, before the opening: the promise is signed by the log's key and names
 * this bid, and the confidential value hashes to the promised digest. Throws naming what failed.
 */
export const verifyReceipt = (receipt: Receipt, verifierKey: string): ReceiptPromise => {
  const [origin = '', body = ''] = verifyNote(receipt.promise, verifierKey).split('\n');
  if (!origin.endsWith('/receipt')) throw new Error(`The promise is a note of ${origin}, not a receipt.`);
  const promise = ReceiptPromise.parse(JSON.parse(body));
  for (const field of ['action', 'tenderId', 'bidId', 'sha256', 'size', 'at'] as const) {
    if (promise[field] !== receipt[field])
      throw new Error(`The signed promise names ${field} ${promise[field]}, the receipt ${receipt[field]}.`);
  }
  if (contentDigest(receipt.confidential.salt, receipt.confidential.value) !== promise.digest)
    throw new Error('The receipt’s confidential value does not hash to the promised digest.');
  const value = receipt.confidential.value;
  if (value.sha256 !== receipt.sha256 || value.tenderId !== receipt.tenderId || value.bidId !== receipt.bidId)
    throw new Error('The receipt names a different bid than its confidential value.');
  return promise;
};

/**
 * Checks a receipt after the opening against the published process log: the receipt verifies, the
 * log verifies against its anchors (and the public entries they cite, when given), and the entry
 * the platform promised is there, under the final anchor. A signed promise whose entry is missing
 * is the platform's fault ({@link PlatformFault}); the receipt is the evidence.
 */
export const verifyReceiptInclusion = (
  receipt: Receipt,
  published: PublishedProcessLog,
  verifierKey: string,
  publicEntry?: (index: number) => AuditEntry | undefined,
): { index: number } => {
  const promise = verifyReceipt(receipt, verifierKey);
  if (published.processId !== receipt.tenderId)
    throw new Error(
      `The process log is process ${published.processId}'s, the receipt tender ${receipt.tenderId}'s.`,
    );
  const { entries, finalSize } = verifyProcessLog(published, verifierKey, publicEntry);
  const index = entries.findIndex((e) => e.action === promise.action && e.data.bidSha256 === promise.digest);
  if (index < 0)
    throw new PlatformFault(
      `The platform signed a receipt for ${promise.action} of bid ${promise.bidId} at ${promise.at}, but its published process log holds no such entry.`,
    );
  if (index >= finalSize)
    throw new PlatformFault(
      `The entry of bid ${promise.bidId} is at ${index}, after the final anchor's ${finalSize} entries.`,
    );
  return { index };
};
