import * as z from 'zod';
import { DomainError } from '../kernel';
import { rules } from '../legal-rules';
import { TimeLimit, timeLimitsOf } from './alerts';
import { SupervisionDeps } from './ports';

export const KpiQuery = z.object({
  from: z.iso.datetime({ offset: true }).describe('time limits due at or after'),
  to: z.iso.datetime({ offset: true }).describe('time limits due before'),
});
export type KpiQuery = z.infer<typeof KpiQuery>;

const StepKpi = z.object({
  article: z.string(),
  /** Limits due in the period whose outcome is known: done, or passed without the step. */
  due: z.int().nonnegative(),
  onTime: z.int().nonnegative(),
  late: z.int().nonnegative(),
  /** onTime / due, or null when nothing was due. */
  onTimeRate: z.number().nullable(),
});

const Steps = z.record(z.string(), StepKpi);

export const KpiReport = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  agencies: z.array(z.object({ org: z.string(), steps: Steps })),
  /** Each staff member answerable for a limit due in the period: who took its step, or started its clock. */
  staff: z.array(z.object({ user: z.string(), steps: Steps })),
});
export type KpiReport = z.infer<typeof KpiReport>;

/** A time limit due in a period whose outcome is known, with the agency that had to meet it. */
export interface DueLimit {
  org: string;
  tenderId: string;
  limit: TimeLimit;
  onTime: boolean;
}

/**
 * Every time limit due in [from, to) whose outcome is known at `now`: done (on time or late), or
 * passed without the step. One still open and not yet due is left out. The agency is the project's
 * 招标代理, or the tenderer itself when it runs its own tender.
 */
export const limitsDueIn = async (
  deps: SupervisionDeps,
  from: Date,
  to: Date,
  now: Date,
): Promise<DueLimit[]> => {
  const due: DueLimit[] = [];
  for (const tender of await deps.store.tenders()) {
    const project = await deps.store.project(tender.projectId);
    const org = project?.agencyOrg ?? project?.tendererOrg ?? '—';
    for (const limit of await timeLimitsOf(deps, tender, now)) {
      if (limit.dueAt < from || limit.dueAt >= to) continue;
      const onTime = limit.doneAt !== undefined && limit.doneAt <= limit.dueAt;
      if (!onTime && !limit.doneAt && now <= limit.dueAt) continue;
      due.push({ org, tenderId: tender.id, limit, onTime });
    }
  }
  return due;
};

/** On-time rates per step of whoever `keyOf` names for each limit due in a period (none: not counted). */
const kpisBy = (due: DueLimit[], keyOf: (limit: DueLimit) => string | undefined) => {
  const counts = new Map<string, Map<string, { onTime: number; late: number }>>();
  for (const one of due) {
    const key = keyOf(one);
    if (key === undefined) continue;
    const steps = counts.get(key) ?? new Map<string, { onTime: number; late: number }>();
    const step = steps.get(one.limit.rule) ?? { onTime: 0, late: 0 };
    step[one.onTime ? 'onTime' : 'late'] += 1;
    counts.set(key, steps.set(one.limit.rule, step));
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, steps]) => ({
      key,
      steps: Object.fromEntries(
        [...steps].map(([rule, { onTime, late }]) => [
          rule,
          {
            article: rules[rule as keyof typeof rules].article,
            due: onTime + late,
            onTime,
            late,
            onTimeRate: onTime + late > 0 ? onTime / (onTime + late) : null,
          },
        ]),
      ),
    }));
};

/** Each agency's and each staff member's on-time rate per step, from the limits due in a period. */
export const kpisOf = (due: DueLimit[]): Pick<KpiReport, 'agencies' | 'staff'> => ({
  agencies: kpisBy(due, (one) => one.org).map(({ key, steps }) => ({ org: key, steps })),
  staff: kpisBy(due, (one) => one.limit.owner).map(({ key, steps }) => ({ user: key, steps })),
});

/** 限时办结: each agency's and each staff member's on-time rate per step over a period, for regulators. */
export const timeLimitKpis = async (deps: SupervisionDeps, query: KpiQuery): Promise<KpiReport> => {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (!(from < to))
    throw new DomainError('VALIDATION_FAILED', 'from must be before to.', { field: 'query.from' });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    ...kpisOf(await limitsDueIn(deps, from, to, deps.clock.now())),
  };
};
