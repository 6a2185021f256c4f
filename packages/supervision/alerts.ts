import * as z from 'zod';
import { challengeClocks, reviewsDue } from '../complaints';
import { Refund, ServiceFee } from '../ledger';
import { deadlineFor, calendarFor, periodRule, PeriodRuleId, TimeLimitId, yuan } from '../legal-rules';
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

const alert = (tender: Tender, ruleId: TimeLimitId, dueAt: Date, message: string): Alert => ({
  tenderId: tender.id,
  rule: ruleId,
  article: periodRule(ruleId).article,
  message: `${tender.name}: ${message}`,
  dueAt: dueAt.toISOString(),
});

/** A time limit of one tender (限时办结): when its step was due, and when it was done, if it was. */
export interface TimeLimit {
  rule: PeriodRuleId;
  dueAt: Date;
  doneAt?: Date;
  /** What the step is, in words, when it is late. */
  late: string;
  /** Whether a step done late still raises its alert (a late publicity does; a late contract no longer does). */
  alertWhenDone: boolean;
  /**
   * The staff member answerable for it: whoever took the step, or, while it is not taken, whoever
   * started its clock (the report's recorder for the publicity, the publicity's starter for an
   * objection's answer). Absent where the records name nobody.
   */
  owner?: string;
}

/**
 * The time limits of one tender's steps from the report to the contract, from the same rule table
 * that refuses unlawful requests. Once the tender is terminated (终止) the steps not yet due are
 * moot; those done, and those already late at the termination, stay.
 */
export const timeLimitsOf = async (
  deps: SupervisionDeps,
  tender: Tender,
  now: Date,
): Promise<TimeLimit[]> => {
  const limits = await stepLimitsOf(deps, tender, now);
  const ended = tender.termination && new Date(tender.termination.at);
  // A limit already passed when the tender was terminated stays a breach: terminating erases none.
  return ended ? limits.filter((limit) => limit.doneAt || limit.dueAt <= ended) : limits;
};

const stepLimitsOf = async (deps: SupervisionDeps, tender: Tender, now: Date): Promise<TimeLimit[]> => {
  const [evaluation, publicity, award, contract] = await Promise.all([
    deps.store.evaluation(tender.id),
    deps.store.publicity(tender.id),
    deps.store.award(tender.id),
    deps.store.contract(tender.id),
  ]);
  const calendar = await calendarFor(deps, now);
  const at = (time: string | undefined) => (time ? new Date(time) : undefined);
  return [
    ...(evaluation
      ? [
          {
            rule: 'publicity-start' as const,
            dueAt: deadlineFor('publicity-start', new Date(evaluation.recordedAt), calendar),
            doneAt: at(publicity?.startsAt),
            late: 'candidate publicity did not start within 3 days of the evaluation report',
            alertWhenDone: true,
            owner: publicity ? publicity.startedBy : evaluation.recordedBy,
          },
        ]
      : []),
    ...(publicity?.objections ?? []).map((objection) => ({
      rule: 'publicity-objection-answer' as const,
      dueAt: new Date(objection.answerDueAt),
      doneAt: at(objection.answeredAt),
      late: `objection ${objection.number} was not answered within 3 days`,
      alertWhenDone: true,
      owner: objection.answeredAt ? objection.answeredBy : publicity?.startedBy,
    })),
    ...(award
      ? [
          {
            rule: 'contract-signing' as const,
            dueAt: deadlineFor('contract-signing', new Date(award.awardedAt), calendar),
            doneAt: at(contract?.recordedAt),
            late: 'no contract signed within 30 days of the award notice',
            alertWhenDone: false,
            owner: contract?.recordedBy,
          },
        ]
      : []),
  ];
};

/** A bond refund still unpaid past its due date, by the procedure's rule it carries (条例35, 条例57, 87号令38 …). */
const refundAlerts = (tender: Tender, refunds: Refund[], now: Date): Alert[] =>
  refunds
    .filter((r) => r.tenderId === tender.id && r.status === 'due' && now > new Date(r.dueAt))
    .map((r) => ({
      tenderId: tender.id,
      rule: r.rule,
      article: r.article,
      message: `${tender.name}: bond refund ${r.id} of ${yuan(BigInt(r.amount))} yuan was not paid by ${r.dueAt} (${r.article})`,
      dueAt: r.dueAt,
    }));

/** The tender's service fee still unpaid past the due date the rule table gives it (the center's own rule). */
const feeAlerts = (tender: Tender, fee: ServiceFee | undefined, now: Date): Alert[] =>
  fee?.status === 'due' && now > new Date(fee.dueAt)
    ? [
        alert(
          tender,
          'service-fee-payment',
          new Date(fee.dueAt),
          `service fee ${fee.id} of ${yuan(BigInt(fee.amount))} yuan was not paid by ${fee.dueAt}`,
        ),
      ]
    : [];

/** The alerts of one tender at `now`, from the same rule table that refuses unlawful requests. */
const alertsOf = async (
  deps: SupervisionDeps,
  tender: Tender,
  now: Date,
  refunds: Refund[],
): Promise<Alert[]> => {
  const [lifecycle, challenges, fee] = await Promise.all([
    deps.store.lifecycle(tender.id),
    deps.store.challenges(tender.id),
    deps.store.serviceFee(tender.id),
  ]);
  const alerts: Alert[] = (await timeLimitsOf(deps, tender, now))
    .filter((limit) => (limit.doneAt ? limit.alertWhenDone && limit.doneAt > limit.dueAt : now > limit.dueAt))
    .map((limit) => alert(tender, limit.rule, limit.dueAt, limit.late));
  // The clocks of challenges and complaints (条例22, 60–62; 法52–57): the answer, the acceptance, the
  // decision and a capped suspension alert when they pass, and stay once done late. They are the
  // regulator's own steps as much as the agency's, so they count in no agency's on-time rate.
  for (const clock of challengeClocks(await reviewsDue(deps, challenges, tender))) {
    if (clock.doneAt ? clock.doneAt > clock.dueAt : now > clock.dueAt) {
      alerts.push(alert(tender, clock.rule, clock.dueAt, clock.late));
    }
  }
  alerts.push(...refundAlerts(tender, refunds, now), ...feeAlerts(tender, fee, now));
  // The lifecycle's own overdue waits, open while their step is still awaited (a terminated tender
  // awaits none), where the rule table above has not already named the breach.
  for (const overdue of tender.termination ? [] : (lifecycle?.overdue ?? [])) {
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
  const [tenders, refunds] = await Promise.all([deps.store.tenders(), deps.store.refunds()]);
  const alerts = (await Promise.all(tenders.map((t) => alertsOf(deps, t, now, refunds)))).flat();
  return { alerts: alerts.sort((a, b) => a.dueAt.localeCompare(b.dueAt)) };
};
