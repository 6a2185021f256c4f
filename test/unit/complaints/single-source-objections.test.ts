import { listChallenges, raiseChallenge, takeChallengeStep } from '../../../packages/complaints/challenges';
import { recordReport, reportUploadSlot } from '../../../packages/award/evaluation';
import { publishWhenClear } from '../../../packages/award/result';
import { closeBidding } from '../../../packages/bidding/opening';
import { publishAmendment } from '../../../packages/tenders/amendments';
import { addDays, demoCalendar } from '../../../packages/legal-rules/calendar';
import { supervisionAlerts } from '../../../packages/supervision/alerts';
import { bidder, DAY, publishedTender, regulator, singleSource, staff } from '../tenders/published-tender';

/** Objections to a single-source notice (74号令39) and the purchaser's review of them (74号令40). */

type World = Awaited<ReturnType<typeof publishedTender>>;

const noticed = async () => publishedTender([5], singleSource, { type: 'services', holidays: true });

const objection = { kind: 'objection', subject: 'documents', text: '本公司同样能够提供该升级服务' } as const;

const pastPublicity = (world: World) => world.clock.advance(world.deadline - world.clock.now().getTime() + 1);

/** The negotiation record of the one supplier, its file uploaded. */
const negotiationRecord = async (world: World) => {
  const slot = await reportUploadSlot(world.deps, world.tender.id);
  world.upload(slot.objectKey, new TextEncoder().encode('%PDF-1.7 单一来源协商情况记录'));
  return {
    candidates: [{ bidderOrg: 'ORG-BIDDER-5', price: 95_000_000 }],
    signedBy: ['staff1', 'staff2'],
    reportFile: slot.objectKey,
  };
};

const review = (world: World, conclusion?: 'upheld' | 'dismissed') =>
  takeChallengeStep(world.deps, staff, world.tender.id, 1, {
    step: 'answer',
    answer: '经补充论证，该升级须与原系统保持一致',
    ...(conclusion ? { conclusion } : {}),
  });

