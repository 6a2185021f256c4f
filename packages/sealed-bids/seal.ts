import { AeadId, KdfId, KemId } from '@hpke/core';
import canonicalize from 'canonicalize';
import * as z from 'zod';
import { KEY_BYTES, requireKey, suite } from './hpke-keys';
import { invalidField, parseFields, violated } from './refusals';
import { Identifier } from '../kernel';

/**
 * A sealed bid is one envelope (integers big-endian):
 *
 *   offset  length  content
 *   0       12      magic "SUNLIT-BID-1" (ASCII): the format and its version
 *   12      2       HPKE KEM id  0x0020, DHKEM(X25519, HKDF-SHA256)
 *   14      2       HPKE KDF id  0x0001, HKDF-SHA256
 *   16      2       HPKE AEAD id 0x0002, AES-256-GCM
 *   18      32      enc, the sender's ephemeral X25519 public key
 *   50      n + 16  AES-256-GCM ciphertext of the n-byte bid, tag last
 *
 * HPKE base mode with info = the magic; associated data = the RFC 8785 JSON of
 * `{ bidderOrg, tenderId }`, so a bid copied to another tender or bidder does not open.
 */
export const MAGIC = new TextEncoder().encode('SUNLIT-BID-1');
const SUITE_IDS = [KemId.DhkemX25519HkdfSha256, KdfId.HkdfSha256, AeadId.Aes256Gcm] as const;
export const HEADER_BYTES = MAGIC.length + 2 * SUITE_IDS.length + KEY_BYTES;
const TAG_BYTES = 16;

/** Whose bid this is and for which tender; both are bound as associated data. */
const BidContext = z.object({ tenderId: Identifier, bidderOrg: Identifier });
export type BidContext = z.infer<typeof BidContext>;

const associatedData = (context: BidContext): Uint8Array => {
  const { tenderId, bidderOrg } = parseFields(BidContext, context);
  return new TextEncoder().encode(canonicalize({ bidderOrg, tenderId }));
};

const writeHeader = (envelope: Uint8Array, enc: Uint8Array): void => {
  envelope.set(MAGIC, 0);
  const view = new DataView(envelope.buffer, envelope.byteOffset, envelope.byteLength);
  SUITE_IDS.forEach((id, i) => view.setUint16(MAGIC.length + 2 * i, id));
  envelope.set(enc, HEADER_BYTES - KEY_BYTES);
};

/** Encrypts a packed bid to the tender's opening public key, on the bidder's machine. */
export const sealBid = async (
  plaintext: Uint8Array,
  options: BidContext & { openingPublicKey: Uint8Array },
): Promise<Uint8Array> => {
  const aad = associatedData(options);
  const publicKey = requireKey(options.openingPublicKey, 'openingPublicKey');
  const recipientPublicKey = await suite.kem.deserializePublicKey(publicKey);
  const { enc, ct } = await suite
    .seal({ recipientPublicKey, info: MAGIC }, plaintext, aad)
    .catch((error: unknown) => {
      // A low-order point makes the X25519 shared secret all zeros, which HPKE refuses.
      throw invalidField('openingPublicKey', `is not a usable X25519 public key (${String(error)})`);
    });
  const envelope = new Uint8Array(HEADER_BYTES + ct.byteLength);
  writeHeader(envelope, new Uint8Array(enc));
  envelope.set(new Uint8Array(ct), HEADER_BYTES);
  return envelope;
};

/** The enc and ciphertext of a well-formed envelope, or a RULE_VIOLATED saying what is wrong. */
const readEnvelope = (sealed: Uint8Array): { enc: Uint8Array; ciphertext: Uint8Array } => {
  if (!(sealed instanceof Uint8Array) || sealed.length < HEADER_BYTES + TAG_BYTES) {
    throw violated(
      'sealed',
      `The sealed bid is not an envelope: it is shorter than ${HEADER_BYTES + TAG_BYTES} bytes.`,
    );
  }
  if (!MAGIC.every((byte, i) => sealed[i] === byte)) {
    throw violated('sealed', 'The sealed bid is not an envelope: it does not start with "SUNLIT-BID-1".');
  }
  const view = new DataView(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  const ids = SUITE_IDS.map((_, i) => view.getUint16(MAGIC.length + 2 * i));
  if (ids.some((id, i) => id !== SUITE_IDS[i])) {
    const hex = (values: readonly number[]) => values.map((v) => `0x${v.toString(16).padStart(4, '0')}`);
    throw violated(
      'sealed',
      `The sealed bid names HPKE suite ${hex(ids).join('/')}, not ${hex(SUITE_IDS).join('/')}.`,
    );
  }
  // Views, not copies: a bid may be megabytes and is read once.
  return {
    enc: sealed.subarray(HEADER_BYTES - KEY_BYTES, HEADER_BYTES),
    ciphertext: sealed.subarray(HEADER_BYTES),
  };
};

/**
 * Decrypts a sealed bid with the rebuilt opening private key. Throws RULE_VIOLATED when the
 * envelope is malformed or does not open: altered, or sealed to another key, tender or bidder
 * (AES-GCM cannot tell these apart, and should not).
 */
export const openBid = async (
  sealed: Uint8Array,
  options: BidContext & { openingPrivateKey: Uint8Array },
): Promise<Uint8Array> => {
  const aad = associatedData(options);
  const privateKey = requireKey(options.openingPrivateKey, 'openingPrivateKey');
  const { enc, ciphertext } = readEnvelope(sealed);
  const recipientKey = await suite.kem.deserializePrivateKey(privateKey);
  try {
    return new Uint8Array(await suite.open({ recipientKey, enc, info: MAGIC }, ciphertext, aad));
  } catch {
    throw violated(
      'sealed',
      `The sealed bid does not open for tender ${options.tenderId} and bidder ${options.bidderOrg}: ` +
        'it was altered, or sealed to another opening key, tender or bidder.',
    );
  }
};
