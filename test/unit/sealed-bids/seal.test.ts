import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { generateOpeningKey } from '../../../packages/sealed-bids/opening-key';
import { HEADER_BYTES, openBid, sealBid } from '../../../packages/sealed-bids/seal';
import { refusal } from './refusals';

const context = { tenderId: 'T-2026-7KQ4XM2A', bidderOrg: 'org-bidder-a' };

/** Length and hash, so that a 1 MB mismatch fails with a short message. */
const digest = (bytes: Uint8Array) => ({
  length: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

let opening: { publicKey: Uint8Array; privateKey: Uint8Array };
beforeAll(async () => {
  opening = await generateOpeningKey();
});

const seal = (plaintext: Uint8Array, overrides: Partial<typeof context> = {}) =>
  sealBid(plaintext, { ...context, ...overrides, openingPublicKey: opening.publicKey });
const open = (sealed: Uint8Array, overrides: Partial<typeof context> = {}) =>
  openBid(sealed, { ...context, ...overrides, openingPrivateKey: opening.privateKey });

describe('sealing a bid', () => {
  it('opens to the same bytes, for any payload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (plaintext) => {
        expect(await open(await seal(plaintext))).toEqual(new Uint8Array(plaintext));
      }),
      { numRuns: 30 },
    );
  });

  it('opens a 1 MB bid byte for byte', async () => {
    const plaintext = new Uint8Array(randomBytes(1024 * 1024 + 7));
    const sealed = await seal(plaintext);
    expect(sealed.length).toBe(HEADER_BYTES + plaintext.length + 16);
    expect(digest(await open(sealed))).toEqual(digest(plaintext));
  });

  it('writes the documented header: magic, HPKE suite ids, then the 32-byte enc', async () => {
    const sealed = await seal(new TextEncoder().encode('price 1000'));
    expect(Buffer.from(sealed.subarray(0, 12)).toString('ascii')).toBe('SUNLIT-BID-1');
    expect(Buffer.from(sealed.subarray(12, 18)).toString('hex')).toBe('002000010002');
    expect(HEADER_BYTES).toBe(50);
    expect(sealed.length).toBe(50 + 10 + 16);
  });

  it('hides the bid: the envelope does not hold the plaintext, and two seals differ', async () => {
    const plaintext = new TextEncoder().encode('our price is 12345600 fen'.repeat(4));
    const [first, second] = [await seal(plaintext), await seal(plaintext)];
    expect(Buffer.from(first).includes(Buffer.from(plaintext))).toBe(false);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
  });
});

describe('opening a sealed bid', () => {
  const plaintext = new TextEncoder().encode('a bid worth keeping secret');
  let sealed: Uint8Array;
  beforeAll(async () => {
    sealed = await seal(plaintext);
  });

  const flipped = (at: number): Uint8Array => {
    const altered = new Uint8Array(sealed);
    altered[at]! ^= 0x01;
    return altered;
  };

  it('refuses any altered ciphertext byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: HEADER_BYTES, max: sealed.length - 1 }), async (at) => {
        await expect(open(flipped(at))).rejects.toMatchObject(refusal('sealed'));
      }),
      { numRuns: 40 },
    );
  });

  it('refuses any altered enc byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: HEADER_BYTES - 32, max: HEADER_BYTES - 1 }), async (at) => {
        await expect(open(flipped(at))).rejects.toMatchObject(refusal('sealed'));
      }),
      { numRuns: 32 },
    );
  });

  it('refuses it for another tender or another bidder, saying which it tried', async () => {
    await expect(open(sealed, { tenderId: 'T-2026-OTHER' })).rejects.toMatchObject({
      ...refusal('sealed'),
      message: expect.stringContaining('tender T-2026-OTHER and bidder org-bidder-a'),
    });
    await expect(open(sealed, { bidderOrg: 'org-bidder-b' })).rejects.toMatchObject(refusal('sealed'));
  });

  it('refuses it with another opening key', async () => {
    const other = await generateOpeningKey();
    await expect(openBid(sealed, { ...context, openingPrivateKey: other.privateKey })).rejects.toMatchObject(
      refusal('sealed'),
    );
  });

  it('names a malformed envelope: truncated, wrong magic, another suite', async () => {
    await expect(open(sealed.subarray(0, HEADER_BYTES + 15))).rejects.toMatchObject({
      ...refusal('sealed'),
      message: expect.stringContaining('shorter than 66 bytes'),
    });
    await expect(open(flipped(0))).rejects.toMatchObject({
      ...refusal('sealed'),
      message: expect.stringContaining('"SUNLIT-BID-1"'),
    });
    await expect(open(flipped(17))).rejects.toMatchObject({
      ...refusal('sealed'),
      message: expect.stringContaining('0x0020/0x0001/0x0003'),
    });
  });

  it('refuses identifiers that are not identifiers, and keys that are not 32 bytes', async () => {
    await expect(seal(plaintext, { tenderId: 'T 1' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'tenderId' },
    });
    await expect(
      sealBid(plaintext, { ...context, openingPublicKey: opening.publicKey.subarray(1) }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'openingPublicKey' } });
    // All zeros is a low-order point: every shared secret would be zero.
    await expect(
      sealBid(plaintext, { ...context, openingPublicKey: new Uint8Array(32) }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'openingPublicKey' } });
  });
});
