import { parse } from 'csv-parse/sync';
import { recordReport } from '../../../packages/award/evaluation';
import { monthlyReport, openCase, takeCaseStep } from '../../../packages/supervision';
import { monthBounds, ReportPath } from '../../../packages/supervision/report';
import { CaseStep } from '../../../packages/supervision/cases';
import { candidates, evaluated } from '../award/evaluated-tender';
import { DAY, failure, regulator, staff } from '../tenders/published-tender';

const rowsOf = (csv: string): Record<string, string>[] => parse(csv, { columns: true });
const monthOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

/** A case on the world's tender, opened, activated and concluded by the regulator. */
const concludedCase = async (
  world: Awaited<ReturnType<typeof evaluated>>['world'],
  concern: string,
  conclusion: Omit<Extract<CaseStep, { step: 'conclude' }>, 'step'>,
) => {
  const { case: opened } = await openCase(world.deps, regulator, { tenderId: world.tender.id, concern });
  await takeCaseStep(world.deps, regulator, opened.id, { step: 'activate' });
  await takeCaseStep(world.deps, regulator, opened.id, { step: 'conclude', ...conclusion });
  return opened;
};

describe("the regulator's monthly report (绩效评估)", () => {
  it('lists the time limits met and missed per agency, each missed one, and the cases opened and completed', async () => {
    const { world, members, reportFile } = await evaluated();
    await recordReport(world.deps, staff, world.tender.id, { candidates, signedBy: members, reportFile });
    // Publicity should start within 3 days of the report (条例54); on day 4 it has not.
    world.clock.advance(4 * DAY);
    const opened = await concludedCase(world, '公示超期未开始', { finding: 'no-violation', text: '已督促' });
    await takeCaseStep(world.deps, regulator, opened.id, { step: 'complete', text: '结案' });
    const month = monthOf(world.clock.now());
    const rows = rowsOf(await monthlyReport(world.deps, month));
    const dueAt = rows.find((r) => r.section === 'alert')?.at;
    expect(rows).toEqual([
      expect.objectContaining({
        section: 'time-limit',
        org: 'ORG-AGENCY-1',
        rule: 'publicity-start',
        article: '条例54',
        due: '1',
        onTime: '0',
        late: '1',
        onTimeRate: '0.0000',
      }),
      // The report's recorder answers for the publicity nobody started.
      expect.objectContaining({
        section: 'staff-time-limit',
        org: '',
        staff: 'staff1',
        rule: 'publicity-start',
        due: '1',
        late: '1',
      }),
      expect.objectContaining({
        section: 'alert',
        staff: 'staff1',
        tenderId: world.tender.id,
        rule: 'publicity-start',
        doneAt: '',
        status: 'open',
      }),
      expect.objectContaining({
        section: 'case',
        tenderId: world.tender.id,
        caseId: opened.id,
        at: opened.openedAt,
        doneAt: world.clock.now().toISOString(),
        status: 'completed',
      }),
    ]);
    expect(new Date(dueAt!).getTime()).toBeLessThan(world.clock.now().getTime());
    // The month before holds nothing but the header; a month not begun is refused, naming the field.
    const before = new Date(world.clock.now().getTime() - 40 * DAY);
    expect(rowsOf(await monthlyReport(world.deps, monthOf(before)))).toEqual([]);
    expect(await failure(monthlyReport(world.deps, '2099-01'))).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'path.month',
    });
  });

  it('writes a typed article that looks like a formula as text, so no spreadsheet runs it', async () => {
    const { world } = await evaluated();
    await concludedCase(world, '核查', { finding: 'violation', article: '=HYPERLINK("x")', text: '违规' });
    const rows = rowsOf(await monthlyReport(world.deps, monthOf(world.clock.now())));
    expect(rows.filter((r) => r.section === 'case').map((r) => r.article)).toEqual([`'=HYPERLINK("x")`]);
  });

  it('counts the month in Beijing time, from its first midnight to the next month’s', () => {
    expect(monthBounds('2026-11')).toEqual({
      from: new Date('2026-10-31T16:00:00.000Z'),
      to: new Date('2026-11-30T16:00:00.000Z'),
    });
    expect(monthBounds('2026-12').to).toEqual(new Date('2026-12-31T16:00:00.000Z'));
    expect(ReportPath.safeParse({ month: '2026-13' }).success).toBe(false);
  });
});
