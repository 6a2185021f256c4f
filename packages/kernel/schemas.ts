import * as z from 'zod';

/** Identifiers shared with the expert draw spec: ASCII, compared byte-wise. */
export const Identifier = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"');

/** A SHA-256 digest as the platform writes it; the audit log refers to confidential content this way. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest in lowercase hex');

/** The path of a route on one record: `/tenders/{id}`. */
export const IdPath = z.object({ id: Identifier });
