import { createHash, timingSafeEqual } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';
import * as z from 'zod';
import { KEY_BYTES, KeyPairBytes, newKeyPair, publicKeyOf, requireKey, suite, X25519Key } from './hpke-keys';
import { invalidField, parseFields, violated } from './refusals';
import { Identifier } from '../kernel';

/** Custodians per tender: 2 ≤ K ≤ N ≤ 10. */
export const MAX_CUSTODIANS = 10;

/** A share holds one polynomial value per key byte, then its x-coordinate byte. */
const SHARE_BYTES = KEY_BYTES + 1;
const TAG_BYTES = 16;
const ENCRYPTED_SHARE_BYTES = KEY_BYTES + SHARE_BYTES + TAG_BYTES;

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A tender's opening key pair (开标密钥): the public half is published, the private half is split. */
export const generateOpeningKey = (): Promise<KeyPairBytes> => newKeyPair();

/** A custodian's own key pair; only the public half is registered with the platform. */
export const generateCustodianKey = (): Promise<KeyPairBytes> => newKeyPair();

const SharePlan = z
  .object({
    tenderId: Identifier,
    threshold: z.int('must be an integer').min(2, 'must be at least 2'),
    custodians: z
      .array(z.object({ id: Identifier, publicKey: X25519Key }))
      .min(2, 'must name at least 2 custodians')
      .max(MAX_CUSTODIANS, `must name at most ${MAX_CUSTODIANS} custodians`)
      .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'must name each custodian once'),
  })
  .refine((plan) => plan.threshold <= plan.custodians.length, {
    path: ['threshold'],
    message: 'must not exceed the number of custodians',
  });
export type SharePlan = z.input<typeof SharePlan>;

/** What is published and handed out for one custodian; the raw share itself is never stored. */
export interface EncryptedShare {
  custodian: string;
  /** base64url of enc (32 bytes) || AES-256-GCM ciphertext of the share (33 + 16 bytes). */
  encryptedShare: string;
  /** SHA-256 of the raw share, lowercase hex, published so a wrong share can be named. */
  shareSha256: string;
}

/** HPKE info binding a share to its tender and custodian; identifiers never hold a NUL. */
const shareInfo = (tenderId: string, custodianId: string): Uint8Array =>
  new TextEncoder().encode(`sunlit-share-v1\0${tenderId}\0${custodianId}`);

/**
 * Splits the opening private key K of N among the custodians (Shamir) and encrypts each share
 * to its custodian's public key (HPKE base mode). Only encrypted shares and hashes come back;
 * the copies of the key and the raw shares made here are zeroed, and the caller wipes its own
 * key once the shares are stored, so the whole key is never written anywhere.
 */
export const splitOpeningKey = async (privateKey: Uint8Array, plan: SharePlan): Promise<EncryptedShare[]> => {
  const { tenderId, threshold, custodians } = parseFields(SharePlan, plan);
  // A plain Uint8Array copy: the library refuses Buffers, and the copy can be wiped.
  const secret = new Uint8Array(requireKey(privateKey, 'privateKey'));
  const shares = await split(secret, custodians.length, threshold).finally(() => secret.fill(0));
  try {
    return await Promise.all(
      custodians.map(async ({ id, publicKey }, i) => {
        const share = shares[i]!;
        const shareSha256 = sha256Hex(share);
        const recipientPublicKey = await suite.kem.deserializePublicKey(publicKey);
        const { enc, ct } = await suite
          .seal({ recipientPublicKey, info: shareInfo(tenderId, id) }, share)
          .catch(() => {
            throw invalidField(`custodians.${i}.publicKey`, 'is not a usable X25519 public key');
          });
        const encrypted = Buffer.concat([new Uint8Array(enc), new Uint8Array(ct)]);
        return { custodian: id, encryptedShare: encrypted.toString('base64url'), shareSha256 };
      }),
    );
  } finally {
    for (const share of shares) share.fill(0);
  }
};

/**
 * The custodian's side: decrypts their share on their own machine. Fails with RULE_VIOLATED
 * for another custodian's key or a share of another tender or custodian.
 */
