import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { httpLogClient } from '../../packages/audit-log/http-log-client';
import { verifyLog } from '../../packages/audit-log/offline-verifier';
import { callApi, stackInfo } from '../support/local-stack';
import { evaluatedTender } from './award-fixture';
import { as } from './client';
import { Json } from './tender-fixture';

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
    const { tender, draw, later } = await evaluatedTender(
      ['bidder1', 'bidder2', 'bidder3', 'bidder4'],
      [
        { bidderOrg: 'ORG-BIDDER-3', price: 88_000_000 },
        { bidderOrg: 'ORG-BIDDER-2', price: 89_000_000 },
        { bidderOrg: 'ORG-BIDDER-1', price: 90_000_000 },
      ],
    );
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
