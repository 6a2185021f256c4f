import { Clock, DomainError, required } from '../kernel';
import { NewEntry, platformActor } from '../audit-log';
import { TenderReads, requireTender } from '../tenders';
import { LifecycleDeps } from './ports';
import { AwaitTask, FailureTask, Lifecycle, StepTask, TenderTask } from './model';
import { stepDone, stepDueAt } from './steps';
import { waitArticle, waitLimits, waitRule, waitTimestamp } from './wait-limits';
/**
 * The steps a tender's lifecycle execution takes on its own (生命周期). Each reads the tender's
 * records afresh, so a retried or repeated task finds what the last attempt did.
 */

const requireLifecycle = (deps: LifecycleDeps, tenderId: string) =>
  required(deps.store.lifecycle(tenderId), 'lifecycle of tender', tenderId);

/** Writes the lifecycle record with its audit entry: created on first use, then replaced by version. */
const saveLifecycle = (
  deps: LifecycleDeps,
  previous: Lifecycle | undefined,
  next: Omit<Lifecycle, 'version'>,
  entry: Pick<NewEntry, 'action' | 'data'>,
) =>
  deps.store.commit({
    entry: { actor: platformActor, subject: { tenderId: next.tenderId }, ...entry },
    ...(previous
      ? {
          replace: [
            {
              record: { kind: 'lifecycle', value: { ...next, version: previous.version + 1 } },
              expect: { version: previous.version },
            },
          ],
        }
      : { create: [{ kind: 'lifecycle', value: { ...next, version: 0 } }] }),
  });

/** The bid deadline as it stands now: an amendment may have moved it while the execution waited. */
export const readDeadline = async (
  deps: { store: Pick<TenderReads, 'tender'>; clock: Clock },
  { tenderId }: TenderTask,
) => {
  const tender = await requireTender(deps, tenderId);
  const deadline = tender.schedule.bidDeadline;
  // A tender no longer taking bids (opened by staff at the deadline, or failed) is past it too.
  return {
    at: waitTimestamp(deadline),
    passed: tender.status !== 'published' || deps.clock.now() >= new Date(deadline),
  };
};

/**
 * The execution waits for people: the token is kept with the step, and then the step is checked,
 * so whichever comes last (this, or the people's own change) resumes the execution.
 */
export const awaitStep = async (deps: LifecycleDeps, { tenderId, step, token }: AwaitTask) => {
  const lifecycle = await deps.store.lifecycle(tenderId);
  const now = deps.clock.now();
  // After an overdue alert the same step is awaited again: its time limit still runs from the start.
  const since = lifecycle?.waiting?.step === step ? new Date(lifecycle.waiting.since) : now;
  const dueAt = await stepDueAt(deps, tenderId, step, since);
  const waiting = { step, token, since: since.toISOString(), dueAt: dueAt.toISOString() };
  await saveLifecycle(
    deps,
    lifecycle,
    { ...(lifecycle ?? { tenderId, overdue: [] }), waiting },
    { action: 'lifecycle.waiting', data: { step, since: waiting.since, dueAt: waiting.dueAt } },
  );
  const done = await stepDone(deps, tenderId, step);
  if (done) await runner(deps).resume(token, done);
  return { step, dueAt: waiting.dueAt, done: done !== undefined };
};

const runner = (deps: LifecycleDeps) => {
  if (!deps.lifecycle) throw new DomainError('INTERNAL', 'This function cannot reach the tender lifecycle.');
  return deps.lifecycle;
};

/**
 * After a change to a tender: if its execution waits for a step that is now done, resume it.
 * A token already used or timed out is simply stale; the change itself stands either way.
 */
export const resumeWaiting = async (deps: LifecycleDeps, tenderId: string): Promise<boolean> => {
  const lifecycle = await deps.store.lifecycle(tenderId);
  if (!lifecycle?.waiting || !deps.lifecycle) return false;
  const done = await stepDone(deps, tenderId, lifecycle.waiting.step);
  return done ? deps.lifecycle.resume(lifecycle.waiting.token, done) : false;
};

