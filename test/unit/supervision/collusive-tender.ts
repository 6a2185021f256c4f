import { confirmBid } from '../../../packages/bidding/bids';
import { decryptBids, startOpening, submitShare } from '../../../packages/bidding/opening';
import { packBid } from '../../../packages/sealed-bids/bid-package';
import { form, shareOf, upload } from '../bidding/sealed-bid-client';
import { bidder, publishedTender, regulator, regulator2, staff } from '../tenders/published-tender';

/**
 * A tender whose bids are collusive (条例40): two share a file, and the prices step evenly. `open`
 * finishes its opening (starting it if nobody did), after which its red flags are known.
 */
export const collusiveTender = async () => {
  const world = await publishedTender([1, 2, 3]);
  const sameFile = { name: '技术标.pdf', bytes: new TextEncoder().encode('同一份技术标') };
  for (const [n, price] of [
    [1, 100_000],
    [2, 200_000],
    [3, 300_000],
  ] as const) {
    const files = n === 3 ? [] : [sameFile];
    await confirmBid(
      world.deps,
      bidder(n),
      world.tender.id,
      await upload(world, n, packBid({ form: form(price), files })),
    );
  }
  const open = async () => {
    world.clock.advance(Math.max(0, world.deadline - world.clock.now().getTime() + 1));
    await startOpening(world.deps, staff, world.tender.id);
    const given = await world.deps.store.shares(world.tender.id);
    for (const [who, user] of [
      [regulator, 'regulator1'],
      [regulator2, 'regulator2'],
    ] as const) {
      if (!given.some((s) => s.custodian === user))
        await submitShare(world.deps, who, world.tender.id, await shareOf(world, user));
    }
    await decryptBids(world.deps, world.tender.id);
  };
  return { world, open };
};
