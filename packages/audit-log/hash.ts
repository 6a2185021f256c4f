import { createHash, hash as oneShot } from 'node:crypto';

/** Every hash in the log is SHA-256. */
export const HASH_SIZE = 32;

// RFC 9162 §2.1.1: distinct prefixes keep a leaf from ever being taken for an interior node.
const NODE_PREFIX = Uint8Array.of(0x01);

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** The root of the tree with no records: SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const emptyTreeHash = (): Uint8Array => sha256();

/**
 * The leaf hash of one record: SHA-256(0x00 ‖ data), in one call over one buffer: a verifier
 * hashes millions of small entries, and per-call overhead outweighs the bytes.
 */
export const leafHash = (data: Uint8Array): Uint8Array => {
  const input = Buffer.allocUnsafe(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return oneShot('sha256', input, 'buffer');
};

// Reused for every interior node: hashing is synchronous, so no two calls share it at once.
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = 0x01;

/** The hash of an interior node: SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Uint8Array => {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) return sha256(NODE_PREFIX, left, right);
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return oneShot('sha256', nodeInput, 'buffer');
};

/** Byte equality of two hashes; they are public, so no constant-time comparison is needed. */
export const sameHash = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(a, b) === 0;

/** Plain SHA-256 in lowercase hex: how an audit entry refers to confidential content. */
export const sha256Hex = (data: Uint8Array): string => Buffer.from(sha256(data)).toString('hex');
