import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const encode = (bytes: Uint8Array, length: number): string =>
  Array.from(bytes.subarray(0, length), (b) => ALPHABET[b % ALPHABET.length]).join('');

/**
 * A platform id such as `P-2026-7KQ4XM2A`. With an idempotency key the id is derived from the
 * caller and the key, so a retried request names the same record and cannot create a second one.
 */
export const newId = (prefix: string, now: Date, idempotency?: { user: string; key: string }): string => {
  const bytes = idempotency
    ? createHash('sha256').update(`${prefix}\n${idempotency.user}\n${idempotency.key}`).digest()
    : randomBytes(8);
  return `${prefix}-${now.getUTCFullYear()}-${encode(bytes, 8)}`;
};
