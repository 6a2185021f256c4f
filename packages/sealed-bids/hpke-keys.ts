import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { bytesOf, invalidField } from './refusals';

/** The one HPKE suite (RFC 9180) of sealed bids and custodian shares. */
export const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Aes256Gcm(),
});

/** X25519 keys and HPKE encapsulated keys (`enc`) are all 32 bytes. */
export const KEY_BYTES = 32;

/** An X25519 key pair as raw bytes; `encodeKey` writes either half as base64url. */
export interface KeyPairBytes {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

export const X25519Key = bytesOf(KEY_BYTES, 'an X25519 key');

/** Refuses anything but 32 bytes, naming `field`. */
export const requireKey = (key: unknown, field: string): Uint8Array => {
  const result = X25519Key.safeParse(key);
  if (result.success) return result.data;
  throw invalidField(field, result.error.issues[0]!.message);
};

/** A fresh X25519 key pair from the platform's CSPRNG. */
export const newKeyPair = async (): Promise<KeyPairBytes> => {
  const { publicKey, privateKey } = await suite.kem.generateKeyPair();
  // Copies: the suite hands out buffers it may share with the CryptoKey.
  return {
    publicKey: new Uint8Array(await suite.kem.serializePublicKey(publicKey)).slice(),
    privateKey: new Uint8Array(await suite.kem.serializePrivateKey(privateKey)).slice(),
  };
};

// The fixed PKCS #8 prefix of an X25519 private key (RFC 8410); the raw key follows it.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** The public key of a raw X25519 private key (the suite can derive one but does not expose it). */
export const publicKeyOf = (privateKey: Uint8Array): Uint8Array => {
  const der = Buffer.concat([PKCS8_X25519, requireKey(privateKey, 'privateKey')]);
  try {
    const spki = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({
      format: 'der',
      type: 'spki',
    });
    return new Uint8Array(spki.subarray(spki.length - KEY_BYTES));
  } finally {
    der.fill(0);
  }
};

/** A raw key as unpadded base64url, the form keys take in JSON and on the command line. */
export const encodeKey = (key: Uint8Array): string => Buffer.from(key).toString('base64url');

const base64url32 = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * The raw key a base64url string stands for. Checked first because `Buffer.from(text,
 * 'base64url')` skips characters it does not know, which would turn a typo into another key.
 */
export const decodeKey = (text: string, field: string): Uint8Array => {
  if (typeof text !== 'string' || !base64url32.test(text)) {
    throw invalidField(field, 'must be a 32-byte key written as 43 base64url characters');
  }
  return new Uint8Array(Buffer.from(text, 'base64url'));
};
