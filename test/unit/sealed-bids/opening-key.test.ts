import fc from 'fast-check';
import { decodeKey, encodeKey, publicKeyOf } from '../../../packages/sealed-bids/hpke-keys';
import {
  decryptShare,
  generateCustodianKey,
  generateOpeningKey,
  rebuildOpeningKey,
  splitOpeningKey,
  SubmittedShare,
} from '../../../packages/sealed-bids/opening-key';
import { invalid, refusal, thrownBy } from './refusals';

const TENDER = 'T-2026-7KQ4XM2A';

/** A tender's opening key split K of N among fresh custodians, and every share decrypted. */
const splitAmong = async (custodianCount: number, threshold: number, tenderId = TENDER) => {
  const opening = await generateOpeningKey();
  const custodians = await Promise.all(
    Array.from({ length: custodianCount }, async (_, i) => ({
      id: `custodian-${i}`,
      ...(await generateCustodianKey()),
    })),
  );
  const encrypted = await splitOpeningKey(opening.privateKey, { tenderId, threshold, custodians });
  const shares: SubmittedShare[] = await Promise.all(
    encrypted.map(async ({ custodian, encryptedShare }, i) => ({
      custodian,
      share: await decryptShare(encryptedShare, custodians[i]!.privateKey, tenderId, custodian),
    })),
  );
  const published = {
    publicKey: opening.publicKey,
    shareHashes: Object.fromEntries(encrypted.map((e) => [e.custodian, e.shareSha256])),
    threshold,
  };
  return { opening, custodians, encrypted, shares, published };
};

/** Every k-element subset of `items`, in order. */
const subsetsOf = <T>(items: readonly T[], k: number): T[][] => {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...subsetsOf(rest, k - 1).map((subset) => [first!, ...subset]), ...subsetsOf(rest, k)];
};

describe('opening and custodian keys', () => {
  it('are 32-byte X25519 pairs whose public half belongs to the private half', async () => {
    for (const pair of [await generateOpeningKey(), await generateCustodianKey()]) {
      expect([pair.publicKey.length, pair.privateKey.length]).toEqual([32, 32]);
      expect(publicKeyOf(pair.privateKey)).toEqual(pair.publicKey);
    }
    const [a, b] = [await generateOpeningKey(), await generateOpeningKey()];
    expect(encodeKey(a.privateKey)).not.toBe(encodeKey(b.privateKey));
  });

  it('travel as 43 base64url characters and come back byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const text = encodeKey(key);
        expect(text).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(decodeKey(text, 'publicKey')).toEqual(new Uint8Array(key));
      }),
    );
  });

  it.each([
    ['a character short', 'A'.repeat(42)],
    ['padded', `${'A'.repeat(43)}=`],
    ['with a character base64url lacks', `${'A'.repeat(42)}+`],
    ['with bits past the 32nd byte', `${'A'.repeat(42)}B`],
  ])('refuses a key %s, naming the field', (_, text) => {
    expect(thrownBy(() => decodeKey(text, 'custodians.0.publicKey'))).toMatchObject(
      invalid('custodians.0.publicKey'),
    );
  });
});

