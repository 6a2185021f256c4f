import { sealedTenders } from '../../../packages/bidding/process-logs';
import { startOpening } from '../../../packages/bidding/opening';
import {
  AnchorEntryData,
  anchorProcessLogs,
  PlatformFault,
  verifyProcessLog,
} from '../../../packages/audit-log/process-log';
import { verifyReceiptInclusion } from '../../../packages/bidding/receipt';
import { publishedTender, staff } from '../tenders/published-tender';
import { submit } from './sealed-bid-client';

/** Three bids and a run of the schedule in between, then the opening and its published process log. */
const openedWithBids = async () => {
  const world = await publishedTender([1, 2, 3]);
  const processes = async () => sealedTenders([(await world.deps.store.tender(world.tender.id))!]);
  const receipts = [await submit(world, 1, 100), await submit(world, 2, 200)];
  await anchorProcessLogs({ clock: world.clock, processes, processLogs: world.deps.processLogs! });
  receipts.push(await submit(world, 3, 300));
  world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
  await startOpening(world.deps, staff, world.tender.id);
  const published = await world.deps.processLogs!.published(world.tender.id);
  const lookup = (index: number) => world.log[index];
  return { world, receipts, published, lookup };
};

describe('sealed process logs', () => {
  it('anchors every open tender in one entry each run, activity or not, and a tender past its deadline once, finally', async () => {
    const world = await publishedTender([]);
    // A second tender open a day longer: it is anchored on while the first gets its final anchor.
    const later = new Date(world.deadline + 86_400_000).toISOString();
    const processes = async () => {
      const tender = (await world.deps.store.tender(world.tender.id))!;
      return sealedTenders([
        tender,
        { ...tender, id: 'T-OTHER', schedule: { ...tender.schedule, bidDeadline: later } },
      ]);
    };
    const deps = { clock: world.clock, processes, processLogs: world.deps.processLogs! };
    await anchorProcessLogs(deps);
    await anchorProcessLogs(deps);
    world.clock.advance(world.deadline - world.clock.now().getTime());
    await anchorProcessLogs(deps);
    await anchorProcessLogs(deps);
    const anchors = world.log
      .filter((e) => e.action === 'process.anchored')
      .map((e) => AnchorEntryData.parse(e.data));
    expect(anchors.map((a) => [a.final, a.anchors.map((x) => x.processId)])).toEqual([
      [false, [world.tender.id, 'T-OTHER']],
      [false, [world.tender.id, 'T-OTHER']],
      [false, ['T-OTHER']],
      [true, [world.tender.id]],
      [false, ['T-OTHER']],
    ]);
    // Each commitment is salted afresh: the same empty log never gives the same commitment.
    const commitments = anchors.flatMap((a) => a.anchors.map((x) => x.commitment));
    expect(new Set(commitments).size).toBe(commitments.length);
  });

  it('writes the final anchor once when the opening and the cadence ask for it at the same moment', async () => {
    const world = await publishedTender([]);
    world.clock.advance(world.deadline - world.clock.now().getTime());
    const logs = world.deps.processLogs!;
    await Promise.all([logs.anchorFinal(world.tender.id), logs.anchorFinal(world.tender.id)]);
    const published = await logs.published(world.tender.id);
    expect(published.anchors.filter((a) => a.final)).toHaveLength(1);
  });

  it('proves every receipt after the opening against the anchors the public log carries', async () => {
    const { world, receipts, published, lookup } = await openedWithBids();
    const { finalSize } = verifyProcessLog(published, world.verifierKey, lookup);
    expect(finalSize).toBe(published.entries.length);
    const indexes = receipts.map(
      (r) => verifyReceiptInclusion(r, published, world.verifierKey, lookup).index,
    );
    expect(new Set(indexes).size).toBe(3);
  });

  it('names as the platform’s fault a promised bid missing from the log, and an anchor that does not commit to its checkpoint', async () => {
    const { world, receipts, published, lookup } = await openedWithBids();
    // The log as it stood before the third bid, its anchor then passed off as final: every anchor
    // checks from the bytes alone, and the promise to the third bidder does not hold.
    const earlier = published.anchors.find((a) => !a.final)!;
    const size = Number(earlier.checkpoint.split('\n')[1]);
    const truncated = {
      ...published,
      entries: published.entries.slice(0, size),
      anchors: [{ ...earlier, final: true }],
    };
    expect(verifyProcessLog(truncated, world.verifierKey).finalSize).toBe(size);
    expect(() => verifyReceiptInclusion(receipts[0]!, truncated, world.verifierKey)).not.toThrow();
    expect(() => verifyReceiptInclusion(receipts[2]!, truncated, world.verifierKey)).toThrow(
      /signed a receipt for bid.received of bid .* but its published process log holds no such entry/,
    );
    // The public log says which anchor was final: the forgery shows there.
    expect(() => verifyProcessLog(truncated, world.verifierKey, lookup)).toThrow(PlatformFault);

    const salted = {
      ...published,
      anchors: published.anchors.map((a, i) => (i === 0 ? { ...a, salt: '0'.repeat(32) } : a)),
    };
    expect(() => verifyProcessLog(salted, world.verifierKey, lookup)).toThrow(/does not commit/);
    const elsewhere = (index: number) => ({
      ...lookup(index)!,
      data: { final: false, anchors: [{ processId: world.tender.id, commitment: 'f'.repeat(64) }] },
    });
    expect(() => verifyProcessLog(published, world.verifierKey, elsewhere)).toThrow(
      /not the commitment the public log carries/,
    );
    expect(() =>
      verifyProcessLog(
        { ...published, anchors: published.anchors.filter((a) => !a.final) },
        world.verifierKey,
      ),
    ).toThrow(/no final anchor/);
  });
});
