import {
  assertNotHeld,
  complaintStepsOpen,
  listChallenges,
  raiseChallenge,
  takeChallengeStep,
} from '../../../packages/complaints/challenges';
import { lawOf } from '../../../packages/complaints/law';
import { Challenges } from '../../../packages/complaints/model';
import { publishResult, publishWhenClear, recordContract } from '../../../packages/award/result';
import { recordReport } from '../../../packages/award/evaluation';
import { startPublicity } from '../../../packages/award/publicity';
import { addDays, demoCalendar, demoHolidays2026 } from '../../../packages/legal-rules/calendar';
import { deadlineFor } from '../../../packages/legal-rules/time-limits';
import { stepDone } from '../../../packages/lifecycle/steps';
import { supervisionAlerts } from '../../../packages/supervision/alerts';
import { Caller } from '../../../packages/kernel/caller';
import { bidder, DAY, publishedTender, regulator, staff } from '../tenders/published-tender';
import { candidates, evaluated } from '../award/evaluated-tender';

type World = Awaited<ReturnType<typeof publishedTender>>;

const withCalendar = async <W extends Pick<World, 'deps'>>(world: W): Promise<W> => {
  await world.deps.store.put([{ kind: 'calendar', year: 2026, value: demoHolidays2026 }]);
  return world;
};

const objection = (text: string, extra: Record<string, string> = {}) =>
  ({ kind: 'objection', subject: 'documents', text, ...extra }) as const;
const complaint = (
  subject: 'documents' | 'opening' | 'result' | 'other',
  knownAt: Date,
  text = '招标文件排斥潜在投标人',
) => ({ kind: 'complaint', subject, text, knownAt: knownAt.toISOString() }) as const;

const raise = (world: World, caller: Caller, request: Parameters<typeof raiseChallenge>[3]) =>
  raiseChallenge(world.deps, caller, world.tender.id, request);
const step = (
  world: World,
  caller: Caller,
  number: number,
  request: Parameters<typeof takeChallengeStep>[4],
) => takeChallengeStep(world.deps, caller, world.tender.id, number, request);
const itemOf = async (world: World, number: number) =>
  (await listChallenges(world.deps, regulator, world.tender.id)).items.find((c) => c.number === number)!;
const alertsOf = async (world: World) =>
  (await supervisionAlerts(world.deps)).alerts.map((a) => [a.rule, a.article]);

/** Moves the world's clock to an instant. */
const moveTo = (world: World, instant: Date) =>
  world.clock.advance(instant.getTime() - world.clock.now().getTime());

describe('the law of a tender', () => {
  it("is its procedure's: 招标投标法 by default, 政府采购法 for government procurement", async () => {
    const { tender } = await publishedTender();
    expect(lawOf(tender)).toBe('招标投标法');
    expect(lawOf({ ...tender, procedure: 'invited-tendering' })).toBe('招标投标法');
    expect(lawOf({ ...tender, procedure: 'gp-open-tendering' })).toBe('政府采购法');
  });
});