describe('objections to a single-source notice (74号令39–40)', () => {
  it('takes one from any supplier while the notice is public, and refuses one a millisecond after', async () => {
    const world = await noticed();
    world.clock.advance(world.deadline - world.clock.now().getTime());
    // ORG-BIDDER-3 never registered: the notice names one supplier, and anyone may object to it.
    const view = await raiseChallenge(world.deps, bidder(3), world.tender.id, objection);
    const [raised] = view.items;
    expect(raised).toMatchObject({ number: 1, kind: 'objection', rule: 'single-source-objection' });
    // The review is due 5 working days after the publicity ends, not after the objection.
    expect(raised!.kind === 'objection' && raised!.answerDueAt).toBe(
      addDays(new Date(world.deadline), 5, 'working', demoCalendar).toISOString(),
    );
    expect(view.hold).toEqual({
      article: '74号令39',
      reason: "objection 1 to the notice awaits the purchaser's review",
    });
    world.clock.advance(1);
    await expect(
      raiseChallenge(world.deps, bidder(4), world.tender.id, { ...objection, text: '另一异议' }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED', details: { rule: '74号令39' } });
    // Staff see the objection, not who raised it; the regulator (抄送财政部门) sees both.
    const seen = async (caller: typeof staff) =>
      (await listChallenges(world.deps, caller, world.tender.id)).items[0]!.bidderOrg;
    expect(await seen(staff)).toBeUndefined();
    expect(await seen(regulator)).toBe('ORG-BIDDER-3');
  });

  it('holds the negotiation until the review, which follows the publicity and concludes; dismissed, the procurement goes on', async () => {
    const world = await noticed();
    await raiseChallenge(world.deps, bidder(3), world.tender.id, objection);
    // Not before the publicity ends: later objections must be weighed too.
    await expect(review(world, 'dismissed')).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '74号令40', field: 'number' },
    });
    pastPublicity(world);
    expect(await closeBidding(world.deps, world.tender.id)).toEqual({ outcome: 'negotiation', bids: 0 });
    const record = await negotiationRecord(world);
    await expect(recordReport(world.deps, staff, world.tender.id, record)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '74号令39' },
    });
    await expect(review(world)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'body.conclusion', rule: '74号令40' },
    });
    await expect(
      takeChallengeStep(world.deps, bidder(3), world.tender.id, 1, {
        step: 'answer',
        answer: '自行答复',
        conclusion: 'dismissed',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', details: { rule: '74号令40' } });
    const reviewed = await review(world, 'dismissed');
    expect(reviewed.items[0]).toMatchObject({ conclusion: 'dismissed', answer: expect.any(String) });
    expect(reviewed.hold).toBeUndefined();
    // The same review again is a retry; another conclusion is not.
    expect((await review(world, 'dismissed')).items).toEqual(reviewed.items);
    // The objector is told in its notices, as an 异议 (74号令39) though the law is the 政府采购法; once.
    const told = (await world.deps.store.inbox('ORG-BIDDER-3', { limit: 50 })).notices.filter(
      (n) => n.type === 'objection-answer',
    );
    expect(told.map((n) => [n.title, n.body.article, n.body.conclusion])).toEqual([
      [`${world.tender.name} 异议答复`, '74号令40', 'dismissed'],
    ]);
    await expect(review(world, 'upheld')).rejects.toMatchObject({ code: 'CONFLICT' });
    await recordReport(world.deps, staff, world.tender.id, record);
    expect(await publishWhenClear(world.deps, world.tender.id)).toEqual({
      outcome: 'published',
      winner: 'ORG-BIDDER-5',
    });
    expect((await supervisionAlerts(world.deps)).alerts.map((a) => a.rule)).not.toContain(
      'single-source-review',
    );
  });

  it('ends the single-source way for good once an objection is upheld: no negotiation record, no result', async () => {
    const world = await noticed();
    await raiseChallenge(world.deps, bidder(3), world.tender.id, objection);
    pastPublicity(world);
    await closeBidding(world.deps, world.tender.id);
    const reviewed = await review(world, 'upheld');
    expect(reviewed.hold).toEqual({
      article: '74号令40',
      reason: 'objection 1 to the notice was upheld on review, so the purchaser procures by another method',
    });
    await expect(
      recordReport(world.deps, staff, world.tender.id, await negotiationRecord(world)),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATED', details: { rule: '74号令40' } });
    expect(await publishWhenClear(world.deps, world.tender.id)).toEqual({ outcome: 'held' });
  });

  it('alerts the regulator when the review is not concluded within 5 working days after the publicity', async () => {
    const world = await noticed();
    await raiseChallenge(world.deps, bidder(3), world.tender.id, objection);
    const due = addDays(new Date(world.deadline), 5, 'working', demoCalendar).getTime();
    const reviewAlerts = async () =>
      (await supervisionAlerts(world.deps)).alerts.filter((a) => a.rule === 'single-source-review');
    world.clock.advance(due - world.clock.now().getTime());
    expect(await reviewAlerts()).toEqual([]);
    world.clock.advance(1);
    expect(await reviewAlerts()).toEqual([
      expect.objectContaining({ article: '74号令40', dueAt: new Date(due).toISOString() }),
    ]);
    // Concluded late, the alert stays: the time limit was broken.
    await review(world, 'dismissed');
    expect(await reviewAlerts()).toHaveLength(1);
  });

  it('moves the review with an amendment that moves the end of the publicity', async () => {
    const world = await noticed();
    await raiseChallenge(world.deps, bidder(3), world.tender.id, objection);
    const later = new Date(world.deadline + 7 * DAY).toISOString();
    await publishAmendment(world.deps, staff, world.tender.id, {
      summary: '公示期延长七日',
      affectsBids: false,
      schedule: { ...world.tender.schedule, bidDeadline: later },
      documents: [],
    });
    const [item] = (await listChallenges(world.deps, regulator, world.tender.id)).items;
    const due = addDays(new Date(later), 5, 'working', demoCalendar);
    expect(item!.kind === 'objection' && item!.answerDueAt).toBe(due.toISOString());
    // Past the first publicity's review but inside the moved one: no alert.
    world.clock.advance(
      addDays(new Date(world.deadline), 6, 'working', demoCalendar).getTime() - world.clock.now().getTime(),
    );
    expect((await supervisionAlerts(world.deps)).alerts.map((a) => a.rule)).not.toContain(
      'single-source-review',
    );
  });

  it("keeps the procurement's 质疑 beside it: after the publicity a query on the documents, and after 成交 one on the result (法52)", async () => {
    const world = await noticed();
    pastPublicity(world);
    await closeBidding(world.deps, world.tender.id);
    const knownAt = world.clock.now().toISOString();
    // The notice's objections are over; a supplier that did not register has no 质疑 to raise.
    await expect(
      raiseChallenge(world.deps, bidder(3), world.tender.id, { ...objection, knownAt }),
    ).rejects.toMatchObject({ code: 'DEADLINE_PASSED', details: { rule: '74号令39' } });
    await expect(
      raiseChallenge(world.deps, bidder(3), world.tender.id, {
        kind: 'complaint',
        subject: 'documents',
        text: '单一来源理由不成立',
        knownAt,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const query = await raiseChallenge(world.deps, bidder(5), world.tender.id, { ...objection, knownAt });
    expect(query.items[0]).toMatchObject({ rule: 'procurement-query' });
    // The same words again are a retry of that query, not a second one.
    expect(
      (await raiseChallenge(world.deps, bidder(5), world.tender.id, { ...objection, knownAt })).items,
    ).toHaveLength(1);
    // A query pauses nothing: the negotiation is recorded and the result published.
    await recordReport(world.deps, staff, world.tender.id, await negotiationRecord(world));
    expect(await publishWhenClear(world.deps, world.tender.id)).toMatchObject({ outcome: 'published' });
    const onResult = await raiseChallenge(world.deps, bidder(5), world.tender.id, {
      kind: 'objection',
      subject: 'result',
      text: '成交结果公告内容有误',
      knownAt: world.clock.now().toISOString(),
    });
    expect(onResult.items[1]).toMatchObject({ rule: 'procurement-query', subject: 'result' });
  });

  it('takes the same words as a 质疑 after the publicity as a new challenge, not a retry of the objection to the notice', async () => {
    const world = await noticed();
    await raiseChallenge(world.deps, bidder(5), world.tender.id, objection);
    pastPublicity(world);
    const knownAt = world.clock.now().toISOString();
    const both = await raiseChallenge(world.deps, bidder(5), world.tender.id, { ...objection, knownAt });
    expect(both.items.map((c) => c.rule)).toEqual(['single-source-objection', 'procurement-query']);
  });

  it('lets the objector complain to the finance department after the review, registered or not (法55), and no one else', async () => {
    const world = await noticed();
    // While public, an objection to the notice is about the notice itself.
    await expect(
      raiseChallenge(world.deps, bidder(3), world.tender.id, { ...objection, subject: 'other' }),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATED', details: { field: 'body.subject', rule: '74号令39' } });
    await raiseChallenge(world.deps, bidder(3), world.tender.id, objection);
    pastPublicity(world);
    await review(world, 'dismissed');
    const complaint = {
      kind: 'complaint',
      subject: 'documents',
      text: '补充论证未回应本公司的异议理由',
      knownAt: world.clock.now().toISOString(),
    } as const;
    const filed = await raiseChallenge(world.deps, bidder(3), world.tender.id, complaint);
    expect(filed.items[1]).toMatchObject({
      kind: 'complaint',
      rule: 'procurement-complaint-filing',
      prior: { where: 'challenges', number: 1 },
      status: 'submitted',
    });
    await expect(raiseChallenge(world.deps, bidder(4), world.tender.id, complaint)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('takes no conclusion on a challenge that is answered in words (条例22)', async () => {
    const world = await publishedTender([1]);
    await raiseChallenge(world.deps, bidder(1), world.tender.id, objection);
    await expect(
      takeChallengeStep(world.deps, staff, world.tender.id, 1, {
        step: 'answer',
        answer: '维持原文件',
        conclusion: 'dismissed',
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'body.conclusion' } });
  });
});
