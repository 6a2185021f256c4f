/**
 * The few `node:crypto` calls the shared verification and sealing code makes, for the browser:
 * the bundle maps `node:crypto` here, so the portal runs the very code the CLI and the
 * functions run instead of a second copy. SHA-256, Ed25519 and X25519 come from the audited
 * noble libraries (synchronous, as the Node calls are); randomness from WebCrypto.
 * Anything else the shared code might call fails loudly rather than silently differing.
 */
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Buffer } from 'buffer';

class Sha256 {
  private readonly hash = sha256.create();
  update(data: Uint8Array | string): this {
    this.hash.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return this;
  }
  digest(): Buffer;
  digest(encoding: 'hex' | 'base64' | 'base64url'): string;
  digest(encoding?: 'hex' | 'base64' | 'base64url'): Buffer | string {
    const bytes = Buffer.from(this.hash.digest());
    return encoding ? bytes.toString(encoding) : bytes;
  }
}

export const createHash = (algorithm: string): Sha256 => {
  if (algorithm !== 'sha256') throw new Error(`Only SHA-256 is available in the browser, not ${algorithm}.`);
  return new Sha256();
};

/** Node's one-shot `crypto.hash`, for SHA-256 only: what the audit log hashes leaves and nodes with. */
export function hash(algorithm: string, data: Uint8Array | string, encoding: 'buffer'): Buffer;
export function hash(
  algorithm: string,
  data: Uint8Array | string,
  encoding?: 'hex' | 'base64' | 'base64url',
): string;
export function hash(
  algorithm: string,
  data: Uint8Array | string,
  encoding: 'buffer' | 'hex' | 'base64' | 'base64url' = 'hex',
): Buffer | string {
  const digest = createHash(algorithm).update(data).digest();
  return encoding === 'buffer' ? digest : digest.toString(encoding);
}

export const randomBytes = (size: number): Buffer =>
  Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(size)));

export const timingSafeEqual = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) throw new RangeError('Input buffers must have the same byte length');
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
};

/** The key objects the shared code builds: raw bytes tagged with their curve. */
interface RawKey {
  type: 'public' | 'private';
  curve: 'ed25519' | 'x25519';
  raw: Uint8Array;
  export(options: { format: 'der'; type: 'spki' }): Buffer;
}

// RFC 8410 fixed prefixes: the raw 32-byte key follows them.
const PKCS8_X25519 = '302e020100300506032b656e04220420';
const SPKI_X25519 = '302a300506032b656e032100';

const rawKey = (type: RawKey['type'], curve: RawKey['curve'], raw: Uint8Array): RawKey => ({
  type,
  curve,
  raw,
  export() {
    if (type !== 'public' || curve !== 'x25519') throw new Error('Only X25519 public keys export here.');
    return Buffer.concat([Buffer.from(SPKI_X25519, 'hex'), raw]);
  },
});

/** An X25519 private key in PKCS #8 DER, as `publicKeyOf` in sealed-bids builds it. */
export const createPrivateKey = (input: { key: Uint8Array; format: 'der'; type: 'pkcs8' }): RawKey => {
  const der = Buffer.from(input.key);
  if (input.format !== 'der' || der.subarray(0, 16).toString('hex') !== PKCS8_X25519 || der.length !== 48)
    throw new Error('Only raw X25519 private keys in PKCS #8 are read in the browser.');
  return rawKey('private', 'x25519', new Uint8Array(der.subarray(16)));
};

/** The public half of an X25519 private key, or an Ed25519 public key given as a JWK. */
export const createPublicKey = (
  input: RawKey | { key: { kty: string; crv: string; x: string }; format: 'jwk' },
): RawKey => {
  if ('raw' in input) {
    if (input.curve !== 'x25519') throw new Error('Only X25519 public keys are derived here.');
    return rawKey('public', 'x25519', x25519.getPublicKey(input.raw));
  }
  if (input.key.kty !== 'OKP' || input.key.crv !== 'Ed25519')
    throw new Error('Only Ed25519 JWKs are read here.');
  return rawKey('public', 'ed25519', new Uint8Array(Buffer.from(input.key.x, 'base64url')));
};

/** Ed25519 signature check, as `crypto.verify(null, …)` does for an Ed25519 key. */
export const verify = (algorithm: null, data: Uint8Array, key: RawKey, signature: Uint8Array): boolean => {
  if (algorithm !== null || key.curve !== 'ed25519' || key.type !== 'public')
    throw new Error('Only Ed25519 signatures are verified in the browser.');
  return ed25519.verify(signature, data, key.raw);
};

export const sign = (): never => {
  throw new Error('Nothing is signed with a server key in the browser.');
};
