import { DomainError } from '../kernel';
import { HASH_SIZE } from './hash';

/** A parameter the caller got wrong, such as a record index at or past the tree size. */
export const invalidParameter = (field: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, { field });

/**
 * Whether a number can be a tree size or record index. Only whole numbers below 2^53 are
 * exact, so anything else is refused rather than silently rounded.
 */
export const isCount = (value: number): boolean => Number.isSafeInteger(value) && value >= 0;

/** Whether a value is a SHA-256 hash; checked at run time for callers outside TypeScript. */
export const isHash = (value: Uint8Array): boolean =>
  value instanceof Uint8Array && value.length === HASH_SIZE;

/** Throws VALIDATION_FAILED naming `field` unless {@link isCount}. */
export const requireCount = (value: number, field: string): void => {
  if (!isCount(value)) {
    throw invalidParameter(field, `${field} must be a whole number from 0 to 2^53 − 1; got ${value}.`);
  }
};

/** Throws VALIDATION_FAILED naming `field` unless {@link isHash}. */
export const requireHash = (value: Uint8Array, field: string): void => {
  if (!isHash(value)) throw invalidParameter(field, `${field} must be a ${HASH_SIZE}-byte SHA-256 hash.`);
};

/**
 * A Merkle proof that does not prove what it claims: wrong sizes, an index outside the
 * tree, missing or extra hashes, or hashes that do not lead to the given roots.
 * `details.field` names the argument that could not be reconciled.
 */
export class InvalidProofError extends DomainError {
  constructor(message: string, field: string) {
    super('VALIDATION_FAILED', message, { field });
  }
}

/** Why a signed note was refused. */
export type NoteRejection = 'malformed' | 'unknown-key' | 'bad-signature';

/**
 * A signed note (or the checkpoint inside it) that cannot be trusted. `reason` tells a
 * verifier whether the text is broken, signed by someone else, or signed wrongly.
 */
export class NoteRejectedError extends DomainError {
  constructor(
    readonly reason: NoteRejection,
    message: string,
    field = 'note',
  ) {
    super('VALIDATION_FAILED', message, { field });
  }
}
