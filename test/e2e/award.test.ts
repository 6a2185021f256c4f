import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { verifyLog } from '../../packages/audit-log/offline-verifier';
import { commitment } from '../../packages/expert-draw/secrets';
import { callApi, stackInfo } from '../support/local-stack';
import { aForm, shareAndOpen, submitBid } from './bidding-client';
import { as } from './client';
import { DAY, Json, publishedTender } from './tender-fixture';

const sunlit = (...args: string[]) =>
  spawnSync(
    process.execPath,
    [path.resolve(__dirname, '../../bin/sunlit.cjs'), ...args, '--url', stackInfo().api],
    {
      encoding: 'utf8',
    },
  );

describe('from the opening to the award, through the API', () => {
  it('opens, draws the committee, records the report, runs the publicity with an objection, and awards', async () => {
    const { tender } = await publishedTender(['bidder1', 'bidder2', 'bidder3', 'bidder4']);
    for (const [i, name] of ['bidder1', 'bidder2', 'bidder3'].entries()) {
      expect((await submitBid(await as(name), tender.id, aForm(90_000_000 - i * 1_000_000))).status).toBe(
        200,
      );
    }
    // Each step a little later than the one before, all after the bid deadline.
    let step = new Date(tender.schedule.bidDeadline).getTime() - Date.now();
    const later = async (user: string, days = 0) => as(user, (step += 1000 + days * DAY));

    expect((await (await later('staff1')).post<Json>(`/tenders/${tender.id}/opening`)).body.status).toBe(
      'awaiting-shares',
    );
    // The bids are decrypted in the background; the evaluation follows the published record.
    await shareAndOpen(tender.id, later);

    const draw = (
      await (
        await later('staff1')
      ).post<Json>(`/tenders/${tender.id}/draws`, {
        quotas: [
          { specialty: 'A010101', count: 3, reserves: 1 },
          { specialty: 'A030101', count: 2, reserves: 1 },
        ],
      })
    ).body;
    const secret = randomBytes(32).toString('hex');
    const regulator = await later('regulator1');
    await regulator.post(`/draws/${draw.id}/commitments`, { commitment: commitment(secret) });
    const drawn = (await regulator.post<Json>(`/draws/${draw.id}/reveals`, { secret })).body;
    const members = drawn.result.picks.flatMap((p: Json) => p.primaries);
    const staff = await later('staff1');
    for (const expertId of members) {
      expect(
        (await staff.post(`/tenders/${tender.id}/committee/answers`, { expertId, response: 'confirmed' }))
          .status,
      ).toBe(200);
    }

    const slot = (await staff.post<Json>(`/tenders/${tender.id}/evaluation/report-file`)).body;
    expect(
      (await fetch(slot.uploadUrl, { method: 'PUT', body: '%PDF-1.7 评标报告', headers: slot.headers }))
        .status,
    ).toBe(200);
    const report = await staff.put<Json>(`/tenders/${tender.id}/evaluation`, {
      candidates: [
        { bidderOrg: 'ORG-BIDDER-3', price: 88_000_000 },
        { bidderOrg: 'ORG-BIDDER-2', price: 89_000_000 },
        { bidderOrg: 'ORG-BIDDER-1', price: 90_000_000 },
      ],
      signedBy: members,
      reportFile: slot.objectKey,
    });
    expect(report.status).toBe(200);
    expect((await (await later('bidder1')).get(`/tenders/${tender.id}/evaluation`)).status).toBe(403);

    const publicity = await (
      await later('staff1')
    ).post<Json>(`/tenders/${tender.id}/publicity`, { days: 3 });
    expect(publicity.status).toBe(201);
    const notices = await callApi<Json>('/notices?type=candidates&limit=50');
    expect(notices.body.notices.map((n: Json) => n.tenderId)).toContain(tender.id);
    expect(
      (
        await (
          await later('bidder1')
        ).post(`/tenders/${tender.id}/publicity/objections`, { text: '第一候选人资质存疑' })
      ).status,
    ).toBe(200);

    const early = await (await later('staff1', 4)).post<Json>(`/tenders/${tender.id}/result`, {});
    expect(early.status).toBe(422);
    expect(early.body.error.message).toContain('objection 1');
    await (
      await later('staff1')
    ).post(`/tenders/${tender.id}/publicity/objections/1/answer`, { answer: '资质核验无误。' });
    const award = await (await later('staff1')).post<Json>(`/tenders/${tender.id}/result`, {});
    expect(award.status).toBe(200);
    expect(award.body.winner).toEqual({ bidderOrg: 'ORG-BIDDER-3', price: 88_000_000 });

    const inbox = async (user: string) =>
      (await (await as(user)).get<Json>('/me/notices?limit=50')).body.notices
        .filter((n: Json) => n.tenderId === tender.id)
        .map((n: Json) => n.type);
    expect(await inbox('bidder3')).toContain('award');
    expect(await inbox('bidder1')).toContain('result');
    expect(await inbox('bidder4')).not.toContain('result');

    const alerts = await (await as('regulator1')).get<Json>('/supervision/alerts');
    expect(alerts.status).toBe(200);
    // The objection was answered four days after it was raised: one day late.
    expect(alerts.body.alerts.filter((a: Json) => a.tenderId === tender.id)).toEqual([
      expect.objectContaining({ rule: 'publicity-objection-answer', article: '条例54' }),
    ]);
    expect((await (await as('bidder1')).get('/supervision/alerts')).status).toBe(403);

    // With the result out, anyone re-verifies the draw from the public record.
    const verified = sunlit('draw', 'verify', '--draw', draw.id);
    expect(verified.stdout).toContain(`MATCH: draw ${draw.id}`);
    expect(verified.status).toBe(0);
    expect((await verifyLog(httpLogClient(stackInfo().api))).checkpoint.size).toBeGreaterThan(0);
  });
});