describe('splitting the opening key', () => {
  it('gives each custodian a share only their key decrypts, matching its published hash', async () => {
    const { custodians, encrypted, shares, published } = await splitAmong(3, 2);
    expect(encrypted.map((e) => e.custodian)).toEqual(['custodian-0', 'custodian-1', 'custodian-2']);
    for (const { custodian, share } of shares) {
      expect(share.length).toBe(33);
      expect(Buffer.from(await crypto.subtle.digest('SHA-256', share)).toString('hex')).toBe(
        published.shareHashes[custodian],
      );
    }
    const [first, second] = encrypted;
    await expect(
      decryptShare(first!.encryptedShare, custodians[1]!.privateKey, TENDER, first!.custodian),
    ).rejects.toMatchObject(refusal('encryptedShare'));
    // The right key, but claimed as another custodian's share or for another tender.
    await expect(
      decryptShare(second!.encryptedShare, custodians[1]!.privateKey, TENDER, 'custodian-0'),
    ).rejects.toMatchObject(refusal('encryptedShare'));
    await expect(
      decryptShare(second!.encryptedShare, custodians[1]!.privateKey, 'T-2026-OTHER', 'custodian-1'),
    ).rejects.toMatchObject(refusal('encryptedShare'));
  });

  it('refuses a truncated or garbled encrypted share', async () => {
    const { custodians, encrypted } = await splitAmong(2, 2);
    const { encryptedShare, custodian } = encrypted[0]!;
    const key = custodians[0]!.privateKey;
    for (const garbled of [
      encryptedShare.slice(1),
      `${encryptedShare}==`,
      encryptedShare.replace(/.$/, '!'),
    ]) {
      await expect(decryptShare(garbled, key, TENDER, custodian)).rejects.toMatchObject(
        refusal('encryptedShare'),
      );
    }
  });

  it('hands back neither the private key nor a raw share, and leaves the caller key as it was', async () => {
    const { opening, encrypted, shares } = await splitAmong(3, 2);
    const before = encodeKey(opening.privateKey);
    const again = await splitOpeningKey(opening.privateKey, {
      tenderId: TENDER,
      threshold: 2,
      custodians: (await Promise.all([generateCustodianKey(), generateCustodianKey()])).map((k, i) => ({
        id: `c${i}`,
        publicKey: k.publicKey,
      })),
    });
    expect(encodeKey(opening.privateKey)).toBe(before);
    const published = JSON.stringify([encrypted, again]);
    const secrets = [opening.privateKey, ...shares.map((s) => s.share)];
    for (const secret of secrets) {
      for (const form of ['hex', 'base64url', 'base64'] as const) {
        expect(published).not.toContain(Buffer.from(secret).toString(form));
      }
    }
    for (const { encryptedShare } of [...encrypted, ...again]) {
      for (const secret of secrets) {
        expect(Buffer.from(encryptedShare, 'base64url').includes(Buffer.from(secret))).toBe(false);
      }
    }
  });

  describe('refuses a plan outside 2 ≤ K ≤ N ≤ 10, naming the field', () => {
    let custodians: { id: string; publicKey: Uint8Array }[];
    let privateKey: Uint8Array;
    beforeAll(async () => {
      const keys = await Promise.all(Array.from({ length: 11 }, () => generateCustodianKey()));
      custodians = keys.map((k, i) => ({ id: `custodian-${i}`, publicKey: k.publicKey }));
      privateKey = (await generateOpeningKey()).privateKey;
    });

    it.each([
      ['K = 1', 1, 3, 'threshold'],
      ['K = 1.5', 1.5, 3, 'threshold'],
      ['K above N', 4, 3, 'threshold'],
      ['N = 1', 2, 1, 'custodians'],
      ['N = 11', 3, 11, 'custodians'],
    ])('%s', async (_, threshold, count, field) => {
      await expect(
        splitOpeningKey(privateKey, { tenderId: TENDER, threshold, custodians: custodians.slice(0, count) }),
      ).rejects.toMatchObject(invalid(field));
    });

    it('a custodian named twice, a key of the wrong size, a bad tender id', async () => {
      const twice = [custodians[0]!, custodians[1]!, { ...custodians[2]!, id: 'custodian-0' }];
      await expect(
        splitOpeningKey(privateKey, { tenderId: TENDER, threshold: 2, custodians: twice }),
      ).rejects.toMatchObject(invalid('custodians'));
      const short = [custodians[0]!, { ...custodians[1]!, publicKey: new Uint8Array(31) }];
      await expect(
        splitOpeningKey(privateKey, { tenderId: TENDER, threshold: 2, custodians: short }),
      ).rejects.toMatchObject(invalid('custodians.1.publicKey'));
      await expect(
        splitOpeningKey(privateKey.subarray(1), {
          tenderId: TENDER,
          threshold: 2,
          custodians: custodians.slice(0, 2),
        }),
      ).rejects.toMatchObject(invalid('privateKey'));
      await expect(
        splitOpeningKey(privateKey, { tenderId: '', threshold: 2, custodians: custodians.slice(0, 2) }),
      ).rejects.toMatchObject(invalid('tenderId'));
    });

    it('a custodian key no share can be encrypted to', async () => {
      const lowOrder = [custodians[0]!, { ...custodians[1]!, publicKey: new Uint8Array(32) }];
      await expect(
        splitOpeningKey(privateKey, { tenderId: TENDER, threshold: 2, custodians: lowOrder }),
      ).rejects.toMatchObject(invalid('custodians.1.publicKey'));
    });
  });
});

