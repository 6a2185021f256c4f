import { createHash } from 'node:crypto';
import { BidForm, packBid, unpackBid } from '../../../packages/sealed-bids/bid-package';
import { decodeKey, encodeKey } from '../../../packages/sealed-bids/hpke-keys';
import {
  decryptShare,
  generateCustodianKey,
  generateOpeningKey,
  rebuildOpeningKey,
  splitOpeningKey,
} from '../../../packages/sealed-bids/opening-key';
import { openBid, sealBid } from '../../../packages/sealed-bids/seal';

const tenderId = 'T-2026-7KQ4XM2A';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('an opening (开标) from publication to the published key', () => {
  it('rebuilds the key from two of three custodians and reads every bid as it was sealed', async () => {
    // Publication: the key is split and only its public half, shares and hashes are kept.
    const custodians = await Promise.all(
      ['staff-1', 'staff-2', 'regulator-1'].map(async (id) => ({ id, ...(await generateCustodianKey()) })),
    );
    const opening = await generateOpeningKey();
    const encrypted = await splitOpeningKey(opening.privateKey, { tenderId, threshold: 2, custodians });
    const published = {
      publicKey: decodeKey(encodeKey(opening.publicKey), 'publicKey'),
      shareHashes: Object.fromEntries(encrypted.map((e) => [e.custodian, e.shareSha256])),
      threshold: 2,
    };
    opening.privateKey.fill(0);

    // Bidders seal on their own machines.
    const bids = ['bidder-a', 'bidder-b', 'bidder-c'].map((bidderOrg, i) => ({
      bidderOrg,
      form: {
        price: 1_000_000 * (i + 1),
        durationDays: 90 + i,
        keyTerms: [`term of ${bidderOrg}`],
      } as BidForm,
      files: [{ name: 'offer.pdf', bytes: new TextEncoder().encode(`offer of ${bidderOrg}`) }],
    }));
    const sealed = await Promise.all(
      bids.map(({ bidderOrg, form, files }) =>
        sealBid(packBid({ form, files }), { openingPublicKey: published.publicKey, tenderId, bidderOrg }),
      ),
    );

    // The opening: the regulator and one staff member decrypt and submit their shares.
    const submitted = await Promise.all(
      [2, 0].map(async (i) => ({
        custodian: custodians[i]!.id,
        share: await decryptShare(
          encrypted[i]!.encryptedShare,
          custodians[i]!.privateKey,
          tenderId,
          custodians[i]!.id,
        ),
      })),
    );
    const openingPrivateKey = await rebuildOpeningKey(submitted, published);
    const read = await Promise.all(
      sealed.map(async (envelope, i) =>
        unpackBid(await openBid(envelope, { openingPrivateKey, tenderId, bidderOrg: bids[i]!.bidderOrg })),
      ),
    );
    expect(read.map((bid) => bid.form)).toEqual(bids.map((bid) => bid.form));
    expect(read.map((bid) => bid.files.map((f) => [f.name, sha256(f.bytes)]))).toEqual(
      bids.map((bid) => bid.files.map((f) => [f.name, sha256(f.bytes)])),
    );

    // Anyone holding the published key reads the same, and a bid moved to another bidder does not open.
    const publishedKey = decodeKey(encodeKey(openingPrivateKey), 'openingPrivateKey');
    const again = await openBid(sealed[1]!, {
      openingPrivateKey: publishedKey,
      tenderId,
      bidderOrg: 'bidder-b',
    });
    expect(unpackBid(again).form).toEqual(bids[1]!.form);
    await expect(
      openBid(sealed[1]!, { openingPrivateKey: publishedKey, tenderId, bidderOrg: 'bidder-a' }),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATED' });
  });
});
