import * as z from 'zod';
import { rules, deadlineFor, calendarFor } from '../legal-rules';
import { Tender } from '../tenders';
import { SupervisionDeps } from './ports';
import { waitLimits } from '../lifecycle';
/** A time limit that passed without its step (电子监察): what, since when, and the article it breaks. */
export const Alert = z.object({
  tenderId: z.string(),
  rule: z.string(),
  article: z.string(),
  message: z.string(),
  dueAt: z.iso.datetime(),
});
export type Alert = z.infer<typeof Alert>;

const alert = (tender: Tender, ruleId: keyof typeof rules, dueAt: Date, message: string): Alert => ({
  tenderId: tender.id,
  rule: ruleId,
  article: rules[ruleId].article,
  message: `${tender.name}: ${message}`,
  dueAt: dueAt.toISOString(),
});

/** The alerts of one tender at `now`, from the same rule table that refuses unlawful requests. */
const alertsOf = async (deps: SupervisionDeps, tender: Tender, now: Date): Promise<Alert[]> => {
  const [evaluation, publicity, award, contract, lifecycle] = await Promise.all([
    deps.store.evaluation(tender.id),
    deps.store.publicity(tender.id),
    deps.store.award(tender.id),
    deps.store.contract(tender.id),
    deps.store.lifecycle(tender.id),
  ]);
  const alerts: Alert[] = [];
  const calendar = await calendarFor(deps, now);
  if (evaluation) {
    const due = deadlineFor('publicity-start', new Date(evaluation.recordedAt), calendar);
    if ((publicity ? new Date(publicity.startsAt) : now) > due) {
      alerts.push(
        alert(
          tender,
          'publicity-start',
          due,
          'candidate publicity did not start within 3 days of the evaluation report',
        ),
      );
    }
  }
  for (const objection of publicity?.objections ?? []) {
    const answeredAt = objection.answeredAt ? new Date(objection.answeredAt) : now;
    if (answeredAt > new Date(objection.answerDueAt)) {
      alerts.push(
        alert(
          tender,
          'publicity-objection-answer',
          new Date(objection.answerDueAt),
          `objection ${objection.number} was not answered within 3 days`,
        ),
      );
    }
  }
  if (award && !contract) {
    const due = deadlineFor('contract-signing', new Date(award.awardedAt), calendar);
    if (now > due)
      alerts.push(
        alert(tender, 'contract-signing', due, 'no contract signed within 30 days of the award notice'),
      );
  }
  // The lifecycle's own overdue waits, open while their step is still awaited, where the rule
  // table above has not already named the breach.
  for (const overdue of lifecycle?.overdue ?? []) {
    if (overdue.step !== lifecycle?.waiting?.step || alerts.some((a) => a.rule === overdue.rule)) continue;
    alerts.push({
      tenderId: tender.id,
      rule: overdue.rule,
      article: overdue.article,
      message: `${tender.name}: ${waitLimits[overdue.step].description} — still awaited, due ${overdue.dueAt}`,
      dueAt: overdue.dueAt,
    });
  }
  if (lifecycle?.failure) {
    alerts.push({
      tenderId: tender.id,
      rule: 'lifecycle-failed',
      article: '—',
      message: `${tender.name}: the lifecycle stopped on ${lifecycle.failure.error}; staff must act`,
      dueAt: lifecycle.failure.at,
    });
  }
  return alerts;
};

/** Every open supervision alert, oldest first, for regulators. */
export const supervisionAlerts = async (deps: SupervisionDeps): Promise<{ alerts: Alert[] }> => {
  const now = deps.clock.now();
  const tenders = await deps.store.tenders();
  const alerts = (await Promise.all(tenders.map((t) => alertsOf(deps, t, now)))).flat();
  return { alerts: alerts.sort((a, b) => a.dueAt.localeCompare(b.dueAt)) };
};
