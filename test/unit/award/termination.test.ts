import { terminateTender } from '../../../packages/award/termination';
import { TerminateTender } from '../../../packages/award/model';
import { publishWhenClear } from '../../../packages/award/result';
import {
  closeBidding,
  decryptBids,
  myShare,
  startOpening,
  submitShare,
} from '../../../packages/bidding/opening';
import { myBids } from '../../../packages/bidding/bids';
import { recordReport } from '../../../packages/award/evaluation';
import { importStatement } from '../../../packages/ledger/statements';
import { openSubAccount, tenderBondAccounts } from '../../../packages/ledger/sub-accounts';
import { visibleRefunds } from '../../../packages/ledger/refunds';
import { supervisionAlerts } from '../../../packages/supervision/alerts';
import { candidates, evaluated, openBids } from './evaluated-tender';
import { raiseChallenge, takeChallengeStep } from '../../../packages/complaints/challenges';
import { addDays, calendarFor } from '../../../packages/legal-rules';
import { listNotices, myNotices } from '../../../packages/tenders/notices';
import { downloadDocument } from '../../../packages/tenders/documents';
import { registerForTender } from '../../../packages/tenders/registration';
import { viewTender } from '../../../packages/tenders/tenders';
import { submit } from '../bidding/sealed-bid-client';
import { payBonds, refundsOf } from '../ledger/paid-bonds';
import {
  bidder,
  DAY,
  failure,
  publishedTender,
  regulator,
  singleSource,
  staff,
} from '../tenders/published-tender';

/** 终止 (条例31; 87号令29; 74号令40): a process ended before its result. */

const gp = { procedure: 'gp-open-tendering' } as const;
const goods = { type: 'goods', holidays: true, documentsDays: 8 } as const;
const cancelled = { ground: 'cancelled', reason: '采购任务因机构调整取消' } as const;

