import * as z from 'zod';
import { DomainError } from '../kernel';
import { rules } from '../legal-rules';
import { timeLimitsOf } from './alerts';
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

/**
 * 限时办结: each agency's on-time rate per step over a period, for regulators. The agency is the
 * project's 招标代理, or the tenderer itself when it runs its own tender. A limit counts in the
 * period its due time falls in, once its outcome is known; one still open and not yet due does not.
 */
export const timeLimitKpis = async (deps: SupervisionDeps, query: KpiQuery): Promise<KpiReport> => {
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (!(from < to))
    throw new DomainError('VALIDATION_FAILED', 'from must be before to.', { field: 'query.from' });
  const now = deps.clock.now();
  const counts = new Map<string, Map<string, { onTime: number; late: number }>>();
  for (const tender of await deps.store.tenders()) {
    const project = await deps.store.project(tender.projectId);
    const org = project?.agencyOrg ?? project?.tendererOrg ?? '—';
    for (const limit of await timeLimitsOf(deps, tender, now)) {
      if (limit.dueAt < from || limit.dueAt >= to) continue;
      const onTime = limit.doneAt !== undefined && limit.doneAt <= limit.dueAt;
      if (!onTime && !limit.doneAt && now <= limit.dueAt) continue;
      const steps = counts.get(org) ?? new Map<string, { onTime: number; late: number }>();
      const step = steps.get(limit.rule) ?? { onTime: 0, late: 0 };
      step[onTime ? 'onTime' : 'late'] += 1;
      counts.set(org, steps.set(limit.rule, step));
    }
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    agencies: [...counts]
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
      })),
  };
};