export const decryptShare = async (
  encryptedShare: string,
  custodianPrivateKey: Uint8Array,
  tenderId: string,
  custodianId: string,
): Promise<Uint8Array> => {
  parseFields(z.object({ tenderId: Identifier, custodianId: Identifier }), { tenderId, custodianId });
  const recipientKey = await suite.kem.deserializePrivateKey(
    requireKey(custodianPrivateKey, 'custodianPrivateKey'),
  );
  const bytes =
    typeof encryptedShare === 'string' && /^[A-Za-z0-9_-]*$/.test(encryptedShare)
      ? Buffer.from(encryptedShare, 'base64url')
      : Buffer.alloc(0);
  if (bytes.length !== ENCRYPTED_SHARE_BYTES) {
    throw violated('encryptedShare', `An encrypted share is ${ENCRYPTED_SHARE_BYTES} bytes of base64url.`);
  }
  try {
    const share = await suite.open(
      { recipientKey, enc: bytes.subarray(0, KEY_BYTES), info: shareInfo(tenderId, custodianId) },
      bytes.subarray(KEY_BYTES),
    );
    return new Uint8Array(share);
  } catch {
    throw violated(
      'encryptedShare',
      `This share does not decrypt with this key as ${custodianId}'s share for tender ${tenderId}.`,
    );
  }
};

/** A decrypted share as a custodian submits it at the opening. */
export interface SubmittedShare {
  custodian: string;
  share: Uint8Array;
}

const PublishedOpeningKey = z.object({
  publicKey: X25519Key,
  shareHashes: z.record(Identifier, z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256')),
  threshold: z.int('must be an integer').min(2, 'must be at least 2').max(MAX_CUSTODIANS),
});
/** What was published with the tender: the public key, each custodian's share hash, and K. */
export type PublishedOpeningKey = z.input<typeof PublishedOpeningKey>;

/** Checks each share against its published hash and keeps one per custodian. */
const acceptShares = (
  shares: readonly SubmittedShare[],
  shareHashes: Record<string, string>,
): Map<string, Uint8Array> => {
  const accepted = new Map<string, Uint8Array>();
  for (const { custodian, share } of shares) {
    const field = `shares.${custodian}`;
    if (!Object.hasOwn(shareHashes, custodian)) {
      throw violated(field, `${custodian} is not a custodian of this opening key.`);
    }
    const expected = Buffer.from(shareHashes[custodian]!, 'hex');
    const actual =
      share instanceof Uint8Array ? createHash('sha256').update(share).digest() : Buffer.alloc(0);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw violated(field, `The share from ${custodian} does not match the hash published for it.`);
    }
    accepted.set(custodian, share);
  }
  return accepted;
};

/**
 * Rebuilds the opening private key in memory at the opening (开标). Refuses (RULE_VIOLATED) a
 * share that is not the one published for its custodian, fewer than K custodians, and a result
 * whose public key is not the published one; the caller must wipe the returned key when done.
 */
export const rebuildOpeningKey = async (
  shares: readonly SubmittedShare[],
  published: PublishedOpeningKey,
): Promise<Uint8Array> => {
  const { publicKey, shareHashes, threshold } = parseFields(PublishedOpeningKey, published);
  const accepted = acceptShares(shares, shareHashes);
  if (accepted.size < threshold) {
    const missing = threshold - accepted.size;
    throw violated(
      'shares',
      `The opening key needs shares from ${threshold} custodians, got ${accepted.size}: ${missing} more needed.`,
    );
  }
  // Plain Uint8Array copies: the library refuses Buffers, and the copies can be wiped.
  const copies = [...accepted.values()].map((share) => new Uint8Array(share));
  const privateKey = await combine(copies)
    .catch(() => {
      throw violated('shares', 'The shares do not combine: two of them share an x-coordinate.');
    })
    .finally(() => copies.forEach((copy) => copy.fill(0)));
  if (privateKey.length !== KEY_BYTES || !timingSafeEqual(publicKeyOf(privateKey), publicKey)) {
    privateKey.fill(0);
    throw violated(
      'publicKey',
      'The rebuilt key does not match the published opening public key: the shares or the threshold belong to another key.',
    );
  }
  return privateKey;
};