/** A human step's time limit passed: regulators are alerted once, and the execution waits on. */
export const raiseOverdue = async (deps: LifecycleDeps, { tenderId, step }: StepTask) => {
  const lifecycle = await requireLifecycle(deps, tenderId);
  const raised = lifecycle.overdue.find((o) => o.step === step);
  if (raised) return raised;
  if (lifecycle.waiting?.step !== step) {
    throw new DomainError('CONFLICT', `The lifecycle of ${tenderId} is not waiting for ${step}.`, {
      field: 'step',
    });
  }
  const overdue = {
    step,
    rule: waitRule(step),
    article: waitArticle(step),
    since: lifecycle.waiting.since,
    dueAt: lifecycle.waiting.dueAt,
    raisedAt: deps.clock.now().toISOString(),
  };
  await saveLifecycle(
    deps,
    lifecycle,
    { ...lifecycle, overdue: [...lifecycle.overdue, overdue] },
    { action: 'lifecycle.overdue', data: { ...overdue, waitingFor: waitLimits[step].description } },
  );
  return overdue;
};

/** After the contract (法46): every bond still held is released (条例57) and the tender is closed. */
export const closeTender = async (deps: LifecycleDeps, { tenderId }: TenderTask) => {
  const tender = await requireTender(deps, tenderId);
  if (tender.status === 'closed') return { outcome: 'closed' };
  const [lifecycle, bonds] = await Promise.all([
    requireLifecycle(deps, tenderId),
    deps.store.bonds(tenderId),
  ]);
  const now = deps.clock.now().toISOString();
  const released = bonds
    .filter((bond) => bond.status === 'received')
    .map((bond) => ({
      ...bond,
      status: 'refunded' as const,
      recordedAt: now,
      recordedBy: platformActor.user,
      note: 'released when the tender closed (条例57)',
    }));
  // Bonds are per bidder and may be many: written first, idempotently, then adopted by the audited close.
  await deps.store.put(released.map((value) => ({ kind: 'bond', value })));
  await deps.store.commit({
    entry: {
      actor: platformActor,
      action: 'tender.closed',
      subject: { projectId: tender.projectId, tenderId },
      // How many bonds were held would tell how many took part (法22): confidential, like the bonds.
      data: { rule: '条例57' },
      confidential: { released: released.map((b) => b.bidderOrg) },
    },
    replace: [
      {
        record: { kind: 'tender', value: { ...tender, status: 'closed', version: tender.version + 1 } },
        expect: { version: tender.version },
      },
      {
        record: {
          kind: 'lifecycle',
          value: { ...lifecycle, waiting: undefined, closedAt: now, version: lifecycle.version + 1 },
        },
        expect: { version: lifecycle.version },
      },
    ],
  });
  return { outcome: 'closed', bondsReleased: released.length };
};

/** A step failed beyond its retries: the failure is recorded and alerted, never a silent stop. */
export const recordFailure = async (deps: LifecycleDeps, { tenderId, failure }: FailureTask) => {
  const lifecycle = await deps.store.lifecycle(tenderId);
  const recorded = {
    error: failure.Error,
    cause: (failure.Cause ?? '').slice(0, 2_000),
    at: deps.clock.now().toISOString(),
  };
  await saveLifecycle(
    deps,
    lifecycle,
    { ...(lifecycle ?? { tenderId, overdue: [] }), waiting: undefined, failure: recorded },
    { action: 'lifecycle.failed', data: { error: recorded.error } },
  );
  return recorded;
};

/** What staff and regulators see of a lifecycle: everything but the token that resumes it. */
export const viewLifecycle = async (deps: LifecycleDeps, tenderId: string) => {
  const { waiting, version: _version, ...rest } = await requireLifecycle(deps, tenderId);
  return {
    ...rest,
    ...(waiting ? { waiting: { step: waiting.step, since: waiting.since, dueAt: waiting.dueAt } } : {}),
  };
};
