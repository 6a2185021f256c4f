import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commitment } from '../../packages/expert-draw/secrets';
import { eventually, stackInfo } from '../support/local-stack';
import { as } from './client';
import { DAY, Json, publishedTender } from './tender-fixture';

const sitting = { at: '2026-12-30T09:00:00+08:00', place: '交易中心四楼第二评标室' };

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

describe('notifications on the local stack', () => {
  it('delivers each drawn expert their summons by SMS into the sink, saying when and where only', async () => {
    const { tender } = await publishedTender(['bidder1', 'bidder2']);
    const staff = await as('staff1', 22 * DAY);
    const regulator = await as('regulator1', 22 * DAY);
    const requested = await staff.post<Json>(`/tenders/${tender.id}/draws`, {
      quotas: [{ specialty: 'A020101', count: 5, reserves: 0 }],
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
    const phones = (committee.seats as Json[]).map((s) => s.phone as string).sort();
    expect(phones).toHaveLength(5);

    // The relay runs every minute from the template's rule.
    const delivered = await eventually(async () => {
      const mine = [...sink('sms').values()].filter((m) => phones.includes(m.to));
      return mine.length === 5 ? mine : undefined;
    }, 150_000);
    expect(delivered.map((m) => m.to).sort()).toEqual(phones);
    for (const message of delivered) {
      expect(message.body).toContain('2026-12-30 09:00');
      expect(message.body).toContain(sitting.place);
      for (const hidden of [tender.id, tender.projectId, tender.name, 'ORG-BIDDER']) {
        expect(JSON.stringify(message)).not.toContain(hidden);
      }
    }
    // Nothing went to the email sink for these experts.
    expect([...sink('email').values()].filter((m) => phones.includes(m.to))).toEqual([]);
  }, 240_000);
});
