import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { AuditActor, AuditEntry } from './entry';

type Json = AuditEntry['data'][string];

/** What a state change asks the log to record; the log assigns index and time. */
export interface NewEntry {
  actor: AuditActor;
  action: string;
  subject: Record<string, string>;
  /** Public facts of the change. */
  data?: Record<string, Json>;
  /**
   * Confidential content (a bid's metadata, a committee list): kept in its own record, readable
   * by regulators, and represented in the public entry only by `<name>Sha256`.
   */
  confidential?: Record<string, unknown>;
}

/** SHA-256 (hex) of a value's RFC 8785 canonical JSON: how an entry refers to content it must not show. */
export const contentDigest = (value: unknown): string =>
  createHash('sha256')
    .update(canonicalize(value) ?? 'null')
    .digest('hex');

/** The entry at `index`, with each confidential value replaced by its digest, and the record that keeps them. */
export const prepareEntry = (
  index: number,
  time: Date,
  change: NewEntry,
): { entry: AuditEntry; record: Record<string, unknown> | undefined } => {
  const digests = Object.fromEntries(
    Object.entries(change.confidential ?? {}).map(([name, value]) => [`${name}Sha256`, contentDigest(value)]),
  );
  const entry = AuditEntry.parse({
    index,
    time: time.toISOString(),
    actor: change.actor,
    action: change.action,
    subject: change.subject,
    data: { ...change.data, ...digests },
  });
  return { entry, record: change.confidential };
};
