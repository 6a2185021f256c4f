import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '../kernel';
import { sha256Hex } from './freeze';
import { ALGORITHM } from './schema';

const hex32 = /^[0-9a-fA-F]{64}$/;

/**
 * The 32 bytes a hex string stands for. Checked first because `Buffer.from(hex)` quietly
 * stops at the first bad digit, which would turn a typo into a different seed.
 */
export const bytes32 = (hex: unknown, field: string): Buffer => {
  if (typeof hex === 'string' && hex32.test(hex)) return Buffer.from(hex, 'hex');
  const got =
    typeof hex !== 'string'
      ? `got ${typeof hex}`
      : /^[0-9a-fA-F]*$/.test(hex)
        ? `got ${hex.length} hex digits`
        : 'got a non-hex character';
  const message = `must be 32 bytes written as 64 hex digits (${got})`;
  throw new DomainError('VALIDATION_FAILED', `${field}: ${message}`, { field, issues: [{ field, message }] });
};

/** What a party publishes before revealing: SHA-256 of the secret's 32 bytes, lowercase hex. */
export const commitment = (secret: string): string => sha256Hex(bytes32(secret, 'secret'));

/**
 * Refuses a revealed secret whose SHA-256 is not the commitment the party logged
 * (RULE_VIOLATED), or that is not 32 bytes of hex (VALIDATION_FAILED).
 */
export const verifyReveal = (secret: string, committed: string): void => {
  const expected = bytes32(committed, 'commitment');
  const actual = Buffer.from(commitment(secret), 'hex');
  if (!timingSafeEqual(actual, expected)) {
    throw new DomainError('RULE_VIOLATED', 'The revealed secret does not match its commitment.', {
      field: 'secret',
    });
  }
};

const domainTag = Buffer.from(`${ALGORITHM}\0`, 'ascii');

/**
 * `SHA-256("sunlit-draw-v1" || 0x00 || requestHash || poolHash || secret_1 || … || secret_n)`
 * over raw bytes, secrets in the order of the request's parties; lowercase hex.
 */
export const drawSeed = (requestHash: string, poolHash: string, secrets: readonly string[]): string =>
  sha256Hex(
    Buffer.concat([
      domainTag,
      bytes32(requestHash, 'requestHash'),
      bytes32(poolHash, 'poolHash'),
      ...secrets.map((secret, i) => bytes32(secret, `secrets.${i}`)),
    ]),
  );
