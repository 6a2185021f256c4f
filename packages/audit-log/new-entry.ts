import canonicalize from 'canonicalize';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../kernel';
import { AuditActor, AuditEntry } from './entry';
import { iJsonViolation } from './i-json';

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
  /**
   * The sealed process log the entry belongs to (a tender's id). An open process's confidential
   * activity (registrations, downloads, bids, bonds) is logged there and never in the public log,
   * whose size and timing would count it (法22); the process log is published at the opening.
   */
  process?: string;
}

/**
 * How an entry refers to content it must not show: SHA-256 (hex) of the RFC 8785 canonical JSON
 * of `{ salt, value }`. The random salt, kept in the confidential record, stops anyone from
 * confirming a guess (a bidder's name, a registration time) against the public digest.
 */
export const contentDigest = (salt: string, value: unknown): string =>
  createHash('sha256')
    .update(canonicalize({ salt, value }) ?? 'null')
    .digest('hex');

/** A confidential value as the record keeps it: the value and the salt of its digest. */
export interface SaltedValue {
  salt: string;
  value: unknown;
}

/** The entry at `index`, with each confidential value replaced by its salted digest, and the record that keeps them. */
export const prepareEntry = (
  index: number,
  time: Date,
  change: NewEntry,
): { entry: AuditEntry; record: Record<string, SaltedValue> | undefined } => {
  // I-JSON (RFC 7493): a value RFC 8785 cannot canonicalize, or that would come back changed
  // from JSON, never reaches the log, nor its records.
  const violation = iJsonViolation(change);
  if (violation) {
    throw new DomainError('VALIDATION_FAILED', `${violation.field}: ${violation.rule}`, {
      field: violation.field,
    });
  }
  const record = change.confidential
    ? Object.fromEntries(
        Object.entries(change.confidential).map(([name, value]) => [
          name,
          { salt: randomBytes(16).toString('hex'), value },
        ]),
      )
    : undefined;
  const digests = Object.fromEntries(
    Object.entries(record ?? {}).map(([name, { salt, value }]) => [
      `${name}Sha256`,
      contentDigest(salt, value),
    ]),
  );
  const entry = AuditEntry.parse({
    index,
    time: time.toISOString(),
    actor: change.actor,
    action: change.action,
    subject: change.subject,
    data: { ...change.data, ...digests },
  });
  return { entry, record };
};
