import { stringify } from 'csv-stringify/sync';
import * as z from 'zod';
import { DomainError } from '../kernel';
import { periodRule } from '../legal-rules';
import { CaseView } from './cases';
import { kpisOf, limitsDueIn } from './kpis';
import { CaseDeps } from './ports';

export const ReportPath = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM')
    .describe('the month, in Beijing time, e.g. 2026-11'),
});

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The month in Beijing time, as instants: from its first midnight to the next month's. */
export const monthBounds = (month: string) => {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return {
    from: new Date(Date.UTC(year, number - 1, 1) - BEIJING_OFFSET_MS),
    to: new Date(Date.UTC(year, number, 1) - BEIJING_OFFSET_MS),
  };
};

const columns = [
  'section',
  'org',
  'staff',
  'tenderId',
  'caseId',
  'rule',
  'article',
  'due',
  'onTime',
  'late',
  'onTimeRate',
  'at',
  'doneAt',
  'status',
] as const;
type Row = Partial<Record<(typeof columns)[number], string | number>>;

const iso = (at: Date | undefined) => at?.toISOString() ?? '';

/** When a case reached a status, if it did. */
const reached = (one: CaseView, status: CaseView['status']) =>
  one.history.find((e) => e.status === status)?.at;

/**
 * The regulator's monthly report (绩效评估), as CSV, one row per fact, its `section` saying which:
 * - `time-limit`: each agency's limits due in the month per step (限时办结), met and missed;
 * - `staff-time-limit`: the same for each staff member answerable for a limit (`staff`);
 * - `alert`: each limit due in the month (`at`) and missed, done late (`doneAt`) or never (`status=open`);
 * - `case`: each monitoring case opened (`at`) or completed (`doneAt`) in the month, its status and
 *   the article breached, if it found one.
 * A month not over yet is reported as it stands; one not begun is refused.
 */
export const monthlyReport = async (deps: CaseDeps, month: string): Promise<string> => {
  const { from, to } = monthBounds(month);
  const now = deps.clock.now();
  if (now < from) {
    throw new DomainError('VALIDATION_FAILED', `${month} has not begun; report a month under way or past.`, {
      field: 'path.month',
    });
  }
  const due = await limitsDueIn(deps, from, to, now);
  const { agencies, staff } = kpisOf(due);
  const stepRows = (section: string, who: Row, steps: (typeof agencies)[number]['steps']): Row[] =>
    Object.entries(steps).map(([rule, step]) => ({
      section,
      ...who,
      rule,
      article: step.article,
      due: step.due,
      onTime: step.onTime,
      late: step.late,
      onTimeRate: step.onTimeRate === null ? '' : step.onTimeRate.toFixed(4),
    }));
  const limitRows: Row[] = [
    ...agencies.flatMap(({ org, steps }) => stepRows('time-limit', { org }, steps)),
    ...staff.flatMap(({ user, steps }) => stepRows('staff-time-limit', { staff: user }, steps)),
  ];
  const alertRows: Row[] = due
    .filter((one) => !one.onTime)
    .sort((a, b) => a.limit.dueAt.getTime() - b.limit.dueAt.getTime())
    .map(({ org, tenderId, limit }) => ({
      section: 'alert',
      org,
      staff: limit.owner ?? '',
      tenderId,
      rule: limit.rule,
      article: periodRule(limit.rule).article,
      at: iso(limit.dueAt),
      doneAt: iso(limit.doneAt),
      status: limit.doneAt ? 'late' : 'open',
    }));
  const inMonth = (at: string | undefined) => at !== undefined && at >= iso(from) && at < iso(to);
  const caseRows: Row[] = (await deps.store.monitoringCases())
    .filter((one) => inMonth(one.openedAt) || inMonth(reached(one, 'completed')))
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt))
    .map((one) => ({
      section: 'case',
      tenderId: one.tenderId,
      caseId: one.id,
      article: one.history.find((e) => e.step === 'conclude')?.article ?? '',
      at: one.openedAt,
      doneAt: reached(one, 'completed') ?? '',
      status: one.status,
    }));
  return stringify([...limitRows, ...alertRows, ...caseRows], {
    header: true,
    columns: [...columns],
    // A text typed by a user must not run as a formula in the regulator's spreadsheet.
    escape_formulas: true,
  });
};
