import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { advanceClock, eventually, localNow, stepFunctionsFor } from '../support/local-stack';
import { onOwnStack } from '../support/stack-process';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { verifyLog } from '../../packages/audit-log/offline-verifier';
import { aForm, shareAndOpen, submitBid } from './bidding-client';
import { as } from './client';
import { playDemo, toTheClose } from './demo-run';
import { Json, publishedTender, schedule } from './tender-fixture';

/**
 * A complaint that suspends a tender and is decided, on a stack of its own: the test moves the
 * clock past the bid deadline, which the shared stack's other tests must not see.
 */
describe('a complaint on the local stack', () => {
  const ownStack = onOwnStack('complaints');

  /** The states the tender's execution entered, in order. */
  const statesOf = async (tenderId: string) => {
    const machine = ownStack().info.stateMachines.find((arn) => arn.endsWith('-TenderLifecycle'))!;
    const executionArn = `${machine.replace(':stateMachine:', ':execution:')}:${tenderId}`;
    const history = await stepFunctionsFor(ownStack().info).send(
      new GetExecutionHistoryCommand({ executionArn }),
    );
    return history
      .events!.filter((e) => e.type!.endsWith('StateEntered'))
      .map((e) => e.stateEnteredEventDetails!.name!);
  };

  it('suspends a tender whose lifecycle waits until the regulator lifts it, and is decided, the complainant withheld', async () => {
    const bidders = ['bidder1', 'bidder2', 'bidder3'];
    const { tender } = await publishedTender(bidders, schedule(0, 21, await localNow(ownStack().info)));
    for (const [i, name] of bidders.entries()) {
      expect((await submitBid(await as(name), tender.id, aForm(90_000_000 - i))).status).toBe(200);
    }
    await advanceClock(
      ownStack().info,
      new Date(tender.schedule.bidDeadline).getTime() + 1000 - (await localNow(ownStack().info)),
    );
    await eventually(
      async () => ((await statesOf(tender.id)).includes('AwaitShares') ? true : undefined),
      30_000,
    );

    const [complainant, regulator, staff] = await Promise.all([
      as('bidder1'),
      as('regulator1'),
      as('staff1'),
    ]);
    const challenges = `/tenders/${tender.id}/challenges`;
    const steps = `${challenges}/1/steps`;
    const knownAt = new Date(await localNow(ownStack().info)).toISOString();
    const filed = await complainant.post<Json>(challenges, {
      kind: 'complaint',
      subject: 'other',
      text: '开标前投标文件被拆封',
      knownAt,
    });
    expect(filed.status).toBe(200);
    expect(filed.body.items[0]).toMatchObject({ number: 1, status: 'submitted', bidderOrg: 'ORG-BIDDER-1' });

    const refused = await staff.post<Json>(steps, { step: 'accept' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', rule: '条例61', field: 'body.step' });
    expect((await regulator.post(steps, { step: 'accept' })).status).toBe(200);
    const suspended = await regulator.post<Json>(steps, {
      step: 'suspend',
      reason: '投诉处理期间暂停招标投标活动',
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body.hold).toMatchObject({ article: '条例62' });

    // Before the result, staff see the complaint but not who made it (法22).
    const seen = (await staff.get<Json>(challenges)).body;
    expect(seen.items[0]).not.toHaveProperty('bidderOrg');
    expect(seen.hold).toMatchObject({ article: '条例62' });

    // The custodians open the bids, but the suspended tender's lifecycle waits where it stood.
    await shareAndOpen(tender.id, (user) => as(user));
    const lifecycle = (await regulator.get<Json>(`/tenders/${tender.id}/lifecycle`)).body;
    expect(lifecycle.waiting).toMatchObject({ step: 'shares' });
    expect(await statesOf(tender.id)).not.toContain('AwaitDraw');

    expect((await regulator.post(steps, { step: 'lift' })).status).toBe(200);
    await eventually(
      async () => ((await statesOf(tender.id)).includes('AwaitDraw') ? true : undefined),
      30_000,
    );
    expect((await statesOf(tender.id)).filter((s) => s === 'AwaitShares')).toHaveLength(1);

    expect((await regulator.post(steps, { step: 'investigate' })).status).toBe(200);
    const decided = await regulator.post<Json>(steps, {
      step: 'dismiss',
      decision: '经查投标文件密封完好，驳回投诉。',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.items[0]).toMatchObject({
      status: 'dismissed',
      outcome: { text: '经查投标文件密封完好，驳回投诉。' },
    });
    expect(decided.body.hold).toBeUndefined();

    // Every step is in the verified public log, none naming the complainant.
    const client = httpLogClient(ownStack().info.api);
    const logged = async () => {
      const { size } = (await verifyLog(client)).checkpoint;
      return (await client.entries(0, size)).entries
        .map((e) => e.entry)
        .filter((e) => e.subject.tenderId === tender.id && e.action.startsWith('complaint.'));
    };
    // The log takes entries in batches: the last steps may reach a checkpoint a moment later.
    const entries = await eventually(async () => {
      const found = await logged();
      return found.length >= 6 ? found : undefined;
    }, 30_000);
    expect(entries.map((e) => e.action)).toEqual([
      'complaint.submitted',
      'complaint.accept',
      'complaint.suspend',
      'complaint.lift',
      'complaint.investigate',
      'complaint.dismiss',
    ]);
    expect(JSON.stringify(entries)).not.toContain('ORG-BIDDER-1');
  }, 240_000);

  it('plays `sunlit demo --complaint`: the suspended tender waits past the answer to its objection, and goes on to its result once the complaint is dismissed', async () => {
    const { tenderId } = playDemo(
      ownStack().info,
      ['--complaint'],
      [
        'complaint 1 submitted',
        'suspended (条例62)',
        'yet the suspended tender still waits',
        'the regulator dismissed the complaint (dismissed)',
        'winner ORG-BIDDER-',
        'tender closed',
        'OK: ',
      ],
    );
    const states = await statesOf(tenderId);
    expect(states.slice(states.indexOf('WaitForPublicityEnd'))).toEqual([
      'WaitForPublicityEnd',
      'AwaitAnswers',
      'AnswersOutcome',
      'PublishResult',
      'ResultPublished',
      ...toTheClose,
    ]);
  }, 300_000);
});