describe('rebuilding the opening key', () => {
  it.each([
    [3, 2],
    [5, 3],
  ])('rebuilds the same key from every K-subset of a %i-custodian split with K = %i', async (n, k) => {
    const { opening, shares, published } = await splitAmong(n, k);
    for (let size = k; size <= n; size++) {
      for (const subset of subsetsOf(shares, size)) {
        expect(await rebuildOpeningKey(subset, published)).toEqual(opening.privateKey);
      }
    }
  });

  it('rebuilds from any K or more shares of any split, in any order, and never from K − 1', async () => {
    const anySplit = fc.integer({ min: 2, max: 10 }).chain((n) =>
      fc.integer({ min: 2, max: n }).chain((k) =>
        fc.record({
          n: fc.constant(n),
          k: fc.constant(k),
          picked: fc.shuffledSubarray([...Array(n).keys()], { minLength: k }),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(anySplit, async ({ n, k, picked }) => {
        const { opening, shares, published } = await splitAmong(n, k);
        const chosen = picked.map((i) => shares[i]!);
        expect(await rebuildOpeningKey(chosen, published)).toEqual(opening.privateKey);
        await expect(rebuildOpeningKey(chosen.slice(0, k - 1), published)).rejects.toMatchObject({
          ...refusal('shares'),
          message: expect.stringContaining(`got ${k - 1}: 1 more needed`),
        });
      }),
      { numRuns: 25 },
    );
  });

  it('says how many more shares are needed, counting a custodian who submits twice once', async () => {
    const { shares, published } = await splitAmong(5, 3);
    const [a, b] = shares;
    await expect(rebuildOpeningKey([a!, b!, a!], published)).rejects.toMatchObject({
      ...refusal('shares'),
      message: 'The opening key needs shares from 3 custodians, got 2: 1 more needed.',
    });
    await expect(rebuildOpeningKey([], published)).rejects.toMatchObject({
      message: expect.stringContaining('got 0: 3 more needed'),
    });
  });

  it('names the custodian whose share is corrupted, whichever byte it is', async () => {
    const { shares, published } = await splitAmong(3, 2);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 1, max: 255 }),
        async (who, at, mask) => {
          const corrupted = shares.map(({ custodian, share }, i) => {
            const copy = new Uint8Array(share);
            if (i === who) copy[at]! ^= mask;
            return { custodian, share: copy };
          });
          await expect(rebuildOpeningKey(corrupted, published)).rejects.toMatchObject(
            refusal(`shares.custodian-${who}`),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a share from another tender, naming its custodian', async () => {
    const mine = await splitAmong(3, 2);
    const theirs = await splitAmong(3, 2, 'T-2026-OTHER');
    const mixed = [mine.shares[0]!, theirs.shares[1]!];
    await expect(rebuildOpeningKey(mixed, mine.published)).rejects.toMatchObject(
      refusal('shares.custodian-1'),
    );
  });

  it('refuses a share from someone who is not a custodian', async () => {
    const { shares, published } = await splitAmong(3, 2);
    const stranger = { custodian: 'stranger', share: shares[0]!.share };
    await expect(rebuildOpeningKey([stranger, ...shares], published)).rejects.toMatchObject(
      refusal('shares.stranger'),
    );
  });

  it('refuses a key that does not match the published public key', async () => {
    const { shares, published } = await splitAmong(5, 3);
    // Two shares of a 3-of-5 split, passed off as enough by a published threshold of 2.
    await expect(rebuildOpeningKey(shares.slice(0, 2), { ...published, threshold: 2 })).rejects.toMatchObject(
      refusal('publicKey'),
    );
    const other = await generateOpeningKey();
    await expect(
      rebuildOpeningKey(shares, { ...published, publicKey: other.publicKey }),
    ).rejects.toMatchObject(refusal('publicKey'));
  });
});
