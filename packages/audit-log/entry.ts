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

/** An entry's schema errors as VALIDATION_FAILED, naming every field at fault; the entry if none. */
const validEntry = (entry: AuditEntry): AuditEntry => {
  const parsed = AuditEntry.safeParse(entry);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    field: ['entry', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new DomainError('VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), {
    field: issues[0]?.field,
    issues,
  });
};

/**
 * The entry as the log keeps it: RFC 8785 canonical JSON, whose UTF-8 bytes are exactly what the
 * leaf hash covers and what readers are served. Written once, at append; never re-serialized.
 */
export const canonicalEntryText = (entry: AuditEntry): string =>
  // canonicalize returns undefined only for undefined input; an entry is an object.
  canonicalize(validEntry(entry)) as string;

/**
 * The bytes a leaf hash covers: the entry as RFC 8785 canonical JSON in UTF-8. Throws
 * VALIDATION_FAILED, naming every field at fault, for an entry that breaks the schema.
 */
export const canonicalEntryBytes = (entry: AuditEntry): Uint8Array =>
  new TextEncoder().encode(canonicalEntryText(entry));

/** The entry's leaf hash in the log's Merkle tree: SHA-256(0x00 ‖ canonical JSON). */
export const leafHashOfEntry = (entry: AuditEntry): Uint8Array => leafHash(canonicalEntryBytes(entry));

/**
 * The leaf hash of an entry object as a log served it, re-serialized as canonical JSON. Prefer
 * {@link leafHashOfLoggedText} where the logged text is at hand: it hashes what was logged.
 */
export const leafHashOfServedEntry = (entry: unknown): Uint8Array =>
  leafHash(new TextEncoder().encode(canonicalize(entry) ?? 'null'));

/** The leaf hash of an entry's logged text: its UTF-8 bytes, hashed as they are. */
export const leafHashOfLoggedText = (text: string): Uint8Array => leafHash(Buffer.from(text, 'utf8'));