describe('objections to the documents (条例22)', () => {
  it('takes one at 10 days before the deadline and refuses one a millisecond later, citing 条例22', async () => {
    const world = await withCalendar(await publishedTender([1, 2]));
    const latest = new Date(world.deadline - 10 * DAY);
    moveTo(world, latest);
    const view = await raise(world, bidder(1), objection('评分标准排斥外地企业'));
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({ number: 1, rule: 'document-objection' });
    expect(new Date(view.items[0]!.kind === 'objection' ? view.items[0]!.answerDueAt : '').getTime()).toBe(
      latest.getTime() + 3 * DAY,
    );
    world.clock.advance(1);
    await expect(raise(world, bidder(2), objection('资格条件过高'))).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
      details: { rule: '条例22' },
    });
    await expect(raise(world, bidder(9), objection('非投标人'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('pauses the tender until the tenderer answers, which only staff may do', async () => {
    const world = await withCalendar(await publishedTender([1, 2]));
    await raise(world, bidder(1), objection('评分标准排斥外地企业'));
    // The same objection again is a retry.
    await raise(world, bidder(1), objection('评分标准排斥外地企业'));
    const held = await listChallenges(world.deps, staff, world.tender.id);
    expect(held.items).toHaveLength(1);
    expect(held.hold).toMatchObject({ article: '条例22' });
    await expect(step(world, bidder(1), 1, { step: 'answer', answer: '自答' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { rule: '条例22' },
    });
    await expect(step(world, regulator, 1, { step: 'accept' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const answered = await step(world, staff, 1, { step: 'answer', answer: '评分标准已修改。' });
    expect(answered.hold).toBeUndefined();
    expect(world.reached).toContainEqual({ tenderId: world.tender.id, milestone: 'hold-lifted' });
  });
});

describe('complaints under the 招标投标法 (条例60–62)', () => {
  it('requires a prior objection on the documents, and counts 10 days from knowing without its answer period', async () => {
    const world = await withCalendar(await publishedTender([1, 2, 3]));
    const known = world.clock.now();
    await expect(raise(world, bidder(1), complaint('documents', known))).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '条例60', field: 'body.subject' },
    });
    world.clock.advance(DAY);
    await raise(world, bidder(1), objection('评分标准排斥外地企业'));
    await raise(world, bidder(2), objection('资格条件过高'));
    await expect(raise(world, bidder(1), complaint('documents', known))).rejects.toThrow(
      /answer to your objection 1/,
    );
    world.clock.advance(DAY);
    await step(world, staff, 1, { step: 'answer', answer: '维持原文件。' });
    await step(world, staff, 2, { step: 'answer', answer: '维持原文件。' });
    // Known at day 0, objected at day 1, answered at day 2: the day waiting does not count.
    moveTo(world, new Date(known.getTime() + 11 * DAY));
    const filed = await raise(world, bidder(1), complaint('documents', known));
    expect(filed.items.at(-1)).toMatchObject({
      kind: 'complaint',
      status: 'submitted',
      prior: { where: 'challenges', number: 1 },
    });
    world.clock.advance(1);
    await expect(raise(world, bidder(2), complaint('documents', known))).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
      details: { rule: '条例60' },
    });
    await expect(
      raise(world, bidder(3), complaint('other', new Date(world.clock.now().getTime() + 1))),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'body.knownAt' } });
  });

  it('is accepted, investigated with its clock stopped, suspends the tender, and ends with the decision, each step by its role', async () => {
    const world = await withCalendar(await publishedTender([1, 2]));
    await raise(world, bidder(1), complaint('other', world.clock.now()));
    const submitted = await itemOf(world, 1);
    expect(submitted.kind === 'complaint' && submitted.acceptDueAt).toBe(
      deadlineFor('complaint-acceptance', world.clock.now(), demoCalendar).toISOString(),
    );
    for (const who of [bidder(1), staff]) {
      await expect(step(world, who, 1, { step: 'accept' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        details: { rule: '条例61' },
      });
    }
    await expect(step(world, regulator, 1, { step: 'investigate' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    world.clock.advance(DAY);
    const acceptedAt = world.clock.now();
    await step(world, regulator, 1, { step: 'accept' });
    // A retry of the same step changes nothing.
    await step(world, regulator, 1, { step: 'accept' });
    expect(await itemOf(world, 1)).toMatchObject({
      status: 'accepted',
      decideDueAt: addDays(acceptedAt, 30, 'working', demoCalendar).toISOString(),
    });
    await step(world, regulator, 1, { step: 'investigate' });
    await step(world, regulator, 1, { step: 'stop-clock', reason: 'expert-review' });
    expect(await itemOf(world, 1)).not.toHaveProperty('decideDueAt');
    // Stopped on Tuesday 3 March, restarted on Tuesday the 10th: the whole working days between (4–6, 9) do not count.
    world.clock.advance(7 * DAY);
    await step(world, regulator, 1, { step: 'restart-clock' });
    expect(await itemOf(world, 1)).toMatchObject({
      status: 'under-investigation',
      decideDueAt: addDays(acceptedAt, 34, 'working', demoCalendar).toISOString(),
    });

    await expect(step(world, staff, 1, { step: 'suspend', reason: '暂停' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { rule: '条例62' },
    });
    const suspended = await step(world, regulator, 1, {
      step: 'suspend',
      reason: '投诉处理期间暂停招标投标活动',
    });
    expect(suspended.hold).toMatchObject({ article: '条例62' });
    expect(suspended.suspensions[0]).not.toHaveProperty('limitAt');

    await expect(step(world, bidder(2), 1, { step: 'withdraw' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const decided = await step(world, regulator, 1, {
      step: 'dismiss',
      decision: '投诉缺乏事实依据，驳回。',
    });
    expect(decided.items[0]).toMatchObject({
      status: 'dismissed',
      outcome: { text: '投诉缺乏事实依据，驳回。' },
    });
    // The decision ends the suspension made on it: the tender goes on.
    expect(decided.hold).toBeUndefined();
    expect(decided.suspensions[0]!.liftedAt).toBe(world.clock.now().toISOString());
    expect(world.reached).toContainEqual({ tenderId: world.tender.id, milestone: 'hold-lifted' });
    await expect(step(world, bidder(1), 1, { step: 'withdraw' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps the complainant confidential before the result: in the log and to everyone but the regulator and itself', async () => {
    const world = await withCalendar(await publishedTender([1, 2]));
    await raise(world, bidder(1), complaint('other', world.clock.now()));
    await step(world, bidder(1), 1, { step: 'withdraw' });
    for (const who of [staff, bidder(2)]) {
      const [item] = (await listChallenges(world.deps, who, world.tender.id)).items;
      expect(item).not.toHaveProperty('bidderOrg');
    }
    expect((await listChallenges(world.deps, bidder(1), world.tender.id)).items[0]).toMatchObject({
      bidderOrg: 'ORG-BIDDER-1',
      status: 'withdrawn',
    });
    expect((await itemOf(world, 1)).bidderOrg).toBe('ORG-BIDDER-1');
    const entries = world.log.filter((e) => e.action.startsWith('complaint.'));
    expect(entries.map((e) => e.action)).toEqual(['complaint.submitted', 'complaint.withdraw']);
    for (const entry of entries) {
      expect(entry.actor).toEqual({ role: 'bidder', user: 'withheld-until-result' });
      expect(JSON.stringify(entry)).not.toContain('ORG-BIDDER-1');
    }
    // The same complaint once withdrawn is a new one, not a retry of the first.
    const again = await raise(world, bidder(1), complaint('other', world.clock.now()));
    expect(again.items.map((c) => c.kind === 'complaint' && c.status)).toEqual(['withdrawn', 'submitted']);
  });

  it('alerts regulators when the acceptance and the decision are late, at their boundaries', async () => {
    const world = await withCalendar(await publishedTender([1]));
    await raise(world, bidder(1), complaint('other', world.clock.now()));
    const submitted = await itemOf(world, 1);
    moveTo(world, new Date(submitted.kind === 'complaint' ? submitted.acceptDueAt! : ''));
    expect(await alertsOf(world)).toEqual([]);
    world.clock.advance(1);
    expect(await alertsOf(world)).toEqual([['complaint-acceptance', '条例61']]);
    await step(world, regulator, 1, { step: 'accept' });
    const accepted = await itemOf(world, 1);
    moveTo(world, new Date(accepted.kind === 'complaint' ? accepted.decideDueAt! : ''));
    expect(await alertsOf(world)).toEqual([['complaint-acceptance', '条例61']]);
    world.clock.advance(1);
    expect(await alertsOf(world)).toEqual([
      ['complaint-acceptance', '条例61'],
      ['complaint-decision', '条例61'],
    ]);
  });
});

describe('a suspended tender', () => {
  it('publishes no result and records no contract until the suspension is lifted; its lifecycle waits for the lifting', async () => {
    const { world: evaluatedWorld, members, reportFile } = await evaluated();
    const world = await withCalendar(evaluatedWorld as World);
    await recordReport(world.deps, staff, world.tender.id, { candidates, signedBy: members, reportFile });
    await startPublicity(world.deps, staff, world.tender.id, 3);
    world.clock.advance(3 * DAY + 1);
    await raise(world, bidder(1), complaint('other', world.clock.now(), '中标候选人弄虚作假'));
    await step(world, regulator, 1, { step: 'accept' });
    await step(world, regulator, 1, { step: 'suspend', reason: '投诉处理期间暂停' });

    await expect(publishResult(world.deps, staff, world.tender.id)).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '条例62' },
    });
    expect(await publishWhenClear(world.deps, world.tender.id)).toEqual({ outcome: 'held' });
    expect(await stepDone(world.deps, world.tender.id, 'resumption')).toBeUndefined();
    expect(await stepDone(world.deps, world.tender.id, 'answers')).toBeUndefined();

    await step(world, regulator, 1, { step: 'lift' });
    expect(await stepDone(world.deps, world.tender.id, 'resumption')).toEqual({ suspensions: 1 });
    expect(await publishWhenClear(world.deps, world.tender.id)).toMatchObject({ outcome: 'published' });

    await step(world, regulator, 1, { step: 'suspend', reason: '再次暂停' });
    await raise(world, bidder(2), complaint('other', world.clock.now(), '另一投诉'));
    await expect(step(world, regulator, 2, { step: 'lift' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'number', rule: '条例62' },
    });
    await expect(recordContract(world.deps, staff, world.tender.id, '2026-04-30')).rejects.toMatchObject({
      details: { rule: '条例62' },
    });
    // Once the result is out, the complainant is no secret.
    expect((await listChallenges(world.deps, staff, world.tender.id)).items[0]).toMatchObject({
      bidderOrg: 'ORG-BIDDER-1',
    });
  });
});

describe('queries and complaints under the 政府采购法 (法52–57)', () => {
  /** A tender whose challenges run under the 政府采购法, as the tender's procedure will say. */
  const procurement = async () => {
    const world = await withCalendar(await publishedTender([1, 2, 3]));
    const record: Challenges = {
      tenderId: world.tender.id,
      law: '政府采购法',
      items: [],
      suspensions: [],
      version: 0,
    };
    await world.deps.store.put([{ kind: 'challenges', value: record }]);
    return world;
  };
  const query = (knownAt?: string) => ({
    kind: 'objection' as const,
    subject: 'result' as const,
    text: '成交结果不公',
    ...(knownAt ? { knownAt } : {}),
  });

  it('takes a query within 7 working days of knowing, across the National Day week and its make-up Saturday', async () => {
    const world = await procurement();
    const known = '2026-09-28T10:00:00+08:00';
    moveTo(world, new Date('2026-10-14T00:00:00+08:00'));
    await expect(raise(world, bidder(1), query())).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { field: 'body.knownAt', rule: '法52' },
    });
    const raised = await raise(world, bidder(1), query(known));
    expect(raised.hold).toBeUndefined();
    expect(raised.items[0]).toMatchObject({
      rule: 'procurement-query',
      answerDueAt: deadlineFor('procurement-query-answer', world.clock.now(), demoCalendar).toISOString(),
    });
    world.clock.advance(1);
    await expect(raise(world, bidder(2), query(known))).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
      details: { rule: '法52' },
    });
    await expect(step(world, regulator, 1, { step: 'answer', answer: '答复' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { rule: '法53' },
    });
    // The answer in writing to the supplier who asked (法53), in its notices alone; a retry delivers it once.
    for (let i = 0; i < 2; i++) await step(world, staff, 1, { step: 'answer', answer: '成交结果依法确定。' });
    const answers = async (n: number) =>
      (await world.deps.store.inbox(`ORG-BIDDER-${n}`, { limit: 50 })).notices.filter(
        (x) => x.type === 'objection-answer',
      );
    expect((await answers(1)).map((x) => [x.title, x.body.answer, x.body.article])).toEqual([
      [`${world.tender.name} 质疑答复`, '成交结果依法确定。', '法53'],
    ]);
    expect(await answers(2)).toEqual([]);
  });

  it('takes a complaint only after a query, within 15 working days after its answer period; decides it within 30 working days; suspends for at most 30 days', async () => {
    const world = await procurement();
    moveTo(world, new Date('2026-09-28T10:00:00+08:00'));
    const known = world.clock.now().toISOString();
    await raise(world, bidder(1), query(known));
    await raise(world, bidder(3), query(known));
    await expect(raise(world, bidder(2), complaint('result', new Date(known)))).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '法55' },
    });
    const first = await itemOf(world, 1);
    const answerPeriodEnd = new Date(first.kind === 'objection' ? first.answerDueAt : '');
    moveTo(world, deadlineFor('procurement-complaint-filing', answerPeriodEnd, demoCalendar));
    const filed = await raise(world, bidder(1), complaint('result', new Date(known)));
    expect(filed.items[2]).toMatchObject({
      status: 'submitted',
      prior: { where: 'challenges', number: 1 },
      decideDueAt: deadlineFor(
        'procurement-complaint-decision',
        world.clock.now(),
        demoCalendar,
      ).toISOString(),
    });
    expect(filed.items[2]).not.toHaveProperty('acceptDueAt');
    world.clock.advance(1);
    await expect(raise(world, bidder(3), complaint('result', new Date(known)))).rejects.toMatchObject({
      code: 'DEADLINE_PASSED',
      details: { rule: '法55' },
    });

    await expect(step(world, bidder(1), 3, { step: 'accept' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      details: { rule: '法56' },
    });
    await step(world, regulator, 3, { step: 'accept' });
    await step(world, regulator, 3, { step: 'investigate' });
    await expect(
      step(world, regulator, 3, { step: 'stop-clock', reason: 'inspection' }),
    ).rejects.toMatchObject({
      code: 'RULE_VIOLATED',
      details: { rule: '法56' },
    });
    const suspended = await step(world, regulator, 3, { step: 'suspend', reason: '暂停采购活动' });
    const limitAt = new Date(suspended.suspensions[0]!.limitAt!);
    expect(limitAt.getTime() - world.clock.now().getTime()).toBe(30 * DAY);
    expect(suspended.hold).toMatchObject({ article: '法57' });
    await expect(assertNotHeld(world.deps, world.tender.id, 'the result is published')).rejects.toMatchObject(
      {
        code: 'RULE_VIOLATED',
        details: { rule: '法57' },
      },
    );
    moveTo(world, limitAt);
    expect(await alertsOf(world)).not.toContainEqual(['procurement-suspension', '法57']);
    world.clock.advance(1);
    expect(await alertsOf(world)).toContainEqual(['procurement-suspension', '法57']);
    const decided = await step(world, regulator, 3, {
      step: 'uphold',
      decision: '投诉成立，责令重新开展采购活动。',
    });
    expect(decided.items[2]).toMatchObject({ status: 'upheld' });
    expect(decided.hold).toBeUndefined();
  });
});

describe('the complaint steps open to each role', () => {
  it('offers each role only the steps the table gives it from the complaint’s state', () => {
    expect(complaintStepsOpen('regulator', 'submitted')).toEqual(['accept', 'refuse', 'suspend', 'lift']);
    expect(complaintStepsOpen('regulator', 'under-investigation')).toEqual([
      'stop-clock',
      'restart-clock',
      'uphold',
      'dismiss',
      'suspend',
      'lift',
    ]);
    expect(complaintStepsOpen('bidder', 'accepted')).toEqual(['withdraw']);
    expect(complaintStepsOpen('bidder', 'dismissed')).toEqual([]);
    expect(complaintStepsOpen('staff', 'submitted')).toEqual([]);
  });
});
