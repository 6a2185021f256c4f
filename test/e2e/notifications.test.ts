import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { localEd25519Signer } from '../../packages/audit-log';
import { cstDate } from '../../packages/legal-rules';
import { commitment } from '../../packages/expert-draw/secrets';
import { ANSWER_LINK_LIFETIME_MS, signAnswerToken } from '../../packages/notifications/answer-link';
import { advanceClock, callApi, eventually, stackInfo } from '../support/local-stack';
import { onOwnStack } from '../support/stack-process';
import { as } from './client';
import { DAY, Json, publishedTender } from './tender-fixture';

const place = '交易中心四楼第二评标室';

/** What the local sink holds for a channel: each delivered message, by id. */
const sink = (channel: string): Map<string, Json> => {
  const folder = path.join(stackInfo().dataDir, 'outbox-sink', channel);
  if (!existsSync(folder)) return new Map();
  return new Map(
    readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [
        f.slice(0, -'.json'.length),
        JSON.parse(readFileSync(path.join(folder, f), 'utf8')) as Json,
      ]),
  );
};

/** The token of the answer link a message ends with. */
const tokenOf = (message: Json): string => {
  const match = /#\/experts\/answer\?token=([\w.-]+)$/.exec(message.body as string);
  if (!match) throw new Error(`no answer link in: ${message.body}`);
  return match[1]!;
};

/** An expert answering by link: no account, the token is the credential. */
const answer = (body: Json, clockOffsetMs = 0) =>
  callApi<Json>('/experts/answers', { method: 'POST', body, clockOffsetMs });

describe('notifications on the local stack', () => {
  // The outbox relay runs each minute of the stack's clock: this file moves it, on a stack of its own.
  onOwnStack('notifications');
  let tender: Json;
  let staff: Awaited<ReturnType<typeof as>>;
  let phones: string[];
  let delivered: Json[];

  // The later tests answer the summonses this one delivers.
  it('delivers each drawn expert their summons by SMS into the sink, saying when and where only, with a link to answer', async () => {
    ({ tender } = await publishedTender(['bidder1', 'bidder2']));
    // The committee sits at 09:00 Beijing time the day after the deadline, whenever the suite runs.
    const sittingDay = cstDate(new Date(Date.parse(tender.schedule.bidDeadline) + DAY));
    const sitting = { at: `${sittingDay}T09:00:00+08:00`, place };
    staff = await as('staff1', 22 * DAY);
    const regulator = await as('regulator1', 22 * DAY);
    const requested = await staff.post<Json>(`/tenders/${tender.id}/draws`, {
      quotas: [{ specialty: 'A020101', count: 5, reserves: 1 }],
      sitting,
    });
    expect(requested.status).toBe(201);
    const drawId = requested.body.id as string;
    const secret = randomBytes(32).toString('hex');
    expect(
      (await regulator.post(`/draws/${drawId}/commitments`, { commitment: commitment(secret) })).status,
    ).toBe(200);
    expect((await regulator.post<Json>(`/draws/${drawId}/reveals`, { secret })).body.status).toBe('drawn');
    const committee = (await staff.get<Json>(`/tenders/${tender.id}/committee`)).body;
    phones = (committee.seats as Json[]).map((s) => s.phone as string).sort();
    expect(phones).toHaveLength(5);

    // The relay runs every minute from the template's rule: a minute passes on the stack's clock.
    await advanceClock(stackInfo(), 60_000);
    delivered = await eventually(async () => {
      const mine = [...sink('sms').values()].filter((m) => phones.includes(m.to));
      return mine.length === 5 ? mine : undefined;
    }, 150_000);
    expect(delivered.map((m) => m.to).sort()).toEqual(phones);
    for (const message of delivered) {
      expect(message.body).toContain(`${sittingDay} 09:00`);
      expect(message.body).toContain(place);
      expect(message.body).toContain(`${stackInfo().api}/#/experts/answer?token=`);
      // Nor does the link's token, whose claims anyone holding it can read.
      const claims = Buffer.from(tokenOf(message).split('.')[1]!, 'base64url').toString('utf8');
      for (const hidden of [tender.id, tender.projectId, tender.name, 'ORG-BIDDER']) {
        expect(JSON.stringify(message)).not.toContain(hidden);
        expect(claims).not.toContain(hidden);
      }
    }
    // Nothing went to the email sink for these experts.
    expect([...sink('email').values()].filter((m) => phones.includes(m.to))).toEqual([]);
  }, 240_000);

  it("confirms the expert's seat by the link's token, as staff see it, and the same answer again changes nothing", async () => {
    const message = delivered[0]!;
    const token = tokenOf(message);
    const first = await answer({ token, response: 'confirmed' });
    expect(first).toMatchObject({ status: 200, body: { response: 'confirmed' } });

    const seatOf = async () =>
      ((await staff.get<Json>(`/tenders/${tender.id}/committee`)).body.seats as Json[]).find(
        (s) => s.phone === message.to,
      );
    expect(await seatOf()).toMatchObject({ status: 'confirmed', answeredAt: first.body.answeredAt });

    const replay = await answer({ token, response: 'confirmed' });
    expect(replay).toMatchObject({ status: 200, body: first.body });
    const changed = await answer({ token, response: 'declined', reason: '临时出差' });
    expect(changed).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', field: 'response' } } });
    expect(await seatOf()).toMatchObject({ status: 'confirmed', answeredAt: first.body.answeredAt });
  });

  it('refuses a forged, an expired and a malformed token, naming it, and changes nothing', async () => {
    const message = delivered[1]!;
    const genuine = tokenOf(message);
    const claims = JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString('utf8')) as Json;
    const otherKey = localEd25519Signer('forger', generateKeyPairSync('ed25519').privateKey);
    const forged = await signAnswerToken(
      otherKey,
      { drawId: claims.draw as string, expertId: claims.sub as string },
      new Date(),
    );
    expect(await answer({ token: forged, response: 'declined' })).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED', field: 'token' } },
    });
    const expired = await answer({ token: genuine, response: 'declined' }, ANSWER_LINK_LIFETIME_MS + DAY);
    expect(expired).toMatchObject({ status: 401, body: { error: { field: 'token' } } });
    expect(expired.body.error.message).toContain('expired');
    expect(await answer({ token: 'not-a-token', response: 'declined' })).toMatchObject({
      status: 400,
      body: { error: { field: 'body.token' } },
    });
    const seats = (await staff.get<Json>(`/tenders/${tender.id}/committee`)).body.seats as Json[];
    expect(seats.find((s) => s.phone === message.to)).toMatchObject({ status: 'notified' });
    expect(seats).toHaveLength(5);
  });
});
