import { recordReport } from '../../../packages/award/evaluation';
import { FINAL_QUOTES_MAX_DAYS } from '../../../packages/award/negotiation';
import {
  answerPublicityObjection,
  raisePublicityObjection,
  startPublicity,
} from '../../../packages/award/publicity';
import { publishWhenClear, recordContract } from '../../../packages/award/result';
import { terminateTender } from '../../../packages/award/termination';
import { closeBidding } from '../../../packages/bidding/opening';
import {
  awaitStep,
  closeTender,
  closeTerminated,
  continueAsNew,
  nextExecutionName,
  raiseOverdue,
  readDeadline,
  recordFailure,
  viewLifecycle,
} from '../../../packages/lifecycle/lifecycle';
import { HumanStep } from '../../../packages/lifecycle/model';
import { LifecycleRunner } from '../../../packages/lifecycle/ports';
import { lifecycleMilestones } from '../../../packages/lifecycle/resume';
import { raiseChallenge, takeChallengeStep } from '../../../packages/complaints/challenges';
import { demoHolidays2026 } from '../../../packages/legal-rules/calendar';
import {
  DEADLINE_CHECK_DAYS,
  EXECUTION_LIFETIME_DAYS,
  EXECUTION_RENEWAL_DAYS,
  waitLimitDays,
  waitLimits,
  waitTimestamp,
} from '../../../packages/lifecycle/wait-limits';
import { listRefunds } from '../../../packages/ledger/refunds';
import { importStatement } from '../../../packages/ledger/statements';
import { openSubAccount } from '../../../packages/ledger/sub-accounts';
import { cstDate } from '../../../packages/legal-rules/calendar';
import { rules } from '../../../packages/legal-rules/rules';
import { supervisionAlerts } from '../../../packages/supervision/alerts';
import { publishAmendment } from '../../../packages/tenders/amendments';
import { publishTender } from '../../../packages/tenders/tenders';
import { LifecycleStarter } from '../../../packages/tenders/ports';
import { WorldDeps } from '../../support/memory-world';
import { submit } from '../bidding/sealed-bid-client';
import { candidates, evaluated } from '../award/evaluated-tender';
import { bidder, DAY, publishedTender, regulator, singleSource, staff } from '../tenders/published-tender';

/** The lifecycle's executions as the domain sees them: which tenders started, which tokens resumed. */
const recordingRunner = () => {
  const resumed: { token: string; output: Record<string, string | number> }[] = [];
  const started: string[] = [];
  const continued: { execution: string; input: object }[] = [];
  const runner: LifecycleStarter & LifecycleRunner = {
    start: async (tenderId) => void started.push(tenderId),
    // The same start again is harmless, as Step Functions treats a start of the same name and input.
    continueIn: async (execution, input) => {
      if (!continued.some((c) => c.execution === execution)) continued.push({ execution, input });
    },
    // A token resumes once, as Step Functions allows; after that it is stale.
    resume: async (token, output) => {
      if (resumed.some((r) => r.token === token)) return false;
      resumed.push({ token, output });
      return true;
    },
  };
  return { runner, resumed, started, continued };
};

/** The world's deps with a lifecycle that listens to the tender's milestones, as the functions wire it. */
const withRunner = (deps: WorldDeps) => {
  const recording = recordingRunner();
  const listening = { ...deps, lifecycle: recording.runner };
  const milestones = lifecycleMilestones(listening, (error) => {
    throw error;
  });
  return { deps: { ...listening, milestones }, ...recording };
};

