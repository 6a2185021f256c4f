import { recordReport, reportUploadSlot } from '../../../packages/award/evaluation';
import { publishWhenClear } from '../../../packages/award/result';
import { closeBidding } from '../../../packages/bidding/opening';
import { ProcessLogQuery, verifyProcessLog } from '../../../packages/audit-log/process-log';
import { publishedProcessLog } from '../../../packages/bidding/process-logs';
import { stepDone } from '../../../packages/lifecycle/steps';
import { publishedLog } from '../../support/published-log';
import { publishedTender, singleSource, staff } from '../tenders/published-tender';

describe('single source (单一来源): after the notice, the negotiation record stands as the report', () => {
  it('opens nothing at the end of the publicity, records the agreed price with the one supplier, and publishes 成交 without publicity', async () => {
    const world = await publishedTender([5], singleSource, { type: 'services', holidays: true });
    const tenderId = world.tender.id;
    const slot = await reportUploadSlot(world.deps, tenderId);
    world.upload(slot.objectKey, new TextEncoder().encode('%PDF-1.7 单一来源谈判记录'));
    const record = {
      candidates: [{ bidderOrg: 'ORG-BIDDER-5', price: 95_000_000 }],
      signedBy: ['staff1', 'staff2'],
      reportFile: slot.objectKey,
    };
    // The notice is public until the deadline (74号令38): no negotiation before it ends.
    await expect(recordReport(world.deps, staff, tenderId, record)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '74号令38' },
    });
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    expect(await closeBidding(world.deps, tenderId)).toEqual({ outcome: 'negotiation', bids: 0 });
    expect(await world.deps.store.opening(tenderId)).toBeUndefined();
    // Only the supplier the notice named, once.
    for (const candidates of [
      [{ bidderOrg: 'ORG-BIDDER-4', price: 95_000_000 }],
      [...record.candidates, { bidderOrg: 'ORG-BIDDER-4', price: 96_000_000 }],
    ]) {
      await expect(
        recordReport(world.deps, staff, tenderId, { ...record, candidates }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { field: 'body.candidates', rule: '74号令42' },
      });
    }
    await recordReport(world.deps, staff, tenderId, record);
    expect(await stepDone(world.deps, tenderId, 'report')).toMatchObject({ then: 'result' });
    // Nothing is opened, so the process log stays sealed until the result is out.
    const tenderLog = {
      publishedPage: (id: string, query: ProcessLogQuery) => publishedProcessLog(world.deps, id, query),
    };
    await expect(publishedLog(tenderLog, tenderId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await publishWhenClear(world.deps, tenderId)).toEqual({
      outcome: 'published',
      winner: 'ORG-BIDDER-5',
    });
    const award = await world.deps.store.award(tenderId);
    expect(award?.winner).toEqual({ bidderOrg: 'ORG-BIDDER-5', price: 95_000_000 });
    const notice = await world.deps.store.notice(award!.awardedAt, award!.noticeId);
    expect(notice?.title).toBe(`${world.tender.name} 成交结果公告`);
    expect(award?.deliveries.award.title).toBe(`${world.tender.name} 成交通知书`);
    // With the result, the supplier's registration in the process log is public.
    const published = await publishedLog(tenderLog, tenderId);
    expect(published.entries.map((text) => JSON.parse(text).action)).toEqual(['tender.registered']);
    // The close wrote its final anchor, so the log verifies against the public log's anchors.
    const cited = (index: number) => world.log[index];
    expect(verifyProcessLog(published, world.verifierKey, cited).finalSize).toBe(1);
  });
});
