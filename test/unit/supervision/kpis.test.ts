import { recordReport } from '../../../packages/award/evaluation';
import {
  answerPublicityObjection,
  raisePublicityObjection,
  startPublicity,
} from '../../../packages/award/publicity';
import { publishResult, recordContract } from '../../../packages/award/result';
import { timeLimitKpis } from '../../../packages/supervision';
import { candidates, evaluated } from '../award/evaluated-tender';
import { bidder, DAY, staff } from '../tenders/published-tender';

const staff2 = { ...staff, user: 'staff2' };

describe('time-limit KPIs (限时办结)', () => {
  it('counts each agency’s and each staff member’s steps due in the period as on time or late, and leaves out those still open and not yet due', async () => {
    const { world, members, reportFile } = await evaluated();
    const start = world.clock.now().toISOString();
    const period = { from: start, to: new Date(world.clock.now().getTime() + 365 * DAY).toISOString() };
    await recordReport(world.deps, staff, world.tender.id, { candidates, signedBy: members, reportFile });
    expect((await timeLimitKpis(world.deps, period)).agencies).toEqual([]);
    world.clock.advance(3 * DAY + 1);
    // Not started and past its limit: the report's recorder answers for it, until someone starts it.
    expect((await timeLimitKpis(world.deps, period)).staff).toEqual([
      { user: 'staff1', steps: { 'publicity-start': expect.objectContaining({ due: 1, late: 1 }) } },
    ]);
    await startPublicity(world.deps, staff2, world.tender.id, 3);
    await raisePublicityObjection(world.deps, bidder(1), world.tender.id, '异议');
    await answerPublicityObjection(world.deps, staff, world.tender.id, 1, '答复');
    world.clock.advance(3 * DAY + 1);
    await publishResult(world.deps, staff, world.tender.id);
    const beforeContract = await timeLimitKpis(world.deps, period);
    expect(Object.keys(beforeContract.agencies[0]!.steps).sort()).toEqual([
      'publicity-objection-answer',
      'publicity-start',
    ]);
    world.clock.advance(31 * DAY);
    await recordContract(world.deps, staff, world.tender.id, '2026-05-10');
    const report = await timeLimitKpis(world.deps, period);
    expect(report.agencies).toEqual([
      {
        org: 'ORG-AGENCY-1',
        steps: {
          'publicity-start': { article: '条例54', due: 1, onTime: 0, late: 1, onTimeRate: 0 },
          'publicity-objection-answer': { article: '条例54', due: 1, onTime: 1, late: 0, onTimeRate: 1 },
          'contract-signing': { article: '法46', due: 1, onTime: 0, late: 1, onTimeRate: 0 },
        },
      },
    ]);
    // Each staff member answers for the steps they took: staff2 started the publicity late.
    expect(report.staff).toEqual([
      {
        user: 'staff1',
        steps: {
          'publicity-objection-answer': expect.objectContaining({ onTime: 1, late: 0 }),
          'contract-signing': expect.objectContaining({ onTime: 0, late: 1 }),
        },
      },
      { user: 'staff2', steps: { 'publicity-start': expect.objectContaining({ onTime: 0, late: 1 }) } },
    ]);
    const earlier = { from: '2025-01-01T00:00:00Z', to: start };
    expect((await timeLimitKpis(world.deps, earlier)).agencies).toEqual([]);
  });

  it('refuses a period that ends before it starts', async () => {
    const { world } = await evaluated();
    await expect(
      timeLimitKpis(world.deps, { from: '2026-05-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'query.from' } });
  });
});
