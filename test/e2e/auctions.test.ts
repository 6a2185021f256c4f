import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { decodeJwt } from 'jose';
import { WebSocket } from 'ws';
import type * as z from 'zod';
import {
  applicationChecks,
  auctionVerdict,
  dealKindOf,
  replayAuction,
  reserveCommitment,
} from '../../packages/auctions';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import type { AuctionRecordView } from '../../packages/auctions';
import {
  advanceClock,
  callApi,
  dynamoFor,
  publishedLogAt,
  stackInfo,
  stepFunctionsFor,
  tokenFor,
} from '../support/local-stack';
import { onOwnStack } from '../support/stack-process';
import { announce, stackNow } from './auction-fixture';
import { as } from './client';

const DAY = 86_400_000;
const MINUTE = 60_000;
type Body = Record<string, unknown>;
type LeadingView = {
  state: { phase: string; sequence: number; endsAt: string; leading?: { paddle: string } };
};

const sunlit = (...args: string[]) =>
  spawnSync(process.execPath, [path.resolve(__dirname, '../../bin/sunlit.cjs'), 'auction', ...args], {
    encoding: 'utf8',
  });

type RoomMessage = {
  type: string;
  auction: LeadingView & { serverTime: string; bids: Body[] };
  /** A bid's news: the bid and the state after it. */
  state?: LeadingView['state'];
  nextMinimumFen?: number;
  ref?: string;
  bid?: Body;
  error?: Body;
};

/**
 * A connection to the auction room: every message it is pushed, in order. With a token it may bid;
 * with an offset, its events run that much later on the test stack's clock.
 */
const watch = (
  auctionId: string,
  { token, clockOffsetMs }: { token?: string; clockOffsetMs?: number } = {},
) =>
  new Promise<{ socket: WebSocket; messages: RoomMessage[] }>((resolve, reject) => {
    const query = `auction=${auctionId}${token ? `&token=${encodeURIComponent(token)}` : ''}`;
    const socket = new WebSocket(`${stackInfo().webSockets[0]}?${query}`, {
      headers: clockOffsetMs ? { 'x-local-clock-offset-ms': String(clockOffsetMs) } : {},
    });
    const messages: RoomMessage[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    socket.once('open', () => resolve({ socket, messages }));
    socket.once('error', reject);
  });

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
};

/** Each bidder applies with a bond and staff qualify them; returns their paddles. */
const qualify = async (id: string, users: string[]) => {
  const staff = await as('staff1');
  const paddles: Record<string, string> = {};
  for (const user of users) {
    const bidder = await as(user);
    const { status, body } = await bidder.post<{ paddle: string; org: string }>(
      `/auctions/${id}/applications`,
      {
        bond: { kind: 'paid', reference: `BANK-${user}` },
      },
    );
    expect(status).toBe(200);
    expect((await staff.put(`/auctions/${id}/applications/${body.org}`, { qualified: true })).status).toBe(
      200,
    );
    paddles[user] = body.paddle;
  }
  return paddles;
};

/** The auction's item in the index of processes the cadence anchors, if it is there. */
const anchoredByCadence = async (id: string) => {
  const db = DynamoDBDocumentClient.from(dynamoFor(stackInfo()));
  const key = { pk: 'SEALED-PROCESSES', sk: `PROCESS#${id}` };
  const { Item } = await db.send(new GetCommand({ TableName: stackInfo().tables[0], Key: key }));
  return Item && { id: Item.id, of: Item.of };
};

/** The public log's size now: its signed checkpoint's second line. */
const logSize = async () => Number((await httpLogClient(stackInfo().api).checkpoint()).split('\n')[1]);

/** Replays the record, bids and applications' sealed log alike; the record for more checks. */
const replay = async (id: string) => {
  const { status, body } = await callApi<z.infer<typeof AuctionRecordView>>(`/auctions/${id}/record`);
  expect(status).toBe(200);
  const logKey = (await callApi<{ verifierKey: string }>('/audit/public-key')).body.verifierKey;
  // A page of two, so that the pages are followed as a long log's would be.
  const applications = await publishedLogAt(`/auctions/${id}/process-log`, { limit: 2 });
  const checks = [
    ...replayAuction(dealKindOf(body.kind), body),
    ...applicationChecks(applications, body.qualifiedBidders, logKey),
  ];
  expect(checks.filter((c) => !c.ok)).toEqual([]);
  return { verdict: auctionVerdict(checks), record: body, applications };
};

