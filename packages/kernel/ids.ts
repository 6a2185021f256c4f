import { DomainError } from './errors';
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

/** A request's Idempotency-Key as a record keeps it: a digest of the caller and the key, never the key. */
export const keyDigest = (user: string, key: string): string =>
  createHash('sha256').update(`${user}\n${key}`).digest('hex').slice(0, 32);

/**
 * Creates a record once. With an idempotency key, a retry (even one racing the first attempt)
 * gets the first attempt's record, and a key reused for a different request is refused.
 */
export const createOnce = async <T>(options: {
  keyed: boolean;
  what: string;
  read: () => Promise<T | undefined>;
  sameRequest: (record: T) => boolean;
  create: () => Promise<T>;
}): Promise<{ value: T; created: boolean }> => {
  const reuse = (record: T) => {
    if (options.sameRequest(record)) return { value: record, created: false };
    throw new DomainError(
      'CONFLICT',
      `This Idempotency-Key was already used for a different ${options.what}.`,
      {
        field: 'Idempotency-Key',
      },
    );
  };
  const existing = options.keyed ? await options.read() : undefined;
  if (existing) return reuse(existing);
  try {
    return { value: await options.create(), created: true };
  } catch (error) {
    if (options.keyed && error instanceof DomainError && error.code === 'CONFLICT') {
      const first = await options.read();
      if (first) return reuse(first);
    }
    throw error;
  }
};
