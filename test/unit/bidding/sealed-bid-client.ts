import { createHash } from 'node:crypto';
import { confirmBid, requestBidUpload } from '../../../packages/bidding/bids';
import { packBid } from '../../../packages/sealed-bids/bid-package';
import { decodeKey, encodeKey } from '../../../packages/sealed-bids/hpke-keys';
import { decryptShare } from '../../../packages/sealed-bids/opening-key';
import { sealBid } from '../../../packages/sealed-bids/seal';
import { custodianPrivateKey } from '../../support/memory-world';
import { bidder, publishedTender } from '../tenders/published-tender';

/** What bidders' and custodians' machines do, against a memory world. */

export type World = Awaited<ReturnType<typeof publishedTender>>;
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
export const form = (price: number) => ({ price, durationDays: 90, keyTerms: ['工期90天'] });

/** Seals `plain` for bidder `n` and uploads it; returns the bid id to confirm. */
export const upload = async (world: World, n: number, plain: Uint8Array) => {
  const key = (await world.deps.store.openingKey(world.tender.id))!;
  const sealed = await sealBid(plain, {
    openingPublicKey: decodeKey(key.publicKey, 'publicKey'),
    tenderId: world.tender.id,
    bidderOrg: bidder(n).org!,
  });
  const slot = await requestBidUpload(world.deps, bidder(n), world.tender.id, {
    size: sealed.length,
    sha256: sha256(sealed),
  });
  world.upload(slot.uploadUrl.replace('memory://', ''), sealed);
  return slot.bidId;
};

export const submit = async (world: World, n: number, price: number) =>
  confirmBid(
    world.deps,
    bidder(n),
    world.tender.id,
    await upload(world, n, packBid({ form: form(price), files: [] })),
  );

export const shareOf = async (world: World, user: string) => {
  const key = (await world.deps.store.openingKey(world.tender.id))!;
  const mine = key.shares.find((s) => s.custodian === user)!;
  return encodeKey(await decryptShare(mine.encryptedShare, custodianPrivateKey(user), world.tender.id, user));
};