describe('listings and auctions on the local stack', () => {
  it('refuses a room connection to an auction that does not exist', async () => {
    await expect(watch('AU-2026-NOSUCHAU')).rejects.toThrow(/404/);
  });

  it('seals a reserve on staff’s machine: the file opens the commitment it prints', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sunlit-reserve-')), 'reserve.json');
    const sealed = sunlit('seal-reserve', '--reserve-fen', '102000000', '--out', file);
    expect(sealed.status).toBe(0);
    const opening = JSON.parse(readFileSync(file, 'utf8'));
    expect(opening).toEqual({ reserveFen: 102_000_000, salt: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(sealed.stdout).toContain(`commitment ${reserveCommitment(opening)}`);
  });

  it('refuses an announcement less than 20 days before bidding opens, citing 令39第10条, and refuses bidders', async () => {
    const staff = await as('staff1');
    const now = await stackNow();
    const { status, body } = await staff.post('/auctions', {
      kind: 'land-auction',
      title: '城南片区 A-13 地块',
      sellerOrg: 'ORG-TENDERER-1',
      startingPriceFen: 100_000_000,
      incrementFen: 1_000_000,
      bondFen: 20_000_000,
      applicationsCloseAt: new Date(now + 10 * DAY).toISOString(),
      opensAt: new Date(now + 20 * DAY - MINUTE).toISOString(),
      reserveCommitment: 'a'.repeat(64),
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({ error: { code: 'RULE_VIOLATED', field: 'opensAt', rule: '令39第10条' } });
    expect((await (await as('bidder1')).post('/auctions', {})).status).toBe(403);
  });

  it('runs an auction from the announcement through racing bids to a sale anyone replays: MATCH', async () => {
    const { id, salt, reserveFen, bidsFrom } = await announce('land-auction', 102_000_000);
    // Announced, the auction is in the index the cadence anchors from, until its result.
    expect(await anchoredByCadence(id)).toEqual({ id, of: 'auction' });
    const before = await logSize();
    const paddles = await qualify(id, ['bidder1', 'bidder2']);
    expect(paddles.bidder1).not.toBe(paddles.bidder2);
    // Nor how many, or when: applications and decisions go to the auction's sealed process log.
    const since = await httpLogClient(stackInfo().api).entries(before, await logSize());
    expect(since.entries.filter((e) => e.entry.action.startsWith('auction.applica'))).toEqual([]);

    // Who applied stays confidential: the public view and other bidders see no organisation.
    const outsider = await as('bidder3');
    const refusedApply = await (
      await as('bidder4', 20 * DAY)
    ).post(`/auctions/${id}/applications`, {
      bond: { kind: 'paid', reference: 'late' },
    });
    expect(refusedApply.status).toBe(422);
    expect((await outsider.get(`/auctions/${id}/applications`)).status).toBe(403);
    expect(JSON.stringify((await callApi(`/auctions/${id}`)).body)).not.toContain('ORG-BIDDER');

    const early = await (
      await as('bidder1')
    ).post(`/auctions/${id}/bids`, { amountFen: 100_000_000, sequence: 1 });
    expect(early).toMatchObject({ status: 422, body: { error: { field: 'at' } } });

    const bidder1 = await as('bidder1', bidsFrom);
    const bidder2 = await as('bidder2', bidsFrom + 1000);
    expect((await bidder1.post(`/auctions/${id}/bids`, { amountFen: 100_000_000, sequence: 1 })).status).toBe(
      201,
    );
    // Racing for sequence 1: refused, told to re-read.
    const raced = await bidder2.post(`/auctions/${id}/bids`, { amountFen: 101_000_000, sequence: 1 });
    expect(raced).toMatchObject({ status: 409, body: { error: { field: 'sequence' } } });
    const short = await bidder2.post(`/auctions/${id}/bids`, { amountFen: 100_999_999, sequence: 2 });
    expect(short).toMatchObject({ status: 422, body: { error: { field: 'amountFen', rule: '令39第15条' } } });
    expect((await bidder2.post(`/auctions/${id}/bids`, { amountFen: 102_000_000, sequence: 2 })).status).toBe(
      201,
    );
    expect(
      (await outsider.post(`/auctions/${id}/bids`, { amountFen: 103_000_000, sequence: 3 })).status,
    ).toBe(403);

    // The countdown restarted at bidder2's bid; a result before it runs out is refused.
    expect(
      (await (await as('staff1', bidsFrom + 2000)).post(`/auctions/${id}/result`, { reserveFen, salt }))
        .status,
    ).toBe(409);
    const afterEnd = bidsFrom + 1000 + 5 * MINUTE;
    const tooLate = await (
      await as('bidder1', afterEnd)
    ).post(`/auctions/${id}/bids`, { amountFen: 103_000_000, sequence: 3 });
    expect(tooLate).toMatchObject({ status: 422, body: { error: { code: 'DEADLINE_PASSED' } } });

    const closer = await as('staff1', afterEnd);
    // Sealed until the result: who applied stays confidential (法22).
    expect((await callApi(`/auctions/${id}/process-log`)).status).toBe(404);
    const confirmation = `/auctions/${id}/confirmation.pdf`;
    expect((await closer.get<Body>(confirmation)).body.error).toMatchObject({
      code: 'CONFLICT',
      field: 'id',
    });
    const moved = await closer.post(`/auctions/${id}/result`, { reserveFen: 101_000_000, salt });
    expect(moved).toMatchObject({ status: 409, body: { error: { field: 'reserve' } } });
    const { status, body } = await closer.post<Body>(`/auctions/${id}/result`, { reserveFen, salt });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({
      outcome: { outcome: 'sold', paddle: paddles.bidder2, priceFen: 102_000_000 },
      paddles: expect.arrayContaining([
        { paddle: paddles.bidder2, org: 'ORG-BIDDER-2', name: expect.any(String) },
      ]),
    });
    expect(await anchoredByCadence(id)).toBeUndefined();
    // The sale confirmation (成交确认书), printed by the documents' function: the buyer's, not another bidder's.
    const printed = await (await as('bidder2', afterEnd)).get<Uint8Array>(confirmation);
    expect(printed.status).toBe(200);
    expect(printed.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(printed.body.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect((await (await as('bidder1', afterEnd)).get(confirmation)).status).toBe(403);
    const { verdict, applications } = await replay(id);
    expect(verdict).toBe('MATCH');
    // With the result, the sealed log is public: both applications and both qualifications.
    expect(applications.entries.map((text) => JSON.parse(text).action)).toEqual([
      'auction.applied',
      'auction.application-decided',
      'auction.applied',
      'auction.application-decided',
    ]);
    expect(applications.anchors.filter((a) => a.final)).toHaveLength(1);
  });

  it('closes a listing with one bid below the reserve and no timed round as no sale (流拍): MATCH', async () => {
    const { id, salt, reserveFen, bidsFrom } = await announce('land-listing', 150_000_000);
    const paddles = await qualify(id, ['bidder5', 'bidder6']);
    const bidder5 = await as('bidder5', bidsFrom);
    expect((await bidder5.post(`/auctions/${id}/bids`, { amountFen: 120_000_000, sequence: 1 })).status).toBe(
      201,
    );
    expect((await bidder5.post(`/auctions/${id}/continuations`)).status).toBe(200);
    // The listing runs 10 days; a bid does not shorten or extend it.
    const during = await callApi<LeadingView>(`/auctions/${id}`);
    expect(during.body.state).toMatchObject({
      phase: 'listing',
      sequence: 1,
      leading: { paddle: paddles.bidder5 },
    });

    const closer = await as('staff1', bidsFrom + 10 * DAY + MINUTE);
    const { status, body } = await closer.post<Body>(`/auctions/${id}/result`, { reserveFen, salt });
    expect(status).toBe(200);
    expect(body.result).toMatchObject({ outcome: { outcome: 'no-sale', reason: 'below-reserve' } });
    expect((await replay(id)).verdict).toBe('MATCH');
  });

  it('goes from a listing into timed bidding when two bidders ask, and sells to the last bid', async () => {
    const { id, salt, bidsFrom } = await announce('land-listing', null);
    const paddles = await qualify(id, ['bidder7', 'bidder8']);
    const bidder7 = await as('bidder7', bidsFrom);
    const bidder8 = await as('bidder8', bidsFrom + 1000);
    expect((await bidder7.post(`/auctions/${id}/bids`, { amountFen: 100_000_000, sequence: 1 })).status).toBe(
      201,
    );
    expect((await bidder7.post(`/auctions/${id}/continuations`)).status).toBe(200);
    expect((await bidder8.post(`/auctions/${id}/continuations`)).status).toBe(200);

    // A watcher in the room is pushed each accepted bid; one connecting later asks for the state.
    const watcher = await watch(id);
    const timed = bidsFrom + 10 * DAY + 1000;
    const round = await callApi<LeadingView>(`/auctions/${id}`, { clockOffsetMs: timed });
    expect(round.body.state.phase).toBe('timed');
    expect(
      (
        await (
          await as('bidder8', timed)
        ).post(`/auctions/${id}/bids`, { amountFen: 105_000_000, sequence: 2 })
      ).status,
    ).toBe(201);

    await until(() => watcher.messages.length >= 1);
    // The news of the bid alone, the state after it and the next lowest bid, not the auction again.
    expect(watcher.messages[0]).toEqual({
      type: 'bid',
      bid: expect.objectContaining({ sequence: 2, paddle: paddles.bidder8, amountFen: 105_000_000 }),
      state: expect.objectContaining({
        phase: 'timed',
        sequence: 2,
        leading: expect.objectContaining({ paddle: paddles.bidder8 }),
      }),
      nextMinimumFen: 106_000_000,
      serverTime: expect.any(String),
    });
    const late = await watch(id);
    late.socket.send(JSON.stringify({ action: 'state' }));
    await until(() => late.messages.length >= 1);
    expect(late.messages[0]?.auction.state).toMatchObject({ sequence: 2 });
    expect(late.messages[0]?.auction.bids).toHaveLength(2);
    late.socket.close();

    const closer = await as('staff1', timed + 5 * MINUTE);
    const { body } = await closer.post<Body>(`/auctions/${id}/result`, { reserveFen: null, salt });
    await until(() => watcher.messages.length >= 2);
    expect(watcher.messages[1]?.auction).toMatchObject({ result: { outcome: { outcome: 'sold' } } });
    watcher.socket.close();
    expect(body.result).toMatchObject({
      outcome: { outcome: 'sold', paddle: paddles.bidder8, priceFen: 105_000_000 },
    });
    expect((await replay(id)).verdict).toBe('MATCH');

    const verified = sunlit('verify', '--auction', id, '--url', stackInfo().api);
    expect(verified.stdout).toContain(
      'ok   bids in the audit log: 2 bids proven against the signed checkpoint',
    );
    expect(verified.stdout).toContain(
      'ok   applications log: 4 entries, sealed until bidding and anchored in the public log, each anchor as the public log carries it',
    );
    expect(verified.stdout).toContain('ok   qualified bidders: 2 qualified in the applications log');
    expect(verified.stdout).toContain(`MATCH: auction ${id}`);
    expect(verified.status).toBe(0);
  });

  it('takes bids over the room from a bidder whose token its door checked, once each, and refuses watchers and bad tokens', async () => {
    const { id, salt, bidsFrom } = await announce(
      'land-auction',
      null,
      '城西片区 C-03 地块国有建设用地使用权',
    );
    const paddles = await qualify(id, ['bidder3', 'bidder4']);
    const bidder3 = await as('bidder3', bidsFrom);
    // Denied by the door's policy (403), an answer rather than a failure of its function.
    await expect(watch(id, { token: `${bidder3.token}x` })).rejects.toThrow(/403/);
    await expect(watch(id, { token: 'not-a-token' })).rejects.toThrow(/403/);
    // A token valid at $connect that expires while the connection stays open bids no more.
    const briefToken = await tokenFor('bidder3', undefined, 5);
    const brief = await watch(id, { token: briefToken, clockOffsetMs: bidsFrom });
    const expiresAt = decodeJwt(briefToken).exp! * 1000;
    await new Promise((r) => setTimeout(r, expiresAt - Date.now() + 500));
    brief.socket.send(JSON.stringify({ action: 'bid', amountFen: 100_000_000, sequence: 1, ref: 'stale' }));
    await until(() => brief.messages.some((m) => m.type === 'bid-refused'));
    expect(brief.messages.find((m) => m.type === 'bid-refused')).toMatchObject({
      ref: 'stale',
      error: {
        code: 'UNAUTHENTICATED',
        field: 'token',
        message: expect.stringMatching(/^token: expired at /),
      },
    });
    brief.socket.close();

    const watcher = await watch(id, { clockOffsetMs: bidsFrom });
    const desk = await watch(id, { token: bidder3.token, clockOffsetMs: bidsFrom });
    const answer = async (message: Body) => {
      const seen = desk.messages.length;
      desk.socket.send(JSON.stringify(message));
      await until(() => desk.messages.slice(seen).some((m) => m.type.startsWith('bid-')));
      return desk.messages.slice(seen).find((m) => m.type.startsWith('bid-'));
    };

    expect(await answer({ action: 'bid', amountFen: 100_500_000, sequence: 1, ref: 'odd' })).toMatchObject({
      type: 'bid-refused',
      ref: 'odd',
      error: { code: 'RULE_VIOLATED', field: 'amountFen' },
    });
    const bid = { action: 'bid', amountFen: 100_000_000, sequence: 1 };
    const accepted = await answer({ ...bid, ref: 'first' });
    expect(accepted).toMatchObject({
      type: 'bid-accepted',
      ref: 'first',
      bid: { auctionId: id, paddle: paddles.bidder3, sequence: 1, amountFen: 100_000_000 },
    });
    // The same bid again (its answer lost) is the same bid, not a second one nor a refusal.
    expect(await answer({ ...bid, ref: 'again' })).toEqual({ ...accepted, ref: 'again' });
    await until(() => watcher.messages.length >= 1);
    expect(watcher.messages[0]).toMatchObject({
      type: 'bid',
      state: { sequence: 1, leading: { paddle: paddles.bidder3 } },
    });

    expect(await answer({ action: 'bid', amountFen: 'many', sequence: 2 })).toMatchObject({
      type: 'bid-refused',
      error: { code: 'VALIDATION_FAILED', field: 'message.amountFen' },
    });
    watcher.socket.send(JSON.stringify({ ...bid, sequence: 2, amountFen: 101_000_000, ref: 'watcher' }));
    await until(() => watcher.messages.some((m) => m.type === 'bid-refused'));
    expect(watcher.messages.find((m) => m.type === 'bid-refused')).toMatchObject({
      ref: 'watcher',
      error: { code: 'UNAUTHENTICATED', field: 'token' },
    });

    // Bids over the room and over HTTP take one sequence; the replay finds both.
    // Two copies of one bid racing (a resend while the first is in flight) get one bid, twice.
    const bidder4 = await as('bidder4', bidsFrom);
    const copies = await Promise.all(
      [1, 2].map(() => bidder4.post(`/auctions/${id}/bids`, { amountFen: 101_000_000, sequence: 2 })),
    );
    expect(copies.map((c) => c.status)).toEqual([201, 201]);
    expect(copies[0]!.body).toEqual(copies[1]!.body);
    expect(await answer({ action: 'bid', amountFen: 102_000_000, sequence: 2, ref: 'late' })).toMatchObject({
      type: 'bid-refused',
      ref: 'late',
      error: { field: 'sequence' },
    });
    expect((await answer({ action: 'bid', amountFen: 102_000_000, sequence: 3 }))?.type).toBe('bid-accepted');
    // Each accepted bid was announced, over the room or HTTP; the resend of the latest bid again (its
    // first announcement might have been lost), the racing copy not.
    const announced = () => watcher.messages.filter((m) => m.type === 'bid').map((m) => m.bid?.sequence);
    await until(() => announced().length >= 4);
    expect([...announced()].sort()).toEqual([1, 1, 2, 3]);
    desk.socket.close();
    watcher.socket.close();

    const closer = await as('staff1', bidsFrom + DAY);
    const { body } = await closer.post<Body>(`/auctions/${id}/result`, { reserveFen: null, salt });
    expect(body.result).toMatchObject({
      outcome: { outcome: 'sold', paddle: paddles.bidder3, priceFen: 102_000_000 },
    });
    expect((await replay(id)).verdict).toBe('MATCH');
  });

  describe("the bidding clock, on a stack of its own (the test moves the clock, which the shared stack's other tests must not see)", () => {
    onOwnStack('bidding-clock');
    it("tells the room when bidding opens, re-reads a countdown a bid restarted, and tells it the end, on the auction's bidding clock", async () => {
      const { id, bidsFrom } = await announce('land-auction', null, '城中片区 D-09 地块国有建设用地使用权');
      const paddles = await qualify(id, ['bidder3', 'bidder4']);
      const countdown = dealKindOf('land-auction').countdown.ms;
      const watcher = await watch(id);
      const pushed = () => watcher.messages.filter((m) => m.type === 'auction').map((m) => m.auction);
      const info = stackInfo();

      // Bidding opens on the stack's clock: the clock's execution pushes it, with no bid to carry it.
      const opened = await stackNow();
      await advanceClock(info, bidsFrom);
      await until(() => pushed().some((a) => Date.parse(a.serverTime) >= opened + bidsFrom - 1000));
      expect(pushed().at(-1)?.state).toMatchObject({ phase: 'timed', sequence: 0 });

      // A bid a minute in restarts the countdown; past the first end, the clock finds it running.
      await advanceClock(info, MINUTE);
      const bid = await (
        await as('bidder3')
      ).post<LeadingView>(`/auctions/${id}/bids`, {
        amountFen: 100_000_000,
        sequence: 1,
      });
      expect(bid.status).toBe(201);
      await advanceClock(info, countdown - 30_000);
      // Pushed by the clock alone (a full state, no bid to carry it), past the countdown's first end.
      await until(() => Date.parse(pushed().at(-1)?.serverTime ?? '') > opened + bidsFrom + countdown);
      expect(pushed().at(-1)?.state).toMatchObject({
        phase: 'timed',
        sequence: 1,
        leading: { paddle: paddles.bidder3 },
      });

      // Past the restarted countdown, the end reaches the room, and the execution succeeds.
      await advanceClock(info, 31_000);
      await until(() => pushed().at(-1)?.state.phase === 'ended');
      expect(pushed().at(-1)?.state).toMatchObject({ phase: 'ended', leading: { paddle: paddles.bidder3 } });
      watcher.socket.close();
      const sfn = stepFunctionsFor(info);
      const machine = info.stateMachines.find((arn) => arn.endsWith('-BiddingClock'))!;
      const executionArn = `${machine.replace(':stateMachine:', ':execution:')}:${id}`;
      let status: string | undefined;
      for (let i = 0; i < 50 && status !== 'SUCCEEDED'; i++) {
        status = (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status;
        if (status !== 'SUCCEEDED') await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe('SUCCEEDED');
    }, 60_000);

    it('lets anyone watch the room and a bidder bid over it from the command line, a stale bid refused naming its field', async () => {
      const { id, bidsFrom } = await announce('land-auction', null, '城中片区 D-10 地块国有建设用地使用权');
      const paddles = await qualify(id, ['bidder3', 'bidder4']);
      const info = stackInfo();
      await advanceClock(info, bidsFrom);
      const cli = path.resolve(__dirname, '../../bin/sunlit.cjs');
      const watching = spawn(process.execPath, [
        cli,
        'auction',
        'watch',
        '--auction',
        id,
        '--seconds',
        '20',
        '--url',
        info.api,
      ]);
      let watched = '';
      watching.stdout.on('data', (chunk: Buffer) => (watched += chunk.toString('utf8')));
      const exited = new Promise((resolve) => watching.on('exit', resolve));
      await until(() => / timed until /.test(watched));

      const bid = sunlit('bid', '--auction', id, '--user', 'bidder4', '--url', info.api);
      expect(bid.stdout).toContain(`accepted: bid 1, paddle ${paddles.bidder4}, ¥1,000,000`);
      expect(bid.status).toBe(0);
      const stale = sunlit('bid', '--auction', id, '--user', 'bidder3', '--sequence', '1', '--url', info.api);
      expect(stale.stdout).toMatch(/^refused: CONFLICT \(sequence\): /);
      expect(stale.status).toBe(1);
      const watcherBid = sunlit('bid', '--auction', id, '--url', info.api);
      expect(watcherBid.stderr).toContain('Bidding needs a bidder');

      await until(() => watched.includes('bid 1:'));
      expect(watched).toContain(`bid 1: paddle ${paddles.bidder4} ¥1,000,000`);
      watching.kill();
      await exited;
    }, 60_000);
  });
});
