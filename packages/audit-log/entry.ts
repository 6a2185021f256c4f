import canonicalize from 'canonicalize';
import * as z from 'zod';
import { DomainError } from '../kernel';
import { leafHash } from './hash';

/** Who acted: a verified caller, or the platform itself (deadlines, the state machine). */
export const AuditActor = z.strictObject({
  role: z.enum(['bidder', 'staff', 'regulator', 'system']),
  user: z.string().min(1),
  org: z.string().min(1).optional(),
});
export type AuditActor = z.infer<typeof AuditActor>;
/**
 * One record of the audit log. The log is public, so `data` holds only what may be
 * published; confidential content appears as {@link Sha256Hex}. Objects are strict:
 * a field the schema does not know would change the leaf hash without being checked.
 */
export const AuditEntry = z.strictObject({
  /** Position in the log, so an entry cannot be replayed at another index. */
  index: z.int().nonnegative(),
  time: z.iso.datetime(),
  actor: AuditActor,
  action: z
    .string()
    .regex(/^[a-z][a-zA-Z0-9-]*(\.[a-z][a-zA-Z0-9-]*)+$/, 'must be dotted words, e.g. tender.published'),
  /** Ids of what the action concerns, e.g. `{ tenderId, bidderOrg }`. */
  subject: z.record(z.string().min(1), z.string().min(1)),
  data: z.record(z.string(), z.json()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * The bytes a leaf hash covers: the entry as RFC 8785 canonical JSON in UTF-8, so that
 * anyone re-serializing the published entry gets the same bytes. Throws
 * VALIDATION_FAILED, naming every field at fault, for an entry that breaks the schema.
 */
export const canonicalEntryBytes = (entry: AuditEntry): Uint8Array => {
  const parsed = AuditEntry.safeParse(entry);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      field: ['entry', ...issue.path.map(String)].join('.'),
      message: issue.message,
    }));
    throw new DomainError('VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), {
      field: issues[0]?.field,
      issues,
    });
  }
  // canonicalize returns undefined only for undefined input; an entry is an object.
  return new TextEncoder().encode(canonicalize(parsed.data) as string);
};

/** The entry's leaf hash in the log's Merkle tree: SHA-256(0x00 ‖ canonical JSON). */
export const leafHashOfEntry = (entry: AuditEntry): Uint8Array => leafHash(canonicalEntryBytes(entry));

/**
 * The leaf hash of an entry as a log served it, without checking it against the schema:
 * a verifier only needs the bytes the log hashed, and skipping validation makes offline
 * verification of a large log several times faster.
 */
export const leafHashOfServedEntry = (entry: unknown): Uint8Array =>
  leafHash(new TextEncoder().encode(canonicalize(entry) ?? 'null'));