describe('terminating a process before its result (终止)', () => {
  it('publishes the termination notice, tells every registered bidder, refunds every bond by its rule, and takes no further step', async () => {
    const world = await publishedTender([1, 2, 3], gp, goods);
    await payBonds(world);
    await submit(world, 1, 300);
    const at = world.clock.now();
    const termination = await terminateTender(world.deps, staff, world.tender.id, cancelled);
    expect(termination).toEqual({
      ground: 'cancelled',
      article: '87号令29',
      reason: cancelled.reason,
      at: at.toISOString(),
      by: 'staff1',
      noticeId: expect.stringMatching(/^N/),
    });

    // The public notice names the ground and its articles, never who took part or how many (法22).
    const { notices } = await listNotices(world.deps, { type: 'termination', limit: 10 });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ id: termination.noticeId, title: '一标段 终止公告' });
    expect(notices[0]!.body).toEqual({
      tenderName: '一标段',
      procedure: '公开招标（政府采购）',
      ground: 'cancelled',
      groundDescription: expect.stringContaining('采购任务取消'),
      article: '87号令29',
      noticeArticle: '87号令29',
      reason: cancelled.reason,
      terminatedAt: at.toISOString(),
    });
    // Its entry names the ground and the articles; who was told is a salted digest, how many nowhere.
    const entry = world.log.find((e) => e.action === 'tender.terminated')!;
    expect(entry.data).toEqual({
      ground: 'cancelled',
      rule: '87号令29',
      notice: '87号令29',
      recipientsSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // Each registered bidder has it in its own notices (书面通知, 87号令29).
    for (const n of [1, 2, 3]) {
      const mine = await myNotices(world.deps, bidder(n), { limit: 10 });
      expect(mine.notices.map((n) => n.id)).toContain(termination.noticeId);
    }

    // Every bond goes back within 5 working days of the termination (87号令29).
    const due = addDays(at, 5, 'working', await calendarFor(world.deps, at)).toISOString();
    const refunds = await refundsOf(world);
    expect(refunds.map((r) => [r.bidderOrg, r.reason, r.rule, r.article, r.dueAt]).sort()).toEqual(
      [1, 2, 3].map((n) => [`ORG-BIDDER-${n}`, 'termination', 'gp-termination-bond-refund', '87号令29', due]),
    );

    // The same termination again is a retry: the same answer, nothing refunded twice; another is refused.
    expect(await terminateTender(world.deps, staff, world.tender.id, cancelled)).toEqual(termination);
    expect(await refundsOf(world)).toHaveLength(3);
    expect(
      await failure(
        terminateTender(world.deps, staff, world.tender.id, { ...cancelled, reason: '另一原因' }),
      ),
    ).toMatchObject({ code: 'CONFLICT', field: 'body.ground' });

    // Nothing more is taken: no registration, bid, bond account or guarantee; the bids stay sealed.
    const ended = { code: 'CONFLICT', rule: '87号令29', field: 'tenderId' };
    expect(await failure(registerForTender(world.deps, bidder(4), world.tender.id))).toMatchObject(ended);
    expect(await failure(submit(world, 2, 280))).toMatchObject(ended);
    // What a bidder holds stays readable, its evidence should it challenge the termination.
    const [document] = (await viewTender(world.deps, 'public', world.tender.id)).documents;
    await downloadDocument(world.deps, bidder(2), world.tender.id, document!.documentId);
    expect((await myBids(world.deps, bidder(1), world.tender.id)).bids).toHaveLength(1);
    expect(await closeBidding(world.deps, world.tender.id)).toEqual({ outcome: 'terminated', bids: 0 });
    expect(await publishWhenClear(world.deps, world.tender.id)).toEqual({ outcome: 'terminated' });

    // The public view shows the termination, without who entered it.
    const seen = await viewTender(world.deps, 'public', world.tender.id);
    expect(seen).toMatchObject({ status: 'terminated', termination: { ground: 'cancelled' } });
    expect(seen.termination).not.toHaveProperty('by');
  });

  it('refunds a bond the bank reports after the termination, and opens no new bond account', async () => {
    const world = await publishedTender([1, 2, 3], gp, goods);
    const { subAccount } = await openSubAccount(world.deps, bidder(1), world.tender.id);
    await terminateTender(world.deps, staff, world.tender.id, cancelled);
    // The statement of the day before arrives the day after: the bond goes back as the termination says.
    world.clock.advance(DAY);
    const paidAt = world.clock.now();
    await importStatement(world.deps, staff, {
      csv: [
        'valueDate,reference,subAccount,amount,counterpartyName,counterpartyAccount,memo',
        `2026-03-02,B-LATE,${subAccount.number},20000.00,供应商1,6222020200001231,`,
      ].join('\n'),
    });
    const due = addDays(paidAt, 5, 'working', await calendarFor(world.deps, paidAt)).toISOString();
    expect((await refundsOf(world)).map((r) => [r.bidderOrg, r.reason, r.amount, r.dueAt])).toEqual([
      ['ORG-BIDDER-1', 'termination', 2_000_000, due],
    ]);
    expect(await failure(openSubAccount(world.deps, bidder(2), world.tender.id))).toMatchObject({
      code: 'CONFLICT',
      rule: '87号令29',
    });
    // Terminated before its deadline, it never opens: who applied stays secret from staff for good (法22).
    world.clock.advance(world.deadline - world.clock.now().getTime() + DAY);
    expect(await failure(tenderBondAccounts(world.deps, staff, world.tender.id))).toMatchObject({
      code: 'FORBIDDEN',
      rule: '法22',
    });
    expect((await visibleRefunds(world.deps, staff, { tenderId: world.tender.id })).refunds).toEqual([]);
  });

  it('tells the invited bidders who never registered, and answers two identical requests at once with one termination', async () => {
    const world = await publishedTender([1], {
      procedure: 'invited-tendering',
      invitedBidders: ['ORG-BIDDER-1', 'ORG-BIDDER-2', 'ORG-BIDDER-3'],
    });
    const [first, second] = await Promise.all([
      terminateTender(world.deps, staff, world.tender.id, cancelled),
      terminateTender(world.deps, staff, world.tender.id, cancelled),
    ]);
    expect(second).toEqual(first);
    expect(world.log.filter((e) => e.action === 'tender.terminated')).toHaveLength(1);
    for (const n of [1, 2, 3]) {
      const mine = await myNotices(world.deps, bidder(n), { limit: 10 });
      expect([n, mine.notices.map((x) => x.id)]).toEqual([n, expect.arrayContaining([first.noticeId])]);
    }
  });

  it('refuses while the bids are being decrypted, and never decrypts a tender terminated as its last share came in', async () => {
    const world = await publishedTender([1, 2, 3]);
    for (const n of [1, 2, 3]) await submit(world, n, 100 * n);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, world.tender.id);
    const opening = (await world.deps.store.opening(world.tender.id))!;
    await world.deps.store.put([{ kind: 'opening', value: { ...opening, status: 'decrypting' } }]);
    // Whatever the ground: the opening record comes first, then the ground is weighed.
    for (const input of [cancelled, { ground: 'over-budget', reason: '报价超预算' } as const]) {
      expect(await failure(terminateTender(world.deps, staff, world.tender.id, input))).toMatchObject({
        code: 'CONFLICT',
        field: 'tenderId',
      });
    }
    // Terminated just before the shares completed: the queued decryption opens nothing.
    await world.deps.store.put([{ kind: 'opening', value: opening }]);
    await terminateTender(world.deps, staff, world.tender.id, cancelled);
    await world.deps.store.put([{ kind: 'opening', value: { ...opening, status: 'decrypting' } }]);
    expect(await decryptBids(world.deps, world.tender.id)).toMatchObject({ status: 'decrypting' });
    expect(world.log.map((e) => e.action)).not.toContain('opening.completed');
  });

  it('opens nothing when the termination commits while the opening is being started', async () => {
    const world = await publishedTender([1, 2, 3]);
    for (const n of [1, 2, 3]) await submit(world, n, 100 * n);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    // The opening has read the tender; the termination commits before the opening does.
    const commit = world.deps.store.commit.bind(world.deps.store);
    let raced = false;
    world.deps.store.commit = (async (change: Parameters<typeof commit>[0]) => {
      if (change.entry.action === 'opening.started' && !raced) {
        raced = true;
        await terminateTender(world.deps, staff, world.tender.id, cancelled);
      }
      return commit(change);
    }) as typeof commit;
    expect(await failure(startOpening(world.deps, staff, world.tender.id))).toMatchObject({
      code: 'CONFLICT',
      rule: '条例31',
    });
    expect(raced).toBe(true);
    expect(await world.deps.store.opening(world.tender.id)).toBeUndefined();
    expect(world.log.map((e) => e.action)).not.toContain('opening.started');
  });

  it('keeps a time limit already broken at the termination among the alerts, and drops those not yet due', async () => {
    const { world, members, reportFile } = await evaluated();
    await recordReport(world.deps, staff, world.tender.id, { candidates, signedBy: members, reportFile });
    const late = async () =>
      (await supervisionAlerts(world.deps)).alerts.filter((a) => a.rule === 'publicity-start');
    // Publicity should start within 3 days of the report (条例54); terminated on day 4, the breach stays.
    world.clock.advance(4 * DAY);
    expect(await late()).toHaveLength(1);
    await terminateTender(world.deps, staff, world.tender.id, cancelled);
    expect(await late()).toHaveLength(1);
    // Terminated on day 1, before it was due, the limit is moot.
    const early = await evaluated();
    await recordReport(early.world.deps, staff, early.world.tender.id, {
      candidates,
      signedBy: early.members,
      reportFile: early.reportFile,
    });
    early.world.clock.advance(DAY);
    await terminateTender(early.world.deps, staff, early.world.tender.id, cancelled);
    early.world.clock.advance(3 * DAY);
    expect(
      (await supervisionAlerts(early.world.deps)).alerts.filter((a) => a.rule === 'publicity-start'),
    ).toEqual([]);
  });

  it('keeps the bids sealed when terminated after the opening began: no custodian gets or gives a share', async () => {
    const world = await publishedTender([1, 2, 3]);
    for (const n of [1, 2, 3]) await submit(world, n, 100 * n);
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await startOpening(world.deps, staff, world.tender.id);
    expect((await myShare(world.deps, staff, world.tender.id)).encryptedShare).toEqual(expect.any(String));
    await terminateTender(world.deps, staff, world.tender.id, cancelled);
    const ended = { code: 'CONFLICT', rule: '条例31', field: 'tenderId' };
    expect(await failure(myShare(world.deps, staff, world.tender.id))).toMatchObject(ended);
    expect(await failure(submitShare(world.deps, staff, world.tender.id, 'AAAA'))).toMatchObject(ended);
  });

  it('refunds under 招标投标法 within 5 days of the termination (条例31), and refuses a ground that law does not give', async () => {
    const world = await publishedTender([1, 2, 3]);
    await payBonds(world);
    expect(
      await failure(
        terminateTender(world.deps, staff, world.tender.id, {
          ground: 'objection-upheld',
          reason: '有人串标',
        }),
      ),
    ).toMatchObject({ code: 'RULE_VIOLATED', rule: '条例31', field: 'body.ground' });
    const at = world.clock.now();
    expect(await terminateTender(world.deps, staff, world.tender.id, cancelled)).toMatchObject({
      article: '条例31',
    });
    const due = new Date(at.getTime() + 5 * 86_400_000).toISOString();
    expect((await refundsOf(world)).map((r) => [r.article, r.dueAt])).toEqual([
      ['条例31', due],
      ['条例31', due],
      ['条例31', due],
    ]);
  });

  it('ends a single-source procurement only once an objection to its notice is upheld (74号令40)', async () => {
    const world = await publishedTender([5], singleSource, { type: 'services', holidays: true });
    const upheld = { ground: 'objection-upheld', reason: '异议成立，改用公开招标' } as const;
    expect(await failure(terminateTender(world.deps, staff, world.tender.id, upheld))).toMatchObject({
      code: 'RULE_VIOLATED',
      rule: '74号令40',
      field: 'body.ground',
    });
    // 74号令 names no other ground, nor the notice itself: that refusal cites the platform's rule.
    expect(await failure(terminateTender(world.deps, staff, world.tender.id, cancelled))).toMatchObject({
      code: 'RULE_VIOLATED',
      rule: '平台规则',
    });
    await raiseChallenge(world.deps, bidder(3), world.tender.id, {
      kind: 'objection',
      subject: 'documents',
      text: '本公司同样能够提供该升级服务',
    });
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await takeChallengeStep(world.deps, staff, world.tender.id, 1, {
      step: 'answer',
      answer: '经补充论证，异议成立',
      conclusion: 'upheld',
    });
    expect(await publishWhenClear(world.deps, world.tender.id)).toEqual({ outcome: 'held' });
    expect(await terminateTender(world.deps, staff, world.tender.id, upheld)).toMatchObject({
      ground: 'objection-upheld',
      article: '74号令40',
    });
    expect(await publishWhenClear(world.deps, world.tender.id)).toEqual({ outcome: 'terminated' });
  });

  it('takes a reason as short as Chinese writes it, and refuses an empty one naming the field', () => {
    expect(TerminateTender.parse({ ground: 'cancelled', reason: '项目取消' }).reason).toBe('项目取消');
    const empty = TerminateTender.safeParse({ ground: 'cancelled', reason: '' });
    expect(empty.success ? [] : empty.error.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
  });

  it.each([
    ['competitive-negotiation', '74号令37'],
    ['request-for-quotation', '74号令50'],
    ['competitive-consultation', '214号35'],
  ] as const)(
    'ends %s on its own article, counts too few suppliers only once the responses are opened, and refunds in 5 working days',
    async (procedure, article) => {
      const world = await publishedTender([1, 2, 3], { procedure }, goods);
      await payBonds(world);
      for (const n of [1, 2, 3]) await submit(world, n, 100 * n);
      // A cancelled task is not among these articles' grounds.
      expect(await failure(terminateTender(world.deps, staff, world.tender.id, cancelled))).toMatchObject({
        code: 'RULE_VIOLATED',
        rule: article,
        field: 'body.ground',
      });
      const tooFew = { ground: 'too-few-suppliers', reason: '符合要求的供应商不足3家' } as const;
      expect(await failure(terminateTender(world.deps, staff, world.tender.id, tooFew))).toMatchObject({
        code: 'RULE_VIOLATED',
        rule: article,
        field: 'body.ground',
      });
      world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
      // Past the deadline the responses are still sealed: terminating on their count would tell it.
      expect(await failure(terminateTender(world.deps, staff, world.tender.id, tooFew))).toMatchObject({
        code: 'RULE_VIOLATED',
        rule: article,
        field: 'body.ground',
      });
      // Nor while the opening waits for the custodians' shares.
      await startOpening(world.deps, staff, world.tender.id);
      expect(await failure(terminateTender(world.deps, staff, world.tender.id, tooFew))).toMatchObject({
        code: 'RULE_VIOLATED',
        rule: article,
      });
      expect(world.log.map((e) => e.action)).not.toContain('tender.terminated');
      await openBids(world);
      const at = world.clock.now();
      expect(await terminateTender(world.deps, staff, world.tender.id, tooFew)).toMatchObject({
        ground: 'too-few-suppliers',
        article,
      });
      const { notices } = await listNotices(world.deps, { type: 'termination', limit: 10 });
      expect(notices.map((n) => n.body)).toEqual([
        expect.objectContaining({ article, noticeArticle: article, ground: 'too-few-suppliers' }),
      ]);
      // 5 working days from the termination (87号令29, as the center applies it here).
      const due = addDays(at, 5, 'working', await calendarFor(world.deps, at));
      expect((await refundsOf(world)).map((r) => [r.article, r.dueAt])).toEqual(
        [1, 2, 3].map(() => ['87号令29', due.toISOString()]),
      );
    },
  );

  it('abandons a government tendering (废标, 政府采购法36) over the budget only once the bids are opened, in its own notice to every bidder', async () => {
    const overBudget = { ground: 'over-budget', reason: '三家投标报价均超过采购预算' } as const;
    const sealed = await publishedTender([1, 2, 3], gp, goods);
    expect(await failure(terminateTender(sealed.deps, staff, sealed.tender.id, overBudget))).toMatchObject({
      code: 'RULE_VIOLATED',
      rule: '政府采购法36',
      field: 'body.ground',
    });
    const { world } = await evaluated(gp, goods, payBonds);
    const at = world.clock.now();
    expect(await terminateTender(world.deps, staff, world.tender.id, overBudget)).toMatchObject({
      ground: 'over-budget',
      article: '政府采购法36',
    });
    const { notices } = await listNotices(world.deps, { type: 'termination', limit: 10 });
    expect(notices.map((n) => [n.title, n.body.article, n.body.noticeArticle])).toEqual([
      [`${world.tender.name} 废标公告`, '政府采购法36', '政府采购法36'],
    ]);
    for (const n of [1, 2, 3]) {
      const mine = await myNotices(world.deps, bidder(n), { limit: 20 });
      expect([n, mine.notices.map((x) => x.title)]).toEqual([n, expect.arrayContaining([notices[0]!.title])]);
    }
    const due = addDays(at, 5, 'working', await calendarFor(world.deps, at));
    expect((await refundsOf(world)).map((r) => [r.article, r.dueAt])).toEqual(
      [1, 2, 3].map(() => ['87号令29', due.toISOString()]),
    );
  });

  it('ends a negotiation before its deadline when the method no longer applies or unlawful conduct affects it', async () => {
    for (const ground of ['no-longer-applicable', 'unlawful-conduct'] as const) {
      const world = await publishedTender([1], { procedure: 'competitive-negotiation' }, goods);
      expect(
        await terminateTender(world.deps, staff, world.tender.id, { ground, reason: '情况变化' }),
      ).toMatchObject({ ground, article: '74号令37' });
    }
  });

  it('refuses a tender the regulator suspended', async () => {
    // A complaint the regulator accepted and suspended the tender for (条例62) holds this act too.
    const world = await publishedTender([1, 2, 3], {}, { holidays: true });
    await raiseChallenge(world.deps, bidder(1), world.tender.id, {
      kind: 'complaint',
      subject: 'other',
      text: '代理机构与投标人串通',
      knownAt: world.clock.now().toISOString(),
    });
    await takeChallengeStep(world.deps, regulator, world.tender.id, 1, { step: 'accept' });
    await takeChallengeStep(world.deps, regulator, world.tender.id, 1, { step: 'suspend', reason: '暂停' });
    expect(await failure(terminateTender(world.deps, staff, world.tender.id, cancelled))).toMatchObject({
      code: 'RULE_VIOLATED',
      rule: '条例62',
      field: 'tenderId',
    });
  });
});