describe('the tender lifecycle, step by step', () => {
  it('every wait counts calendar days, because state-machine timeouts know no holidays', () => {
    const legal = HumanStep.options.flatMap((step) => waitLimits[step].rule ?? []);
    expect(legal.length).toBeGreaterThan(0);
    expect(legal.map((rule) => rules[rule].days)).toEqual(legal.map(() => 'calendar'));
    expect(HumanStep.options.filter((step) => !(waitLimitDays(step) > 0))).toEqual([]);
  });

  it('reads the deadline afresh: an amendment moves it while the execution waits', async () => {
    const world = await publishedTender([1]);
    const execution = { tenderId: world.tender.id, startedAt: world.clock.now().toISOString() };
    const first = await readDeadline(world.deps, execution);
    // Whole seconds, rounded up: the form a Wait state's TimestampPath takes.
    expect(first).toEqual({
      at: waitTimestamp(world.tender.schedule.bidDeadline),
      passed: false,
      continueAsNew: false,
    });
    expect(waitTimestamp('2026-12-13T09:40:58.764Z')).toBe('2026-12-13T09:40:59Z');
    expect(waitTimestamp('2026-12-13T09:40:58.000Z')).toBe('2026-12-13T09:40:58Z');
    const later = new Date(world.deadline + 7 * DAY).toISOString();
    await publishAmendment(world.deps, staff, world.tender.id, {
      summary: '延长投标截止时间',
      affectsBids: true,
      schedule: { ...world.tender.schedule, bidDeadline: later },
      documents: [],
    });
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    expect(await readDeadline(world.deps, execution)).toEqual({
      at: waitTimestamp(later),
      passed: false,
      continueAsNew: false,
    });
    world.clock.advance(7 * DAY);
    expect((await readDeadline(world.deps, execution)).passed).toBe(true);
  });

  it('closes bidding at the deadline: two bids fail the tender, three open it', async () => {
    const two = await publishedTender([1, 2]);
    await submit(two, 1, 100);
    await submit(two, 2, 200);
    two.clock.advance(two.deadline - two.clock.now().getTime());
    expect(await closeBidding(two.deps, two.tender.id)).toEqual({ outcome: 'failed', bids: 2 });
    expect((await two.deps.store.tender(two.tender.id))!.status).toBe('failed');

    const three = await publishedTender([1, 2, 3]);
    for (const n of [1, 2, 3]) await submit(three, n, n * 100);
    three.clock.advance(three.deadline - three.clock.now().getTime());
    expect(await closeBidding(three.deps, three.tender.id)).toEqual({
      outcome: 'opening',
      bids: 3,
    });
    // A retried task finds the opening started and answers the same, without the bids bucket.
    expect(await closeBidding({ ...three.deps, bids: undefined }, three.tender.id)).toEqual({
      outcome: 'opening',
      bids: 3,
    });
  });

  it('keeps the token of a waiting step and resumes it when the people do their part, once', async () => {
    const { world, members, reportFile } = await evaluated();
    const { deps, resumed } = withRunner(world.deps);
    const tenderId = world.tender.id;
    const waiting = await awaitStep(deps, { tenderId, step: 'report', token: 'token-1' });
    expect(waiting.done).toBe(false);
    expect(resumed).toEqual([]);
    expect((await viewLifecycle(deps, tenderId)).waiting).toEqual({
      step: 'report',
      since: world.clock.now().toISOString(),
      dueAt: new Date(world.clock.now().getTime() + 10 * DAY).toISOString(),
    });
    expect(JSON.stringify(await viewLifecycle(deps, tenderId))).not.toContain('token-1');

    await recordReport(deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    expect(resumed).toEqual([
      { token: 'token-1', output: { recordedAt: world.clock.now().toISOString(), then: 'publicity' } },
    ]);

    // A step already done when the execution reaches it resumes at once.
    const again = await awaitStep(deps, { tenderId, step: 'report', token: 'token-2' });
    expect(again.done).toBe(true);
    expect(resumed.map((r) => r.token)).toEqual(['token-1', 'token-2']);
  });

  it('resumes on the milestone its step reaches, never on the spelling of an audit action', async () => {
    const { world, members, reportFile } = await evaluated();
    const { deps, resumed } = withRunner(world.deps);
    const tenderId = world.tender.id;
    await awaitStep(deps, { tenderId, step: 'report', token: 'token-1' });
    // A change logged as the report's action, but not the report: nothing resumes.
    await deps.store.commit({
      entry: {
        actor: { role: 'system', user: 'test' },
        action: 'evaluation.recorded',
        subject: { tenderId },
      },
    });
    // The milestone of another step, or this one's before it is done: nothing resumes either.
    await deps.milestones.reached(tenderId, 'publicity-started');
    await deps.milestones.reached(tenderId, 'report-recorded');
    expect(resumed).toEqual([]);
    await recordReport(deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    expect(resumed.map((r) => r.token)).toEqual(['token-1']);
  });

  it('alerts regulators once when a wait passes its time limit, and keeps the limit from the first wait', async () => {
    const { world } = await evaluated();
    const { deps } = withRunner(world.deps);
    const tenderId = world.tender.id;
    const since = world.clock.now().toISOString();
    await awaitStep(deps, { tenderId, step: 'report', token: 't1' });
    world.clock.advance(10 * DAY);
    const task = { tenderId, startedAt: since };
    expect(await raiseOverdue(deps, { ...task, step: 'report' })).toEqual({
      alerted: true,
      continueAsNew: false,
    });
    const [overdue] = (await viewLifecycle(deps, tenderId)).overdue;
    expect(overdue).toMatchObject({ step: 'report', rule: 'lifecycle-report', article: '条例53', since });
    await awaitStep(deps, { tenderId, step: 'report', token: 't2' });
    world.clock.advance(10 * DAY);
    expect(await raiseOverdue(deps, { ...task, step: 'report' })).toEqual({
      alerted: false,
      continueAsNew: false,
    });
    expect((await viewLifecycle(deps, tenderId)).overdue).toEqual([overdue]);
    expect((await viewLifecycle(deps, tenderId)).waiting?.since).toBe(since);
    const { alerts } = await supervisionAlerts(deps);
    expect(alerts.filter((a) => a.tenderId === tenderId).map((a) => a.rule)).toEqual(['lifecycle-report']);
    await expect(raiseOverdue(deps, { ...task, step: 'publicity' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('cites the negotiation record when a single-source tender waits too long for it (74号令42), not the committee’s report', async () => {
    const world = await publishedTender([5], singleSource, { type: 'services', holidays: true });
    const { deps } = withRunner(world.deps);
    const tenderId = world.tender.id;
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await closeBidding(deps, tenderId);
    const since = world.clock.now().toISOString();
    await awaitStep(deps, { tenderId, step: 'report', token: 't1' });
    world.clock.advance(10 * DAY);
    expect(await raiseOverdue(deps, { tenderId, startedAt: since, step: 'report' })).toMatchObject({
      alerted: true,
    });
    expect((await viewLifecycle(deps, tenderId)).overdue).toEqual([
      expect.objectContaining({ step: 'report', rule: 'lifecycle-report', article: '74号令42' }),
    ]);
  });

  it('ends the wait and clears its overdue alert when a single-source procurement is terminated after an upheld objection (74号令40)', async () => {
    const world = await publishedTender([5], singleSource, { type: 'services', holidays: true });
    const { deps, resumed } = withRunner(world.deps);
    const tenderId = world.tender.id;
    await raiseChallenge(deps, bidder(3), tenderId, {
      kind: 'objection',
      subject: 'documents',
      text: '本公司同样能够提供该升级服务',
    });
    world.clock.advance(world.deadline - world.clock.now().getTime() + 1);
    await closeBidding(deps, tenderId);
    await takeChallengeStep(deps, staff, tenderId, 1, {
      step: 'answer',
      answer: '异议成立',
      conclusion: 'upheld',
    });
    const since = world.clock.now().toISOString();
    await awaitStep(deps, { tenderId, step: 'report', token: 't1' });
    world.clock.advance(10 * DAY);
    await raiseOverdue(deps, { tenderId, startedAt: since, step: 'report' });
    const overdue = async () =>
      (await supervisionAlerts(deps)).alerts.filter(
        (a) => a.tenderId === tenderId && a.rule === 'lifecycle-report',
      );
    expect(await overdue()).toHaveLength(1);
    expect(resumed).toEqual([]);

    const { at } = await terminateTender(deps, staff, tenderId, {
      ground: 'objection-upheld',
      reason: '异议成立，改用公开招标',
    });
    expect(resumed).toEqual([{ token: 't1', output: { terminated: at } }]);
    const view = await viewLifecycle(deps, tenderId);
    expect(view.stage).toBe('terminated');
    expect(view).not.toHaveProperty('waiting');
    expect(await overdue()).toEqual([]);
    // A wait reached after the termination is over at once, and raises nothing.
    expect(await awaitStep(deps, { tenderId, step: 'report', token: 't2' })).toMatchObject({ done: true });
    expect(await raiseOverdue(deps, { tenderId, startedAt: since, step: 'report' })).toMatchObject({
      alerted: false,
    });
    // The execution's last step closes the lifecycle at the termination, once.
    expect(await closeTerminated(deps, { tenderId })).toEqual({ closedAt: at });
    expect(await closeTerminated(deps, { tenderId })).toEqual({ closedAt: at });
    expect(await viewLifecycle(deps, tenderId)).toMatchObject({ stage: 'terminated', closedAt: at });
    expect(world.log.filter((e) => e.action === 'lifecycle.terminated')).toHaveLength(1);
  });

  it('publishes the result only once every objection is answered, and leaves a non-state-funded choice to the tenderer', async () => {
    const { world, members, reportFile } = await evaluated();
    const { deps, resumed } = withRunner(world.deps);
    const tenderId = world.tender.id;
    const report = await recordReport(deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    world.clock.advance(DAY);
    await awaitStep(deps, { tenderId, step: 'publicity', token: 'publicity-1' });
    // Publicity starts within 3 days of the report itself (条例54).
    expect((await viewLifecycle(deps, tenderId)).waiting?.dueAt).toBe(
      new Date(new Date(report.recordedAt).getTime() + 3 * DAY).toISOString(),
    );
    await startPublicity(deps, staff, tenderId, 3);
    await raisePublicityObjection(deps, bidder(1), tenderId, '第一候选人资格存疑');
    world.clock.advance(3 * DAY);
    expect(await publishWhenClear(deps, tenderId)).toEqual({ outcome: 'objections-open' });
    await awaitStep(deps, { tenderId, step: 'answers', token: 'answers-1' });
    // The answer is due 3 days after the objection (条例54), not 3 days after the wait began.
    const objection = (await deps.store.publicity(tenderId))!.objections[0]!;
    expect((await viewLifecycle(deps, tenderId)).waiting?.dueAt).toBe(objection.answerDueAt);
    await answerPublicityObjection(deps, staff, tenderId, 1, '经核查，资格符合要求。');
    expect(resumed.at(-1)).toEqual({ token: 'answers-1', output: { objections: 1 } });

    const project = (await deps.store.project(world.tender.projectId))!;
    await deps.store.put([{ kind: 'project', value: { ...project, stateFunded: false } }]);
    expect(await publishWhenClear(deps, tenderId)).toEqual({ outcome: 'awaiting-choice' });
    await deps.store.put([{ kind: 'project', value: project }]);
    expect(await publishWhenClear(deps, tenderId)).toEqual({
      outcome: 'published',
      winner: 'ORG-BIDDER-2',
    });
    expect(await publishWhenClear(deps, tenderId)).toEqual({ outcome: 'published' });
  });

  it('holds every wait while the regulator suspends the tender, and resumes the one it stood at when the suspension is lifted', async () => {
    const { world, members, reportFile } = await evaluated();
    const { deps, resumed } = withRunner(world.deps);
    const tenderId = world.tender.id;
    await deps.store.put([{ kind: 'calendar', year: 2026, value: demoHolidays2026 }]);
    await raiseChallenge(deps, bidder(1), tenderId, {
      kind: 'complaint',
      subject: 'other',
      text: '评标委员会成员与投标人存在利害关系',
      knownAt: world.clock.now().toISOString(),
    });
    await takeChallengeStep(deps, regulator, tenderId, 1, { step: 'accept' });
    await takeChallengeStep(deps, regulator, tenderId, 1, { step: 'suspend', reason: '暂停' });
    await awaitStep(deps, { tenderId, step: 'report', token: 'report-1' });
    // The report is in, but the suspended tender's execution waits on.
    await recordReport(deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    expect(resumed).toEqual([]);
    const waiting = await awaitStep(deps, { tenderId, step: 'resumption', token: 'resumption-1' });
    expect(waiting).toMatchObject({
      done: false,
      dueAt: new Date(world.clock.now().getTime() + 7 * DAY).toISOString(),
    });

    await takeChallengeStep(deps, regulator, tenderId, 1, { step: 'lift' });
    expect(resumed).toEqual([{ token: 'resumption-1', output: { suspensions: 1 } }]);
    // The wait it stood at before (the report) finds its step done when the execution comes back to it.
    expect((await awaitStep(deps, { tenderId, step: 'report', token: 'report-2' })).done).toBe(true);
  });

  it('closes the tender after the contract, each bond still held a refund due 5 days after the signing (条例57)', async () => {
    const { world, members, reportFile } = await evaluated();
    const { deps } = withRunner(world.deps);
    const tenderId = world.tender.id;
    const rows = [];
    for (const n of [1, 2, 3]) {
      const { subAccount } = await openSubAccount(deps, bidder(n), tenderId);
      rows.push(`2026-03-03,B-${n},${subAccount.number},20000.00,投标人${n},622202020000123${n},`);
    }
    const header = 'valueDate,reference,subAccount,amount,counterpartyName,counterpartyAccount,memo';
    await importStatement(deps, staff, { csv: [header, ...rows].join('\n') });
    await recordReport(deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    await startPublicity(deps, staff, tenderId, 3);
    world.clock.advance(3 * DAY);
    await publishWhenClear(deps, tenderId);
    await awaitStep(deps, { tenderId, step: 'contract', token: 'contract-1' });
    const signedOn = cstDate(world.clock.now());
    await recordContract(deps, staff, tenderId, signedOn);
    expect(await closeTender(deps, { tenderId })).toEqual({ outcome: 'closed', refunds: 3 });
    const { refunds } = await listRefunds(deps, { tenderId });
    expect(refunds.map((r) => [r.bidderOrg, r.amount, r.article, r.dueAt]).sort()).toEqual(
      [1, 2, 3].map((n) => [
        `ORG-BIDDER-${n}`,
        2_000_000,
        '条例57',
        new Date(Date.parse(`${signedOn}T00:00:00+08:00`) + 6 * DAY).toISOString(),
      ]),
    );
    expect((await deps.store.tender(tenderId))!.status).toBe('closed');
    expect(await closeTender(deps, { tenderId })).toEqual({ outcome: 'closed' });
    const lifecycle = await viewLifecycle(deps, tenderId);
    expect(lifecycle.closedAt).toBeDefined();
    expect(lifecycle.waiting).toBeUndefined();
  });

  it('records a failed step and alerts regulators to it', async () => {
    const world = await publishedTender([1]);
    const tenderId = world.tender.id;
    await recordFailure(world.deps, {
      tenderId,
      failure: { Error: 'INTERNAL', Cause: 'the bids bucket could not be read' },
    });
    expect((await viewLifecycle(world.deps, tenderId)).failure).toMatchObject({ error: 'INTERNAL' });
    const { alerts } = await supervisionAlerts(world.deps);
    expect(alerts).toEqual([expect.objectContaining({ tenderId, rule: 'lifecycle-failed' })]);
  });

  it('starts the lifecycle at publication, and again on a retried publication', async () => {
    const { runner, started } = recordingRunner();
    const world = await publishedTender();
    expect(started).toEqual([]);
    await expect(
      publishTender({ ...world.deps, lifecycle: runner }, staff, world.tender.id),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(started).toEqual([world.tender.id]);
  });

  it('closes an overdue alert once its step is done, and raises none for a step done as its time ran out', async () => {
    const { world, members, reportFile } = await evaluated();
    const { deps } = withRunner(world.deps);
    const tenderId = world.tender.id;
    const task = { tenderId, startedAt: world.clock.now().toISOString() };
    const open = async () =>
      (await supervisionAlerts(deps)).alerts.filter((a) => a.tenderId === tenderId).map((a) => a.rule);
    await awaitStep(deps, { tenderId, step: 'report', token: 'report-1' });
    world.clock.advance(10 * DAY);
    await raiseOverdue(deps, { ...task, step: 'report' });
    expect(await open()).toEqual(['lifecycle-report']);

    await recordReport(deps, staff, tenderId, { candidates, signedBy: members, reportFile });
    await awaitStep(deps, { tenderId, step: 'publicity', token: 'publicity-1' });
    expect(await open()).toEqual([]);
    // The alert stays in the lifecycle's own record, for the history.
    expect((await viewLifecycle(deps, tenderId)).overdue.map((o) => o.step)).toEqual(['report']);

    // Publicity starts just as its time runs out: the timeout that follows alerts nobody.
    world.clock.advance(3 * DAY);
    await startPublicity(deps, staff, tenderId, 3);
    expect(await raiseOverdue(deps, { ...task, step: 'publicity' })).toEqual({
      alerted: false,
      continueAsNew: false,
    });
    expect((await viewLifecycle(deps, tenderId)).overdue.map((o) => o.step)).toEqual(['report']);
  });

  it('takes the same token again without a second entry: a retried or resumed wait changes nothing', async () => {
    const { world } = await evaluated();
    const { deps } = withRunner(world.deps);
    const tenderId = world.tender.id;
    const waits = () => world.log.filter((e) => e.action === 'lifecycle.waiting').length;
    const first = await awaitStep(deps, { tenderId, step: 'report', token: 'report-1' });
    world.clock.advance(DAY);
    expect(await awaitStep(deps, { tenderId, step: 'report', token: 'report-1' })).toEqual(first);
    expect(waits()).toBe(1);
    await awaitStep(deps, { tenderId, step: 'report', token: 'report-2' });
    expect(waits()).toBe(2);
    expect((await viewLifecycle(deps, tenderId)).waiting?.dueAt).toBe(first.dueAt);
  });

  it('reads the deadline again at least every 30 days, and continues near the one-year limit', async () => {
    const world = await publishedTender([1]);
    const tenderId = world.tender.id;
    const later = new Date(world.deadline + 40 * DAY).toISOString();
    await publishAmendment(world.deps, staff, tenderId, {
      summary: '延长投标截止时间',
      affectsBids: true,
      schedule: { ...world.tender.schedule, bidDeadline: later },
      documents: [],
    });
    const now = world.clock.now().getTime();
    const fresh = await readDeadline(world.deps, { tenderId, startedAt: new Date(now).toISOString() });
    expect(fresh).toEqual({
      at: waitTimestamp(new Date(now + DEADLINE_CHECK_DAYS * DAY).toISOString()),
      passed: false,
      continueAsNew: false,
    });
    const old = new Date(now - EXECUTION_RENEWAL_DAYS * DAY).toISOString();
    expect((await readDeadline(world.deps, { tenderId, startedAt: old })).continueAsNew).toBe(true);
  });

  it('continues in a new execution from the step it waits for, once, however often the step is retried', async () => {
    const { world } = await evaluated();
    const { deps, continued } = withRunner(world.deps);
    const tenderId = world.tender.id;
    await awaitStep(deps, { tenderId, step: 'report', token: 'report-1' });
    const next = `${tenderId}-2`;
    expect(await continueAsNew(deps, { tenderId, execution: tenderId })).toEqual({
      execution: next,
      resumeAt: 'report',
    });
    await continueAsNew(deps, { tenderId, execution: tenderId });
    expect(continued).toEqual([
      {
        execution: next,
        input: { tenderId, startedAt: world.clock.now().toISOString(), resumeAt: 'report' },
      },
    ]);
    expect(world.log.filter((e) => e.action === 'lifecycle.continued')).toHaveLength(1);
    expect((await viewLifecycle(deps, tenderId)).continuedIn).toEqual([next]);
    expect(nextExecutionName(tenderId, next)).toBe(`${tenderId}-3`);
  });

  it('keeps every execution under the one-year limit: the renewal age plus the longest run of waits without a check', () => {
    const afterDeadline =
      HumanStep.options.reduce((days, step) => days + waitLimitDays(step), 0) +
      rules['publicity-duration'].value +
      FINAL_QUOTES_MAX_DAYS;
    expect(EXECUTION_RENEWAL_DAYS + Math.max(DEADLINE_CHECK_DAYS, afterDeadline)).toBeLessThan(
      EXECUTION_LIFETIME_DAYS,
    );
  });

  it('tells where the lifecycle stands in every state of the tender, before any execution record too', async () => {
    const world = await publishedTender([1]);
    expect(await viewLifecycle(world.deps, world.tender.id)).toEqual({
      tenderId: world.tender.id,
      stage: 'bidding',
      overdue: [],
      bidDeadline: world.tender.schedule.bidDeadline,
    });
    world.clock.advance(world.deadline - world.clock.now().getTime());
    expect(await closeBidding(world.deps, world.tender.id)).toMatchObject({ outcome: 'failed' });
    expect(await viewLifecycle(world.deps, world.tender.id)).toEqual({
      tenderId: world.tender.id,
      stage: 'failed-tender',
      overdue: [],
    });
  });
});
