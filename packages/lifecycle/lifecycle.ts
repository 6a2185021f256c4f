import { Clock, DomainError, required } from '../kernel';
import { NewEntry, platformActor } from '../audit-log';
import { refundsAfterContract } from '../ledger';
import { Tender, TenderReads, requireTender } from '../tenders';
import { LifecycleDeps, LifecycleRunner } from './ports';
import {
  AwaitTask,
  ContinueTask,
  ExecutionInput,
  FailureTask,
  Lifecycle,
  OverdueTask,
  TenderTask,
  LifecycleStage,
} from './model';
import { stepDone, stepDueAt, stepRule } from './steps';
import { DEADLINE_CHECK_DAYS, executionAged, waitLimits, waitTimestamp } from './wait-limits';
/**
 * The steps a tender's lifecycle execution takes on its own (生命周期). Each reads the tender's
 * records afresh, so a retried or repeated task finds what the last attempt did.
 */

const DAY_MS = 86_400_000;
const NOT_YET_DUE_MS = 3_600_000;

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

/**
 * The bid deadline as it stands now: an amendment may have moved it while the execution waited.
 * The wait is read again at least every DEADLINE_CHECK_DAYS, so an execution near its one-year
 * limit continues in a new one before it waits past it.
 */
export const readDeadline = async (
  deps: { store: Pick<TenderReads, 'tender'>; clock: Clock },
  { tenderId, startedAt }: ExecutionInput,
) => {
  const tender = await requireTender(deps, tenderId);
  const now = deps.clock.now();
  const deadline = new Date(tender.schedule.bidDeadline);
  const checkAt = new Date(now.getTime() + DEADLINE_CHECK_DAYS * DAY_MS);
  // A tender no longer taking bids (opened by staff at the deadline, or failed) is past it too.
  const passed = tender.status !== 'published' || now >= deadline;
  return {
    at: waitTimestamp((deadline < checkAt ? deadline : checkAt).toISOString()),
    passed,
    continueAsNew: !passed && executionAged(startedAt, now),
  };
};

/**
 * The execution waits for people: the token is kept with the step, and then the step is checked,
 * so whichever comes last (this, or the people's own change) resumes the execution. The same
 * token again (a retried invocation, or the local runner resuming after a restart) changes nothing.
 */
export const awaitStep = async (deps: LifecycleDeps, { tenderId, step, token }: AwaitTask) => {
  const lifecycle = await deps.store.lifecycle(tenderId);
  let waiting = lifecycle?.waiting;
  if (waiting?.token !== token || waiting.step !== step) {
    const now = deps.clock.now();
    // After an overdue alert the same step is awaited again: its time limit still runs from the start.
    const since = waiting?.step === step ? new Date(waiting.since) : now;
    const dueAt = await stepDueAt(deps, tenderId, step, since);
    waiting = { step, token, since: since.toISOString(), dueAt: dueAt.toISOString() };
    await saveLifecycle(
      deps,
      lifecycle,
      { ...(lifecycle ?? { tenderId, overdue: [] }), waiting },
      { action: 'lifecycle.waiting', data: { step, since: waiting.since, dueAt: waiting.dueAt } },
    );
  }
  const done = await stepDone(deps, tenderId, step);
  if (done) await runner(deps, 'resume')(token, done);
  return { step, dueAt: waiting.dueAt, done: done !== undefined };
};

/** What this function may do to executions: a function wired without it fails loudly, never silently. */
const runner = <K extends keyof LifecycleRunner>(deps: LifecycleDeps, capability: K): LifecycleRunner[K] => {
  const act = deps.lifecycle?.[capability];
  if (!act) throw new DomainError('INTERNAL', `This function cannot ${capability} the tender lifecycle.`);
  return act.bind(deps.lifecycle) as LifecycleRunner[K];
};

/**
 * After a change to a tender: if its execution waits for a step that is now done, resume it.
 * A token already used or timed out is simply stale; the change itself stands either way.
 */
export const resumeWaiting = async (deps: LifecycleDeps, tenderId: string): Promise<boolean> => {
  const lifecycle = await deps.store.lifecycle(tenderId);
  if (!lifecycle?.waiting || !deps.lifecycle?.resume) return false;
  const done = await stepDone(deps, tenderId, lifecycle.waiting.step);
  return done ? runner(deps, 'resume')(lifecycle.waiting.token, done) : false;
};

/**
 * A human step's time limit passed: regulators are alerted once, and the execution waits on, in
 * a new execution when this one nears its one-year limit. A step done just as its time ran out is
 * no breach: the wait that follows finds it done at once.
 */
