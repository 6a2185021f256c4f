import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DescribeExecutionCommand, GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import {
  advanceClock,
  callApi,
  eventually,
  localNow,
  stackInfo,
  stepFunctionsFor,
} from '../support/local-stack';
import { ocdsErrors } from '../support/ocds-schema';
import { downloaded, launchBrowser, newPortalPage, signIn, tenderUrl } from '../support/browser';
import { beijing } from '../../packages/portal/app/format';
import { startStackProcess, StackProcess } from '../support/stack-process';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { verifyLog } from '../../packages/audit-log/offline-verifier';
import { aForm, custodianShare, submitBid } from './bidding-client';
import { as } from './client';
import { playDemo, toTheClose } from './demo-run';
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
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sunlit-lifecycle-'));
  const options = { assembly: stackInfo().assemblyDir, dataDir };

  const connect = () => {
    // The e2e clients find their stack here.
    process.env.SUNLIT_STACK = JSON.stringify(stack.info);
    sfn = stepFunctionsFor(stack.info);
    machine = stack.info.stateMachines.find((arn) => arn.endsWith('-TenderLifecycle'))!;
  };
  /** Stops the stack and starts it again on the same data, as `npm start` after Ctrl-C. */
  const restart = async () => {
    await stack.stop();
    stack = await startStackProcess(options);
    connect();
  };

  beforeAll(async () => {
    stack = await startStackProcess(options);
    connect();
  }, 180_000);

  afterAll(async () => {
    process.env.SUNLIT_STACK = shared;
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The tender's first execution is named by its id; one that continues it adds a generation. */
  const executionArn = (execution: string) =>
    `${machine.replace(':stateMachine:', ':execution:')}:${execution}`;
  /** The states an execution entered, in order: what regulators read in its history. */
  const statesOf = async (execution: string) =>
    (await sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn(execution) })))
      .events!.filter((event) => event.type!.endsWith('StateEntered'))
      .map((event) => event.stateEnteredEventDetails!.name!);
  const statusOf = async (execution: string) =>
    (await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(execution) }))).status;
  const lifecycleOf = async (tenderId: string) =>
    (await (await as('regulator1')).get<Json>(`/tenders/${tenderId}/lifecycle`)).body;
  /** The audit entries of one tender with one action. */
  const entriesOf = async (tenderId: string, action: string) => {
    const client = httpLogClient(stack.info.api);
    const { size } = (await verifyLog(client)).checkpoint;
    const { entries } = await client.entries(0, size);
    return entries.filter((e) => e.entry.subject.tenderId === tenderId && e.entry.action === action);
  };
  const entered = (tenderId: string, state: string, times = 1) =>
    eventually(async () => {
      const states = await statesOf(tenderId);
      return states.filter((s) => s === state).length >= times ? states : undefined;
    }, 30_000);
  const platformSchedule = async () => schedule(0, 21, await localNow(stack.info));
  const pastDeadline = async (deadline: string) =>
    advanceClock(stack.info, new Date(deadline).getTime() + 1000 - (await localNow(stack.info)));

  /** The tender the first demo played to its award letter, for the portal's check below. */
  let awarded: string | undefined;

  it('plays a whole tender to its award letter with `sunlit demo`, the execution taking every step in order', async () => {
    const { tenderId } = playDemo(
      stack.info,
      [],
      [
        'its lifecycle started',
        'booking moved with it to',
        "the platform's signed promise verified",
        'refused: The bid deadline',
        'rows matched; unmatched: line 7',
        'the same statement again: repeated=true',
        "the bank's statement paid 1 refund(s)",
        "the lifecycle waits for the custodians' shares",
        'opening record',
        'receipts are its entries',
        'names known to staff and regulators only',
        'the outbox relay summoned each by SMS',
        'every expert confirmed by the signed link in their message',
        'publicity until',
        'the result is held (条例54)',
        'no result notice is out yet',
        'winner ORG-BIDDER-',
        '中标通知书',
        'PDF in Chinese',
        'due from ORG-BIDDER-',
        '100万元以下: ¥1,000,000 × 1% = ¥10,000',
        'matched (1 of 1): paid at',
        'receipt (交易服务费收据)',
        'tender closed',
        'refund RF-',
        '(条例57)',
        'balanced',
        'OK: ',
      ],
    );
    expect(await statusOf(tenderId)).toBe('SUCCEEDED');
    awarded = tenderId;
    // The service fee's receipt, saved as the winner downloaded it.
    const receipt = readFileSync(path.join(stack.info.dataDir, 'receipts', `SF-${tenderId}.pdf`));
    expect(receipt.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await statesOf(tenderId)).toEqual([
      'IsContinuation',
      'ReadDeadline',
      'DeadlinePassed',
      'WaitForDeadline',
      'ReadDeadline',
      'DeadlinePassed',
      'CloseBidding',
      'EnoughBids',
      'AwaitShares',
      'SharesOutcome',
      'AwaitDraw',
      'DrawOutcome',
      'FinalQuotes',
      'AwaitReport',
      'ReportOutcome',
      'CandidatePublicity',
      'AwaitPublicity',
      'PublicityOutcome',
      'WaitForPublicityEnd',
      'AwaitAnswers',
      'AnswersOutcome',
      'PublishResult',
      'ResultPublished',
      ...toTheClose,
    ]);
    const notices = (await (await as('bidder1')).get<Json>('/notices?type=result&limit=50')).body.notices;
    expect(notices.filter((n: Json) => n.tenderId === tenderId)).toHaveLength(1);
    // The demo's tender as open data: each public step a release, valid against the official OCDS schema.
    const record = (await callApi<Json>(`/ocds/records/ocds-sunlit-${tenderId}`)).body;
    expect(ocdsErrors('recordPackage', record)).toEqual([]);
    const releases = record.records[0].releases as Json[];
    expect(releases.map((r) => r.tag)).toEqual([
      ['tender'],
      ['tenderAmendment'],
      ['tenderUpdate'],
      ['award'],
      ['contract'],
    ]);
    const feed = await callApi<Json>(`/ocds/releases?cursor=${releases[0]!.auditEntry.index}`);
    expect(ocdsErrors('releasePackage', feed.body)).toEqual([]);
    expect(feed.body.releases.map((r: Json) => r.id)).toEqual(
      expect.arrayContaining(releases.map((r) => r.id)),
    );
  }, 240_000);

  // 询价 and 谈判 stand for the GP paths: 磋商 takes 谈判's steps and GP open tendering 询价's, whose
  // rows unit tests hold.
  it.each([
    [
      'request-for-quotation',
      '74号令49',
      '成交',
      ['refused: In 询价 each supplier quotes once and its quote cannot be changed (74号令46)'],
    ],
    [
      'competitive-negotiation',
      '74号令36',
      '成交',
      ['final quotes due by', 'before the time staff see 0 of the quotes', 'the quotes closed: ORG-BIDDER-'],
    ],
  ])(
    'plays %s with `sunlit demo`: the purchaser confirms the winner (%s), with no candidate publicity',
    async (procedure, article, term, milestones) => {
      const { tenderId } = playDemo(
        stack.info,
        ['--procedure', procedure],
        [
          `published by ${procedure} (政府采购法)`,
          ...milestones,
          `the lifecycle waits for the purchaser's confirmation (${article}`,
          `the purchaser confirmed the first (${article}), no candidate publicity`,
          `${term}通知书`,
          // Government procurement pays its service fee by the schedule's own row.
          'on ¥',
          '政府采购 by 计价格〔2002〕1980号',
          // The others' bonds go back at the result, within 5 working days (74号令14), not at the contract.
          "the others' bonds go back within 5 working days (74号令14) of the result notice",
          'receipt (交易服务费收据)',
          'each bond still held is a refund due within 5 working days (74号令14)',
          'tender closed',
          'OK: ',
        ],
      );
      expect(await statusOf(tenderId)).toBe('SUCCEEDED');
      const states = await statesOf(tenderId);
      const negotiates = procedure.startsWith('competitive-');
      expect(states.slice(states.indexOf('AwaitDraw'))).toEqual([
        'AwaitDraw',
        'DrawOutcome',
        'FinalQuotes',
        ...(negotiates ? ['AwaitNegotiation', 'NegotiationOutcome', 'WaitForFinalQuotes'] : []),
        'AwaitReport',
        'ReportOutcome',
        'CandidatePublicity',
        'PublishResult',
        'ResultPublished',
        'AwaitResult',
        'ResultOutcome',
        ...toTheClose,
      ]);
      const notices = (await (await as('bidder1')).get<Json>('/notices?type=candidates&limit=50')).body
        .notices;
      expect(notices.filter((n: Json) => n.tenderId === tenderId)).toEqual([]);
    },
    300_000,
  );

  it('lets the winner download its award letter in the portal, its hash checked in the browser; another bidder is refused (法45)', async () => {
    const tenderId = awarded!;
    const { winner } = (await (await as('staff1')).get<Json>(`/tenders/${tenderId}/award-letter`)).body;
    const browser = await launchBrowser();
    try {
      const { page, errors } = await newPortalPage(browser);
      await signIn(page, `bidder${String(winner).split('-').pop()}`);
      await page.goto(tenderUrl(tenderId));
      const letter = await downloaded(page, () =>
        page.getByRole('button', { name: '下载中标通知书（PDF）' }).click(),
      );
      expect(letter.name).toBe(`中标通知书-${tenderId}.pdf`);
      expect(letter.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      await page.getByRole('status').filter({ hasText: 'SHA-256 与平台记录一致' }).waitFor();
      await page.getByText('合同已签订，本标段已结束。').waitFor();
      expect(errors).toEqual([]);

      const other = await newPortalPage(browser);
      const loser = winner === 'ORG-BIDDER-1' ? 'bidder2' : 'bidder1';
      await signIn(other.page, loser);
      // Its page also asks for the service fee, which is the winner's alone: wait for that answer too.
      const feeAnswer = other.page.waitForResponse((r) =>
        r.url().endsWith(`/tenders/${tenderId}/service-fee`),
      );
      await other.page.goto(tenderUrl(tenderId));
      expect((await feeAnswer).status()).toBe(403);
      await other.page.getByRole('button', { name: '下载中标通知书（PDF）' }).click();
      expect(await other.page.getByRole('alert').innerText()).toContain('法45');
      expect(other.refusals.sort()).toEqual([
        `403 GET /tenders/${tenderId}/award-letter`,
        `403 GET /tenders/${tenderId}/service-fee`,
      ]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("moves the platform's clock forward for everyone from the demo clock under every page, so a newcomer reaches a publicity's end without waiting", async () => {
    const browser = await launchBrowser();
    try {
      const { page, errors } = await newPortalPage(browser);
      const clock = page.getByRole('region', { name: '演示时钟' });
      const before = await localNow(stack.info);
      await clock.getByText(`平台时间 ${beijing(new Date(before).toISOString()).slice(0, 10)}`).waitFor();
      await Promise.all([page.waitForEvent('load'), clock.getByRole('button', { name: '1 日' }).click()]);
      const after = await localNow(stack.info);
      expect(after - before).toBeGreaterThanOrEqual(DAY);
      expect(after - before).toBeLessThan(DAY + 60_000);
      // The page is read again at the new time.
      await clock.getByText(`平台时间 ${beijing(new Date(after).toISOString()).slice(0, 10)}`).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('plays single-source with `sunlit demo`: an objection to the notice reviewed, no opening and no committee, the negotiation record standing as the report (74号令39–42)', async () => {
    const { tenderId } = playDemo(
      stack.info,
      ['--procedure', 'single-source'],
      [
        '单一来源采购公示',
        'ORG-BIDDER-3, ground consistency',
        'at least 5 working days (74号令38)',
        "objection 1 (single-source-objection); the procurement waits: objection 1 to the notice awaits the purchaser's review (74号令39)",
        'objection 1 dismissed; the procurement goes on',
        'the lifecycle waits for the negotiation record',
        'recorded: ORG-BIDDER-3 at ¥1,710,000',
        "the supplier's inbox: 原系统升级运维 成交通知书",
        '成交通知书: a ',
        'closed at',
        'OK: ',
      ],
    );
    expect(await statusOf(tenderId)).toBe('SUCCEEDED');
    const states = await statesOf(tenderId);
    expect(states.slice(states.indexOf('CloseBidding'))).toEqual([
      'CloseBidding',
      'EnoughBids',
      'AwaitReport',
      'ReportOutcome',
      'CandidatePublicity',
      'PublishResult',
      'ResultPublished',
      ...toTheClose,
    ]);
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

  it('terminates a tender while it takes bids (条例31): its notice, its bonds refunded, its bids refused, its execution ended', async () => {
    const { staff, tender } = await publishedTender(['bidder1', 'bidder2'], await platformSchedule());
    const [bidder1, bidder2] = [await as('bidder1'), await as('bidder2')];
    expect((await submitBid(bidder1, tender.id, aForm(90_000_000))).status).toBe(200);
    const account = (await bidder2.post<Json>(`/tenders/${tender.id}/bond-account`)).body.subAccount;
    const day = new Date((await localNow(stack.info)) + 8 * 3_600_000).toISOString().slice(0, 10);
    const csv = [
      'valueDate,reference,subAccount,amount,counterpartyName,counterpartyAccount,memo',
      `${day},T-${tender.id},${account.number},20000.00,供应商二,6222020200001232,`,
    ].join('\n');
    expect((await staff.post<Json>('/ledger/statements', { csv })).body.statement).toMatchObject({
      matched: 1,
    });

    const request = { ground: 'cancelled', reason: '项目因规划调整取消' };
    expect((await bidder1.post<Json>(`/tenders/${tender.id}/termination`, request)).status).toBe(403);
    const refused = await staff.post<Json>(`/tenders/${tender.id}/termination`, {
      ...request,
      ground: 'objection-upheld',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ rule: '条例31', field: 'body.ground' });
    const terminated = await staff.post<Json>(`/tenders/${tender.id}/termination`, request);
    expect(terminated.status).toBe(200);
    expect(terminated.body).toMatchObject({ ground: 'cancelled', article: '条例31' });

    // The notice is public and says nothing of who took part (法22).
    const { notices } = (await callApi<Json>('/notices?type=termination&limit=50')).body;
    const notice = notices.find((n: Json) => n.tenderId === tender.id);
    expect(notice).toMatchObject({ id: terminated.body.noticeId, body: { reason: request.reason } });
    expect(JSON.stringify(notice)).not.toMatch(/ORG-BIDDER|bidder/);
    // The bond goes back within 5 days of the termination; nothing more is taken.
    const refunds = (await bidder2.get<Json>(`/tenders/${tender.id}/bond-account`)).body.refunds;
    expect(refunds).toEqual([expect.objectContaining({ reason: 'termination', article: '条例31' })]);
    const late = await submitBid(bidder2, tender.id, aForm(80_000_000));
    expect(late.status).toBe(409);
    expect((late.body as Json).error).toMatchObject({ rule: '条例31', field: 'tenderId' });
    expect((await lifecycleOf(tender.id)).stage).toBe('terminated');

    // The execution sleeps until the deadline, then ends: nothing is opened.
    await pastDeadline(tender.schedule.bidDeadline);
    await eventually(async () => ((await statusOf(tender.id)) === 'SUCCEEDED' ? true : undefined), 30_000);
    expect((await statesOf(tender.id)).slice(-4)).toEqual([
      'CloseBidding',
      'EnoughBids',
      'SettleTermination',
      'Terminated',
    ]);
    expect((await lifecycleOf(tender.id)).closedAt).toBe(terminated.body.at);
    expect((await staff.get<Json>(`/tenders/${tender.id}/opening`)).status).toBe(404);
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
    expect(overdue.slice(-3)).toEqual(['SharesOverdue', 'SharesContinues', 'AwaitShares']);
    const alerts = (await (await as('regulator1')).get<Json>('/supervision/alerts')).body.alerts;
    expect(alerts).toContainEqual(
      expect.objectContaining({ tenderId: tender.id, rule: 'lifecycle-shares', article: '法34' }),
    );
    expect(await statusOf(tender.id)).toBe('RUNNING');
  }, 120_000);

  it('resumes a waiting tender where it stood after a restart: the same due time, no entry again, and the shares still open it', async () => {
    const bidders = ['bidder1', 'bidder2', 'bidder3'];
    const { tender } = await publishedTender(bidders, await platformSchedule());
    expect(await lifecycleOf(tender.id)).toMatchObject({
      stage: 'bidding',
      bidDeadline: tender.schedule.bidDeadline,
    });
    for (const [i, name] of bidders.entries()) {
      expect((await submitBid(await as(name), tender.id, aForm(80_000_000 - i))).status).toBe(200);
    }
    await pastDeadline(tender.schedule.bidDeadline);
    await entered(tender.id, 'AwaitShares');
    const waiting = await eventually(async () => (await lifecycleOf(tender.id)).waiting);
    const statesBefore = await statesOf(tender.id);
    expect(await entriesOf(tender.id, 'lifecycle.waiting')).toHaveLength(1);

    await restart();
    expect(stack.output()).toMatch(
      /\d+ execution\(s\) left running by the last run resumed where they stood/,
    );
    expect((await lifecycleOf(tender.id)).waiting).toEqual(waiting);
    expect(await statesOf(tender.id)).toEqual(statesBefore);
    expect(await statusOf(tender.id)).toBe('RUNNING');
    expect(await entriesOf(tender.id, 'lifecycle.waiting')).toHaveLength(1);

    // The token kept before the restart still resumes the execution.
    for (const custodian of ['regulator1', 'regulator2']) {
      const share = await (
        await as(custodian)
      ).post<Json>(`/tenders/${tender.id}/opening/shares`, {
        share: await custodianShare(custodian, tender.id),
      });
      expect(share.status).toBeLessThan(300);
    }
    await entered(tender.id, 'AwaitDraw');
    expect((await statesOf(tender.id)).filter((s) => s === 'AwaitShares')).toHaveLength(1);
  }, 180_000);

  it('continues a tender near the one-year limit of an execution in a new one, which goes on to the end', async () => {
    // Last in this file: the clock moves ten months.
    const now = await localNow(stack.info);
    const { tender } = await publishedTender([], schedule(0, 330, now));
    await entered(tender.id, 'WaitForDeadline');
    await advanceClock(stack.info, 301 * DAY);
    await eventually(async () => ((await statusOf(tender.id)) === 'SUCCEEDED' ? true : undefined), 30_000);
    expect((await statesOf(tender.id)).slice(-3)).toEqual(['DeadlinePassed', 'ContinueAsNew', 'Continued']);
    const next = `${tender.id}-2`;
    expect(await lifecycleOf(tender.id)).toMatchObject({ stage: 'bidding', continuedIn: [next] });
    expect(await entriesOf(tender.id, 'lifecycle.continued')).toHaveLength(1);
    await entered(next, 'WaitForDeadline');
    expect((await statesOf(next)).slice(0, 2)).toEqual(['IsContinuation', 'ReadDeadline']);

    await pastDeadline(tender.schedule.bidDeadline);
    await eventually(async () => ((await statusOf(next)) === 'SUCCEEDED' ? true : undefined), 30_000);
    expect((await statesOf(next)).slice(-3)).toEqual(['CloseBidding', 'EnoughBids', 'TenderFailed']);
    expect(await lifecycleOf(tender.id)).toMatchObject({ stage: 'failed-tender' });
  }, 120_000);
});
