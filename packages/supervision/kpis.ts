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

export const KpiReport = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  agencies: z.array(z.object({ org: z.string(), steps: z.record(z.string(), StepKpi) })),
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

/** Each agency's on-time rate per step, from the limits due in a period. */
export const agencyKpis = (due: DueLimit[]): KpiReport['agencies'] => {
  const counts = new Map<string, Map<string, { onTime: number; late: number }>>();
  for (const { org, limit, onTime } of due) {
    const steps = counts.get(org) ?? new Map<string, { onTime: number; late: number }>();
    const step = steps.get(limit.rule) ?? { onTime: 0, late: 0 };
    step[onTime ? 'onTime' : 'late'] += 1;
    counts.set(org, steps.set(limit.rule, step));
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([org, steps]) => ({
      org,
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

/** 限时办结: each agency's on-time rate per step over a period, for regulators. */
export const timeLimitKpis = async (deps: SupervisionDeps, query: KpiQuery): Promise<KpiReport> => {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (!(from < to))
    throw new DomainError('VALIDATION_FAILED', 'from must be before to.', { field: 'query.from' });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    agencies: agencyKpis(await limitsDueIn(deps, from, to, deps.clock.now())),
  };
};