export const raiseOverdue = async (deps: LifecycleDeps, { tenderId, step, startedAt }: OverdueTask) => {
  const lifecycle = await requireLifecycle(deps, tenderId);
  const continueAsNew = executionAged(startedAt, deps.clock.now());
  if (lifecycle.overdue.some((o) => o.step === step) || (await stepDone(deps, tenderId, step))) {
    return { alerted: false, continueAsNew };
  }
  if (lifecycle.waiting?.step !== step) {
    throw new DomainError('CONFLICT', `The lifecycle of ${tenderId} is not waiting for ${step}.`, {
      field: 'step',
    });
  }
  // A limit counted in working days may run past the wait's calendar timeout: the wait is armed
  // again. (The timeout and the due time are taken moments apart, hence the margin.)
  const early = new Date(lifecycle.waiting.dueAt).getTime() - deps.clock.now().getTime();
  if (early > NOT_YET_DUE_MS) return { alerted: false, continueAsNew };
  const overdue = {
    step,
    ...(await stepRule(deps, tenderId, step)),
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
  return { alerted: true, continueAsNew };
};

/** The name of the execution that carries on from `execution`: `T-…`, then `T-…-2`, `T-…-3`. */
export const nextExecutionName = (tenderId: string, execution: string): string => {
  const generation = execution === tenderId ? 1 : Number(execution.slice(tenderId.length + 1));
  return `${tenderId}-${generation + 1}`;
};

/**
 * The execution nears Step Functions' one-year limit: a new one carries on from the step this one
 * waits for (or from the deadline), recorded first so a retry starts the same one.
 */
export const continueAsNew = async (deps: LifecycleDeps, { tenderId, execution }: ContinueTask) => {
  const lifecycle = await deps.store.lifecycle(tenderId);
  const next = nextExecutionName(tenderId, execution);
  const resumeAt = lifecycle?.waiting?.step;
  if (!lifecycle?.continuedIn?.includes(next)) {
    await saveLifecycle(
      deps,
      lifecycle,
      {
        ...(lifecycle ?? { tenderId, overdue: [] }),
        continuedIn: [...(lifecycle?.continuedIn ?? []), next],
      },
      {
        action: 'lifecycle.continued',
        data: { from: execution, to: next, resumeAt: resumeAt ?? 'deadline' },
      },
    );
  }
  await runner(deps, 'continueIn')(next, {
    tenderId,
    startedAt: deps.clock.now().toISOString(),
    ...(resumeAt ? { resumeAt } : {}),
  });
  return { execution: next, resumeAt: resumeAt ?? 'deadline' };
};

/**
 * After the contract (法46): every bond still held becomes a refund in the ledger, due within 5
 * days of the signing (条例57), and the tender is closed.
 */
export const closeTender = async (deps: LifecycleDeps, { tenderId }: TenderTask) => {
  const tender = await requireTender(deps, tenderId);
  if (tender.status === 'closed') return { outcome: 'closed' };
  const [lifecycle, contract] = await Promise.all([
    requireLifecycle(deps, tenderId),
    required(deps.store.contract(tenderId), 'contract of tender', tenderId),
  ]);
  const now = deps.clock.now().toISOString();
  // Refunds are per bidder and may be many: each posted once before the audited close, so a retry finds them made.
  const refunds = await refundsAfterContract(deps, tenderId, contract.signedOn);
  await deps.store.commit({
    entry: {
      actor: platformActor,
      action: 'tender.closed',
      subject: { projectId: tender.projectId, tenderId },
      // How many bonds were held would tell how many took part (法22): confidential, like the bonds.
      data: { rule: '条例57' },
      confidential: { refunds: refunds.map((r) => r.id) },
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
  return { outcome: 'closed', refunds: refunds.length };
};

/** A terminated tender's execution ends (终止): its lifecycle waits for nothing more and closes at the termination. */
export const closeTerminated = async (deps: LifecycleDeps, { tenderId }: TenderTask) => {
  const [tender, lifecycle] = await Promise.all([
    requireTender(deps, tenderId),
    deps.store.lifecycle(tenderId),
  ]);
  const termination = tender.termination;
  if (!termination) {
    throw new DomainError('CONFLICT', `Tender ${tenderId} is not terminated.`, { field: 'tenderId' });
  }
  if (lifecycle?.closedAt) return { closedAt: lifecycle.closedAt };
  await saveLifecycle(
    deps,
    lifecycle,
    { ...(lifecycle ?? { tenderId, overdue: [] }), waiting: undefined, closedAt: termination.at },
    { action: 'lifecycle.terminated', data: { rule: termination.article, at: termination.at } },
  );
  return { closedAt: termination.at };
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

/**
 * What staff and regulators see of a lifecycle, in every state of the tender: before publication
 * and while bids are taken there is no execution record yet, and a failed tender never waits for
 * people. The token that resumes the execution is never shown.
 */
export const viewLifecycle = async (deps: LifecycleDeps, tenderId: string) => {
  const [tender, lifecycle] = await Promise.all([
    requireTender(deps, tenderId),
    deps.store.lifecycle(tenderId),
  ]);
  const stage = lifecycleStage(tender, lifecycle, deps.clock.now());
  const bidding = stage === 'bidding' ? { bidDeadline: tender.schedule.bidDeadline } : {};
  if (!lifecycle) return { tenderId, stage, overdue: [], ...bidding };
  const { waiting, version: _version, ...rest } = lifecycle;
  return {
    ...rest,
    stage,
    ...bidding,
    // A terminated tender waits for nothing, whatever the execution last recorded.
    ...(waiting && stage !== 'terminated'
      ? { waiting: { step: waiting.step, since: waiting.since, dueAt: waiting.dueAt } }
      : {}),
  };
};

const lifecycleStage = (tender: Tender, lifecycle: Lifecycle | undefined, now: Date): LifecycleStage => {
  if (lifecycle?.failure) return 'stopped';
  if (tender.status === 'draft') return 'draft';
  if (tender.status === 'failed') return 'failed-tender';
  if (tender.status === 'terminated') return 'terminated';
  if (tender.status === 'closed') return 'closed';
  if (lifecycle?.waiting) return 'waiting';
  return tender.status === 'published' && now < new Date(tender.schedule.bidDeadline) ? 'bidding' : 'running';
};
