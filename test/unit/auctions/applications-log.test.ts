import { withheldBidder } from '../../../packages/audit-log';
import { applicationChecks } from '../../../packages/auctions';
import { memoryWorld } from '../../support/memory-world';
import { publishedLog } from '../../support/published-log';

const AUCTION = 'AU-2026-TESTLOG1';

/** An auction's sealed log: three applications, two qualified, one of them refused and then qualified. */
const sealedApplications = async () => {
  const world = memoryWorld();
  const log = async (action: string, data: Record<string, string>) =>
    world.deps.store.commit({
      entry: { actor: withheldBidder, action, subject: { auctionId: AUCTION }, process: AUCTION, data },
    });
  for (const paddle of ['101', '102', '103']) await log('auction.applied', { paddle });
  await log('auction.application-decided', { paddle: '101', status: 'qualified' });
  await log('auction.application-decided', { paddle: '102', status: 'refused' });
  await log('auction.application-decided', { paddle: '102', status: 'qualified' });
  await log('auction.application-decided', { paddle: '103', status: 'refused' });
  const processLogs = world.deps.processLogs!;
  await processLogs.anchorFinal(AUCTION);
  const published = await publishedLog(processLogs, AUCTION);
  const cited = (index: number) => world.log[index];
  return { world, published, cited, log, processLogs };
};

describe("an auction's applications log, published with the result", () => {
  it('verifies against its anchors and counts the paddles whose last decision qualified them', async () => {
    const { world, published, cited } = await sealedApplications();
    // Nothing of it in the public log but the anchor.
    expect(world.log.map((e) => e.action)).toEqual(['process.anchored']);
    expect(applicationChecks(published, 2, world.verifierKey, cited)).toEqual([
      expect.objectContaining({
        check: 'applications log',
        ok: true,
        detail: expect.stringMatching(/^7 entries/),
      }),
      expect.objectContaining({ check: 'qualified bidders', ok: true }),
    ]);
  });

  it('is a mismatch when the result counts another number of bidders, or an entry was changed', async () => {
    const { world, published, cited } = await sealedApplications();
    expect(applicationChecks(published, 3, world.verifierKey, cited)[1]).toEqual({
      check: 'qualified bidders',
      ok: false,
      detail: 'the applications log qualified 2; the result counts 3',
    });
    const changed = {
      ...published,
      entries: published.entries.map((text, i) => (i === 6 ? text.replace('refused', 'qualified') : text)),
    };
    // A qualification added after the final anchor was sealed by nothing, and does not count.
    const late = await sealedApplications();
    await late.log('auction.application-decided', { paddle: '103', status: 'qualified' });
    const republished = await publishedLog(late.processLogs, AUCTION);
    expect(applicationChecks(republished, 3, late.world.verifierKey, late.cited)).toEqual([
      {
        check: 'applications log',
        ok: false,
        detail: "1 entries (auction.application-decided first) come after the final anchor's 7.",
      },
    ]);
    expect(applicationChecks(changed, 3, world.verifierKey, cited)).toEqual([
      expect.objectContaining({
        check: 'applications log',
        ok: false,
        detail: expect.stringContaining('signs a root that the first 7 published entries do not have'),
      }),
    ]);
  });
});
