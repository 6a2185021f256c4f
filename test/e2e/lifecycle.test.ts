import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { advanceClock, eventually, localNow, stackInfo, stepFunctionsFor } from '../support/local-stack';
import { startStackProcess, StackProcess } from '../support/stack-process';
import { aForm, submitBid } from './bidding-client';
import { as } from './client';
import { DAY, Json, publishedTender, schedule } from './tender-fixture';

/**
 * Whole tenders driven by their lifecycle state machine, on a stack of their own: these tests move
 * its clock forward by weeks, which the shared stack's other tests must not see.
 */
describe('the tender lifecycle, on the local stack', () => {
  let stack: StackProcess;
  let sfn: ReturnType<typeof stepFunctionsFor>;
  let machine: string;
  const shared = process.env.SUNLIT_STACK;

  beforeAll(async () => {
    stack = await startStackProcess({ assembly: stackInfo().assemblyDir });
    // The e2e clients find their stack here.
    process.env.SUNLIT_STACK = JSON.stringify(stack.info);
    sfn = stepFunctionsFor(stack.info);
    machine = stack.info.stateMachines.find((arn) => arn.endsWith('-TenderLifecycle'))!;
  }, 180_000);

  afterAll(async () => {
    process.env.SUNLIT_STACK = shared;
    await stack?.stop();
  });

  const executionArn = (tenderId: string) =>
    `${machine.replace(':stateMachine:', ':execution:')}:${tenderId}`;
  /** The states an execution entered, in order: what regulators read in its history. */
  const statesOf = async (tenderId: string) =>
    (await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn(tenderId) })))
      .events!.filter((event) => event.type!.endsWith('StateEntered'))
      .map((event) => event.stateEnteredEventDetails!.name!);
  const statusOf = async (tenderId: string) =>
    (await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(tenderId) }))).status;
  const entered = (tenderId: string, state: string, times = 1) =>
    eventually(async () => {
      const states = await statesOf(tenderId);
      return states.filter((s) => s === state).length >= times ? states : undefined;
    }, 30_000);
  const platformSchedule = async () => schedule(0, 21, await localNow(stack.info));
  const pastDeadline = async (deadline: string) =>
    advanceClock(stack.info, new Date(deadline).getTime() + 1000 - (await localNow(stack.info)));

  it('plays a whole tender to its award letter with `sunlit demo`, the execution taking every step in order', async () => {
    const demo = spawnSync(
      process.execPath,
      [
        path.resolve(__dirname, '../../bin/sunlit.cjs'),
        'demo',
        '--url',
        stack.info.api,
        '--data',
        stack.info.dataDir,
      ],
      { encoding: 'utf8' },
    );
    expect(demo.stderr).toBe('');
    expect(demo.status).toBe(0);
    for (const milestone of [
      'its lifecycle started',
      'receipt verified',
      'refused: The bid deadline',
      "the lifecycle waits for the custodians' shares",
      'opening record',
      'names known to staff and regulators only',
      'publicity until',
      'the result is held (条例54)',
      'no result notice is out yet',
      'winner ORG-BIDDER-',
      '中标通知书',
      'PDF in Chinese',
      'tender closed',
      'OK: ',
    ]) {
      expect(demo.stdout).toContain(milestone);
    }
    const tenderId = /tender (T-[\w-]+) published/.exec(demo.stdout)![1]!;
    expect(await statusOf(tenderId)).toBe('SUCCEEDED');
    expect(await statesOf(tenderId)).toEqual([
      'ReadDeadline',
      'DeadlinePassed',
      'WaitForDeadline',
      'ReadDeadline',
      'DeadlinePassed',
      'CloseBidding',
      'EnoughBids',
      'AwaitShares',
      'AwaitDraw',
      'AwaitReport',
      'AwaitPublicity',
      'WaitForPublicityEnd',
      'AwaitAnswers',
      'PublishResult',
      'ResultPublished',
      'IssueAwardLetter',
      'AwaitContract',
      'CloseTender',
      'Closed',
    ]);
    const notices = (await (await as('bidder1')).get<Json>('/notices?type=result&limit=50')).body.notices;
    expect(notices.filter((n: Json) => n.tenderId === tenderId)).toHaveLength(1);
  }, 240_000);

  it('fails a tender with two bids at its deadline, with the failed-tender notice', async () => {
    const { tender } = await publishedTender(['bidder1', 'bidder2'], await platformSchedule());
    for (const [i, name] of ['bidder1', 'bidder2'].entries()) {
      expect((await submitBid(await as(name), tender.id, aForm(90_000_000 - i))).status).toBe(200);
    }
    await pastDeadline(tender.schedule.bidDeadline);
    await eventually(async () => ((await statusOf(tender.id)) === 'SUCCEEDED' ? true : undefined), 30_000);
    expect((await statesOf(tender.id)).slice(-3)).toEqual(['CloseBidding', 'EnoughBids', 'TenderFailed']);
    const failed = (await (await as('bidder1')).get<Json>('/notices?type=failed-tender&limit=50')).body
      .notices;
    expect(failed.map((n: Json) => n.tenderId)).toContain(tender.id);
  }, 120_000);

  it('waits again when an amendment moves the deadline, and alerts regulators when the shares are overdue', async () => {
    const bidders = ['bidder1', 'bidder2', 'bidder3'];
    const { staff, tender } = await publishedTender(bidders, await platformSchedule());
    for (const [i, name] of bidders.entries()) {
      expect((await submitBid(await as(name), tender.id, aForm(90_000_000 - i))).status).toBe(200);
    }
    const moved = new Date(new Date(tender.schedule.bidDeadline).getTime() + 7 * DAY).toISOString();
    const amendment = await staff.post(`/tenders/${tender.id}/amendments`, {
      summary: '投标截止时间延后七日',
      affectsBids: true,
      schedule: { ...tender.schedule, bidDeadline: moved },
      documents: [],
    });
    expect(amendment.status).toBe(201);

    await pastDeadline(tender.schedule.bidDeadline);
    const states = await entered(tender.id, 'WaitForDeadline', 2);
    expect(states).not.toContain('CloseBidding');
    expect(await statusOf(tender.id)).toBe('RUNNING');

    await pastDeadline(moved);
    await entered(tender.id, 'AwaitShares');
    // The state is entered before its task has kept the token with the lifecycle record.
    const regulator = await as('regulator1');
    const waiting = await eventually(
      async () => (await regulator.get<Json>(`/tenders/${tender.id}/lifecycle`)).body.waiting,
    );
    expect(waiting).toMatchObject({ step: 'shares' });

    // Nobody submits a share for a day: regulators are alerted, and the execution waits on.
    await advanceClock(stack.info, DAY + 1000);
    const overdue = await entered(tender.id, 'AwaitShares', 2);
    expect(overdue.slice(-2)).toEqual(['SharesOverdue', 'AwaitShares']);
    const alerts = (await (await as('regulator1')).get<Json>('/supervision/alerts')).body.alerts;
    expect(alerts).toContainEqual(
      expect.objectContaining({ tenderId: tender.id, rule: 'lifecycle-shares', article: '法34' }),
    );
    expect(await statusOf(tender.id)).toBe('RUNNING');
  }, 120_000);
});
