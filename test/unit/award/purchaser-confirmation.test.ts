import { recordReport } from '../../../packages/award/evaluation';
import { startPublicity } from '../../../packages/award/publicity';
import { publishResult, publishWhenClear } from '../../../packages/award/result';
import { platformActor } from '../../../packages/audit-log';
import { withdrawBid } from '../../../packages/bidding/bids';
import { addDays, calendarFor } from '../../../packages/legal-rules';
import { awaitStep, raiseOverdue } from '../../../packages/lifecycle/lifecycle';
import { stepDone } from '../../../packages/lifecycle/steps';
import { submit } from '../bidding/sealed-bid-client';
import { bidder, DAY, publishedTender, staff } from '../tenders/published-tender';
import { candidates, evaluated } from './evaluated-tender';

const rfq = { procedure: 'request-for-quotation' } as const;
const goods = { type: 'goods', holidays: true } as const;

describe('government procurement after the report: the purchaser confirms the winner', () => {
  it('takes one quotation from each supplier, refusing a second one, also after a withdrawal (74号令46)', async () => {
    const world = await publishedTender([1, 2], rfq, goods);
    await submit(world, 1, 100);
    const second = submit(world, 1, 90);
    await expect(second).rejects.toMatchObject({ code: 'CONFLICT', details: { rule: '74号令46' } });
    await withdrawBid(world.deps, bidder(1), world.tender.id);
    await expect(submit(world, 1, 80)).rejects.toMatchObject({ details: { rule: '74号令46' } });
    // Open tendering keeps its replacements (条例35).
    const open = await publishedTender([1]);
    await submit(open, 1, 100);
    await expect(submit(open, 1, 90)).resolves.toMatchObject({ action: 'bid.received' });
  });

  it('goes from the report to the confirmation, with no candidate publicity, and awards the first candidate only', async () => {
    const { world, members, reportFile } = await evaluated(rfq, goods);
    const tenderId = world.tender.id;
    await recordReport(world.deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    expect(await stepDone(world.deps, tenderId, 'report')).toMatchObject({ then: 'result' });
    await expect(startPublicity(world.deps, staff, tenderId, 3)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '74号令49', field: 'tenderId' },
    });
    expect(await publishWhenClear(world.deps, tenderId)).toEqual({ outcome: 'awaiting-choice' });
    await expect(publishResult(world.deps, platformActor, tenderId)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'body.winner', rule: '74号令49' },
    });
    await expect(publishResult(world.deps, platformActor, tenderId, 'ORG-BIDDER-3')).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { field: 'body.winner', rule: '74号令49' },
    });
    const award = await publishResult(world.deps, platformActor, tenderId, 'ORG-BIDDER-2');
    expect(award.winner.bidderOrg).toBe('ORG-BIDDER-2');
    const notice = await world.deps.store.notice(award.awardedAt, award.noticeId);
    expect(notice?.title).toBe(`${world.tender.name} 成交结果公告`);
    // The confirmation publishes the result: 87号令69's 2 working days are met at once.
    expect(notice?.publishedAt).toBe(award.awardedAt);
  });

  it('waits 5 working days from the report for the confirmation, and alerts only once they have passed', async () => {
    const { world, members, reportFile } = await evaluated(rfq, goods);
    const tenderId = world.tender.id;
    await recordReport(world.deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    const reportedAt = world.clock.now();
    const startedAt = reportedAt.toISOString();
    const waiting = await awaitStep(world.deps, { tenderId, step: 'result', token: 'token-1' });
    const calendar = await calendarFor(world.deps, reportedAt);
    expect(waiting).toEqual({
      step: 'result',
      dueAt: addDays(reportedAt, 5, 'working', calendar).toISOString(),
      done: false,
    });
    // The wait's calendar timeout (3 days) comes before the 5 working days: no alert yet.
    world.clock.advance(3 * DAY);
    expect(await raiseOverdue(world.deps, { tenderId, step: 'result', startedAt })).toMatchObject({
      alerted: false,
    });
    world.clock.advance(new Date(waiting.dueAt).getTime() - world.clock.now().getTime() + 1);
    expect(await raiseOverdue(world.deps, { tenderId, step: 'result', startedAt })).toMatchObject({
      alerted: true,
    });
    const lifecycle = await world.deps.store.lifecycle(tenderId);
    expect(lifecycle?.overdue).toEqual([
      expect.objectContaining({ step: 'result', rule: 'quotation-winner-confirmation', article: '74号令49' }),
    ]);
  });
});
