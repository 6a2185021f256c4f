import { publishedProcessLog, sealedTenders } from '../../../packages/bidding/process-logs';
import { sealedProcesses } from '../../../packages/storage/process-log-store';
import { startOpening } from '../../../packages/bidding/opening';
import { terminateTender } from '../../../packages/award/termination';
import { AnchorEntryData } from '../../../packages/audit-log/anchor-chains';
import {
  anchorProcessLogs,
  PlatformFault,
  processLogCursor,
  ProcessLogPage,
  ProcessLogQuery,
  readPublishedProcessLog,
  verifyProcessLog,
} from '../../../packages/audit-log/process-log';
import { verifyReceiptInclusion } from '../../../packages/bidding/receipt';
import { publishedTender, staff } from '../tenders/published-tender';
import { publishedLog } from '../../support/published-log';
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
  const published = await publishedLog(world.deps.processLogs!, world.tender.id);
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

  it('reads the open processes from their index, which a process leaves with its final anchor or when no longer sealed', async () => {
    const world = await publishedTender([]);
    const gone = world.itemOf({ kind: 'sealedProcess', value: { id: 'T-NO-SUCH-TENDER', of: 'tender' } });
    await world.table.put([gone]);
    const closesAt = world.tender.schedule.bidDeadline;
    expect(await sealedProcesses(world.table)).toEqual([{ id: world.tender.id, closesAt }]);
    expect(
      world
        .items()
        .filter((i) => i.pk === 'SEALED-PROCESSES')
        .map((i) => i.id),
    ).toEqual([world.tender.id]);
    world.clock.advance(world.deadline - world.clock.now().getTime());
    const processes = () => sealedProcesses(world.table);
    await anchorProcessLogs({ clock: world.clock, processes, processLogs: world.deps.processLogs! });
    expect(await sealedProcesses(world.table)).toEqual([]);
    const finals = world.log.filter(
      (e) => e.action === 'process.anchored' && AnchorEntryData.parse(e.data).final,
    );
    expect(finals).toHaveLength(1);
  });

  it('anchors a tender terminated before its deadline finally at the next run, and then reads it no more', async () => {
    const world = await publishedTender([1]);
    await submit(world, 1, 100);
    const processes = () => sealedProcesses(world.table);
    const deps = { clock: world.clock, processes, processLogs: world.deps.processLogs! };
    await anchorProcessLogs(deps);
    const { at } = await terminateTender(world.deps, staff, world.tender.id, {
      ground: 'cancelled',
      reason: '项目取消',
    });
    expect(await sealedProcesses(world.table)).toEqual([{ id: world.tender.id, closesAt: at }]);
    await anchorProcessLogs(deps);
    expect(await sealedProcesses(world.table)).toEqual([]);
    const published = await publishedLog(world.deps.processLogs!, world.tender.id);
    // Newest first: the final anchor, then the one before the termination.
    expect(published.anchors.map((a) => a.final)).toEqual([true, false]);
    // Never opened, its registrants stay confidential: the log is not published.
    await expect(
      publishedProcessLog(world.deps, world.tender.id, ProcessLogQuery.parse({})),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('writes the final anchor once when the opening and the cadence ask for it at the same moment', async () => {
    const world = await publishedTender([]);
    world.clock.advance(world.deadline - world.clock.now().getTime());
    const logs = world.deps.processLogs!;
    await Promise.all([logs.anchorFinal(world.tender.id), logs.anchorFinal(world.tender.id)]);
    const published = await publishedLog(logs, world.tender.id);
    expect(published.anchors.filter((a) => a.final)).toHaveLength(1);
  });

  it('publishes the log in pages: entries in log order, then anchors newest first, the same log at any page size', async () => {
    const { world, published } = await openedWithBids();
    const pages: ProcessLogPage[] = [];
    const logs = world.deps.processLogs!;
    const paged = await readPublishedProcessLog(async (cursor) => {
      const page = await logs.publishedPage(world.tender.id, ProcessLogQuery.parse({ cursor, limit: '1' }));
      pages.push(page);
      return page;
    });
    expect(paged).toEqual(published);
    // A full page cannot tell that nothing follows it: only the last page may be empty.
    expect(pages.map((p) => p.entries.length + p.anchors.length)).toEqual([
      ...pages.slice(0, -1).map(() => 1),
      pages.at(-1)!.anchors.length,
    ]);
    expect(pages.at(-1)!.anchors.length).toBeLessThanOrEqual(1);
    expect(pages.map((p) => p.entriesFrom)).toEqual(
      pages.map((p, i) => (p.entries.length > 0 ? i : undefined)),
    );
    const times = published.anchors.map((a) => a.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(published.anchors).toHaveLength(2);
  });

  it('refuses as the platform’s fault pages that skip entries, repeat a cursor or an anchor, or change process', async () => {
    const { world, published } = await openedWithBids();
    const [first, second] = published.anchors;
    const third = { ...first!, publicIndex: first!.publicIndex + 1 };
    const page = (over: Partial<ProcessLogPage>): ProcessLogPage => ({
      processId: world.tender.id,
      entries: [],
      anchors: [],
      ...over,
    });
    const serve = (...pages: ProcessLogPage[]) => {
      let served = 0;
      return () => Promise.resolve(pages[served++]);
    };
    const refusals: [ProcessLogPage[], RegExp][] = [
      [
        [page({ entriesFrom: 0, entries: ['a'], next: 'e2' }), page({ entriesFrom: 2, entries: ['c'] })],
        /starts at entry 2, not 1/,
      ],
      [[page({ anchors: [first!], next: 'a' }), page({ anchors: [second!], next: 'a' })], /return to a/],
      [[page({ anchors: [first!, second!], next: 'a' }), page({ anchors: [second!, third] })], /twice/],
      [[page({ next: 'a' }), page({ processId: 'T-OTHER' })], /is process T-OTHER's/],
    ];
    for (const [pages, message] of refusals) {
      await expect(readPublishedProcessLog(serve(...pages))).rejects.toThrow(PlatformFault);
      await expect(readPublishedProcessLog(serve(...pages))).rejects.toThrow(message);
    }
  });

  it('links each anchor to the one before, so that a published log leaving one out is the platform’s fault, and anchors nothing after the final', async () => {
    const world = await publishedTender([1, 2, 3]);
    const processes = async () => sealedTenders([(await world.deps.store.tender(world.tender.id))!]);
    const deps = { clock: world.clock, processes, processLogs: world.deps.processLogs! };
    for (const bidder of [1, 2, 3]) {
      await submit(world, bidder, bidder * 100);
      await anchorProcessLogs(deps);
    }
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, world.tender.id);
    // A run of the cadence that read the tender as open just before its deadline, writing after its final anchor.
    await world.deps.processLogs!.anchorOpen([world.tender.id]);
    const published = await publishedLog(world.deps.processLogs!, world.tender.id);
    const chain = [...published.anchors].sort((a, b) => a.publicIndex - b.publicIndex);
    expect(chain.map((a) => a.final)).toEqual([false, false, false, true]);
    expect(chain.map((a) => a.previous)).toEqual([null, ...chain.slice(0, -1).map((a) => a.publicIndex)]);
    const lookup = (index: number) => world.log[index];
    const { length } = published.entries;
    expect(verifyProcessLog(published, world.verifierKey, lookup).finalSize).toBe(length);

    for (const leftOut of [chain[0]!, chain[1]!]) {
      const shown = { ...published, anchors: published.anchors.filter((a) => a !== leftOut) };
      expect(() => verifyProcessLog(shown, world.verifierKey)).toThrow(PlatformFault);
      expect(() => verifyProcessLog(shown, world.verifierKey)).toThrow(/an anchor is left out/);
    }
    const finalTooSoon = {
      ...published,
      anchors: published.anchors.map((a) => (a === chain[1] ? { ...a, final: true } : a)),
    };
    expect(() => verifyProcessLog(finalTooSoon, world.verifierKey)).toThrow(
      /says it is final, but anchors follow it/,
    );
    // Relinked over the gap, the anchor checks from its own bytes but not against the public log.
    const relinked = {
      ...published,
      anchors: published.anchors
        .filter((a) => a !== chain[1])
        .map((a) => (a === chain[2] ? { ...a, previous: chain[0]!.publicIndex } : a)),
    };
    expect(verifyProcessLog(relinked, world.verifierKey).finalSize).toBe(length);
    expect(() => verifyProcessLog(relinked, world.verifierKey, lookup)).toThrow(
      /not the commitment the public log carries/,
    );
  });

  it('takes only the cursors its pages give, and limits from 1 to 1000', () => {
    for (const cursor of ['e-1', 'e01', 'x', 'a2026-12-01T00:00:00Z_3', 'a2026-12-01T00:00:00.000Z_'])
      expect(ProcessLogQuery.safeParse({ cursor }).success).toBe(false);
    for (const limit of ['0', '1001', '1.5', ''])
      expect(ProcessLogQuery.safeParse({ limit }).success).toBe(false);
    expect(ProcessLogQuery.parse({})).toEqual({ cursor: { entriesFrom: 0 }, limit: 1000 });
    expect(ProcessLogQuery.parse({ cursor: 'a' }).cursor).toEqual({});
    const before = { at: '2026-12-01T00:00:00.000Z', publicIndex: 42 };
    expect(ProcessLogQuery.parse({ cursor: processLogCursor({ anchorsBefore: before }) }).cursor).toEqual({
      anchorsBefore: before,
    });
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
      data: {
        final: false,
        anchors: [{ processId: world.tender.id, commitment: 'f'.repeat(64), previous: null }],
      },
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
