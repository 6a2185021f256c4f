import { recordReport } from '../../../packages/award/evaluation';
import { publishResult, recordContract } from '../../../packages/award/result';
import { startPublicity } from '../../../packages/award/publicity';
import { platformActor } from '../../../packages/audit-log';
import { withdrawBid } from '../../../packages/bidding/bids';
import { addDays, calendarFor } from '../../../packages/legal-rules';
import { refundsAfterContract } from '../../../packages/ledger/refunds';
import { supervisionAlerts } from '../../../packages/supervision/alerts';
import { submit, World } from '../bidding/sealed-bid-client';
import { payBonds, refundsOf } from './paid-bonds';
import { candidates, evaluated } from '../award/evaluated-tender';
import { bidder, DAY, publishedTender, staff } from '../tenders/published-tender';

const rfq = { procedure: 'request-for-quotation' } as const;
const goods = { type: 'goods', holidays: true } as const;

const fiveWorkingDaysFrom = async (world: World, from: Date) =>
  addDays(from, 5, 'working', await calendarFor(world.deps, from)).toISOString();

describe('bond refunds in government procurement: 5 working days, and the others do not wait for the contract', () => {
  it("refunds a withdrawn response's bond within 5 working days (74号令14), not 5 calendar days (条例35)", async () => {
    const world = await publishedTender([1, 2, 3], rfq, goods);
    await payBonds(world);
    await submit(world, 1, 300);
    const withdrawnAt = world.clock.now();
    await withdrawBid(world.deps, bidder(1), world.tender.id);
    expect(await refundsOf(world)).toEqual([
      expect.objectContaining({
        bidderOrg: 'ORG-BIDDER-1',
        reason: 'withdrawal',
        rule: 'non-tender-withdrawal-bond-refund',
        article: '74号令14',
        dueAt: await fiveWorkingDaysFrom(world, withdrawnAt),
      }),
    ]);
  });

  it("refunds every bond but the winner's at the result notice, the winner's after the contract, each within 5 working days", async () => {
    const { world, members, reportFile } = await evaluated(rfq, goods, payBonds);
    const tenderId = world.tender.id;
    await recordReport(world.deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    const award = await publishResult(world.deps, platformActor, tenderId, 'ORG-BIDDER-2');
    const atResult = await refundsOf(world);
    expect(atResult.map((r) => [r.bidderOrg, r.reason, r.article]).sort()).toEqual([
      ['ORG-BIDDER-1', 'result', '74号令14'],
      ['ORG-BIDDER-3', 'result', '74号令14'],
    ]);
    const dueAtResult = await fiveWorkingDaysFrom(world, new Date(award.awardedAt));
    expect(atResult.map((r) => r.dueAt)).toEqual([dueAtResult, dueAtResult]);
    // Publishing again refunds nothing twice.
    await publishResult(world.deps, platformActor, tenderId, 'ORG-BIDDER-2');
    expect(await refundsOf(world)).toHaveLength(2);

    // Unpaid past the 5 working days, each is an alert citing its rule.
    world.clock.advance(new Date(dueAtResult).getTime() - world.clock.now().getTime() + 1);
    const alerts = (await supervisionAlerts(world.deps)).alerts.filter((a) => a.rule.endsWith('bond-refund'));
    expect(alerts).toEqual([
      expect.objectContaining({
        rule: 'non-tender-result-bond-refund',
        article: '74号令14',
        dueAt: dueAtResult,
      }),
      expect.objectContaining({
        rule: 'non-tender-result-bond-refund',
        article: '74号令14',
        dueAt: dueAtResult,
      }),
    ]);

    const signedOn = '2026-04-30';
    await recordContract(world.deps, staff, tenderId, signedOn);
    const afterContract = await refundsAfterContract(world.deps, tenderId, signedOn);
    // The working days run from the end of the signing day (CST); 1–5 May are holidays in 2026.
    const dayAfter = new Date('2026-05-01T00:00:00+08:00');
    expect(afterContract).toEqual([
      expect.objectContaining({
        bidderOrg: 'ORG-BIDDER-2',
        reason: 'contract',
        rule: 'non-tender-bond-refund',
        article: '74号令14',
        dueAt: await fiveWorkingDaysFrom(world, dayAfter),
      }),
    ]);
    expect(new Date(afterContract[0]!.dueAt).getTime() - dayAfter.getTime()).toBeGreaterThan(5 * 86_400_000);
  });

  it('keeps every bond until the contract under 招标投标法 (条例57): nothing is refunded at the result', async () => {
    const { world, members, reportFile } = await evaluated({}, undefined, payBonds);
    const tenderId = world.tender.id;
    await recordReport(world.deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    await startPublicity(world.deps, staff, tenderId, 3);
    world.clock.advance(3 * DAY + 1);
    const award = await publishResult(world.deps, platformActor, tenderId);
    expect(award.winner.bidderOrg).toBe('ORG-BIDDER-2');
    expect(await refundsOf(world)).toEqual([]);
    const refunds = await refundsAfterContract(world.deps, tenderId, '2026-04-30');
    expect(refunds.map((r) => [r.bidderOrg, r.article, r.dueAt]).sort()).toEqual(
      [1, 2, 3].map((n) => [`ORG-BIDDER-${n}`, '条例57', '2026-05-05T16:00:00.000Z']),
    );
  });
});
