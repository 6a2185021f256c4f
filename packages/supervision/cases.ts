import * as z from 'zod';
import { actorOf } from '../audit-log';
import {
  Caller,
  committed,
  decideOnFreshRecords,
  createOnce,
  DomainError,
  Identifier,
  LongText,
  Name,
  newId,
  notFound,
  text,
} from '../kernel';
import { requireTender } from '../tenders';
import { CaseDeps } from './ports';
import { FlagLevel, supervisionRedFlags } from './red-flags';

/**
 * A monitoring case (监督检查): a regulator looks into one tender, from its red flags or a concern
 * of its own. draft → active → addressed (a violation found, to be corrected) or declined (none
 * found) → completed. Only regulators see a draft; from its activation the center's staff see the
 * case and answer it: explanations while it is active, the correction report (整改报告) once addressed.
 */
export const CaseStatus = z.enum(['draft', 'active', 'addressed', 'declined', 'completed']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const OpenCase = z.strictObject({
  tenderId: Identifier,
  flags: z
    .array(text({ max: 60 }))
    .max(20)
    .default([])
    .describe("rule ids of the tender's red flags (GET /supervision/red-flags) the case looks into"),
  concern: LongText().describe('what the regulator looks into, in its own words'),
});
export type OpenCase = z.input<typeof OpenCase>;

export const CaseStep = z.discriminatedUnion('step', [
  /** The regulator: draft → active, and the center's staff see it. */
  z.strictObject({ step: z.literal('activate') }),
  /** The center's staff: an explanation while active, the correction report once addressed. */
  z.strictObject({ step: z.literal('answer'), text: LongText() }),
  /** The regulator: a violation found (addressed, naming the article breached) or none (declined). */
  z.strictObject({
    step: z.literal('conclude'),
    finding: z.enum(['violation', 'no-violation']),
    article: Name(40).optional().describe('the article breached, for a violation, e.g. 条例40'),
    text: LongText(),
  }),
  /** The regulator closes the case: declined, or addressed once the correction is reported. */
  z.strictObject({ step: z.literal('complete'), text: LongText() }),
]);
export type CaseStep = z.infer<typeof CaseStep>;

const CaseEvent = z.object({
  step: z.enum(['open', 'activate', 'answer', 'conclude', 'complete']),
  by: z.string(),
  role: z.enum(['staff', 'regulator']),
  at: z.iso.datetime(),
  status: CaseStatus,
  text: z.string(),
  finding: z.enum(['violation', 'no-violation']).optional(),
  article: z.string().optional(),
});

export const MonitoringCase = z.object({
  id: z.string(),
  tenderId: z.string(),
  projectId: z.string(),
  status: CaseStatus,
  /** The red flags the case looks into, as they stood when it was opened: its evidence. */
  flags: z.array(
    z.object({
      rule: z.string(),
      level: FlagLevel,
      article: z.string(),
      evidence: z.record(z.string(), z.json()),
    }),
  ),
  openedBy: z.string(),
  openedAt: z.iso.datetime(),
  /** Every step, oldest first: the regulator's and the staff's words, each an audit entry. */
  history: z.array(CaseEvent),
  version: z.int().nonnegative(),
});
export type MonitoringCase = z.infer<typeof MonitoringCase>;
export type CaseRecord = { kind: 'monitoringCase'; value: MonitoringCase };

/** A case as its readers see it: without the store's version. */
export const CaseView = MonitoringCase.omit({ version: true });
export type CaseView = z.infer<typeof CaseView>;
const viewOf = ({ version: _version, ...view }: MonitoringCase): CaseView => view;

export const CaseQuery = z.object({
  status: CaseStatus.optional().describe('only cases in this status'),
  tenderId: Identifier.optional().describe("only this tender's cases"),
});
export type CaseQuery = z.infer<typeof CaseQuery>;

const conflict = (message: string) => new DomainError('CONFLICT', message, { field: 'body.step' });
const refuse = (message: string, field: string) =>
  new DomainError('RULE_VIOLATED', message, { rule: '平台规则', field });

/** Regulators see every case; staff every case but drafts, which are the regulator's own until activated. */
const visibleTo = (caller: Caller, one: MonitoringCase) =>
  caller.role === 'regulator' || (caller.role === 'staff' && one.status !== 'draft');

/**
 * A regulator opens a draft case on a tender, naming the red flags it looks into and its concern.
 * With an Idempotency-Key a retry gets the case the first attempt opened, whatever the flags now.
 */
export const openCase = async (
  deps: CaseDeps,
  caller: Caller,
  input: OpenCase,
  idempotencyKey?: string,
): Promise<{ case: CaseView; created: boolean }> => {
  const { tenderId, flags, concern } = OpenCase.parse(input);
  // A flag named twice is taken once.
  const rules = flags.filter((rule, i) => flags.indexOf(rule) === i);
  const id = newId(
    'MC',
    deps.clock.now(),
    idempotencyKey ? { user: caller.user, key: idempotencyKey } : undefined,
  );
  const { value, created } = await createOnce({
    keyed: idempotencyKey !== undefined,
    what: 'case',
    read: () => deps.store.monitoringCase(id),
    sameRequest: (existing) =>
      existing.tenderId === tenderId &&
      existing.history[0]?.text === concern &&
      existing.flags.map((f) => f.rule).join() === rules.join(),
    create: async () => {
      const tender = await requireTender(deps, tenderId);
      const chosen = await flagsRaised(deps, tenderId, flags);
      return createCase(deps, caller, { id, tenderId, projectId: tender.projectId, chosen, concern });
    },
  });
  return { case: viewOf(value), created };
};

/** The named flags as the tender raises them now; a refusal names the first place of the flag it refuses. */
const flagsRaised = async (deps: CaseDeps, tenderId: string, flags: string[]) => {
  const raised = (await supervisionRedFlags(deps)).flags.filter((f) => f.tenderId === tenderId);
  return flags.flatMap((rule, i) => {
    if (flags.indexOf(rule) !== i) return [];
    const flag = raised.find((f) => f.rule === rule);
    if (!flag) {
      const now = raised.map((f) => f.rule).join(', ') || 'none';
      throw refuse(`Tender ${tenderId} raises no red flag ${rule}; it raises ${now}.`, `body.flags.${i}`);
    }
    return [{ rule, level: flag.level, article: flag.article, evidence: flag.evidence }];
  });
};

const createCase = async (
  deps: CaseDeps,
  caller: Caller,
  draft: {
    id: string;
    tenderId: string;
    projectId: string;
    chosen: MonitoringCase['flags'];
    concern: string;
  },
): Promise<MonitoringCase> => {
  const { id, tenderId, chosen, concern } = draft;
  const now = deps.clock.now();
  const opened: MonitoringCase = {
    id,
    tenderId,
    projectId: draft.projectId,
    status: 'draft',
    flags: chosen,
    openedBy: caller.user,
    openedAt: now.toISOString(),
    history: [event(caller, now, 'open', 'draft', concern)],
    version: 0,
  };
  await deps.store.commit({
    // A draft is the regulator's own: the public entry names the case, not the tender it looks into.
    entry: {
      actor: actorOf(caller),
      action: 'case.opened',
      subject: { caseId: opened.id },
      data: { status: 'draft' },
      confidential: { tenderId, flags: chosen.map((f) => f.rule), concern },
    },
    create: [{ kind: 'monitoringCase', value: opened }],
  });
  return opened;
};

const event = (
  caller: Caller,
  at: Date,
  step: z.infer<typeof CaseEvent>['step'],
  status: CaseStatus,
  text: string,
  more: { finding?: 'violation' | 'no-violation'; article?: string } = {},
): z.infer<typeof CaseEvent> => ({
  step,
  by: caller.user,
  role: caller.role === 'regulator' ? 'regulator' : 'staff',
  at: at.toISOString(),
  status,
  text,
  ...more,
});

/** Who takes each step, and from which statuses. */
const steps: Record<CaseStep['step'], { role: 'staff' | 'regulator'; from: readonly CaseStatus[] }> = {
  activate: { role: 'regulator', from: ['draft'] },
  answer: { role: 'staff', from: ['active', 'addressed'] },
  conclude: { role: 'regulator', from: ['active'] },
  complete: { role: 'regulator', from: ['addressed', 'declined'] },
};

/** The status a step leads to. */
const nextStatus = (one: MonitoringCase, step: CaseStep): CaseStatus => {
  switch (step.step) {
    case 'activate':
      return 'active';
    case 'answer':
      return one.status;
    case 'conclude':
      return step.finding === 'violation' ? 'addressed' : 'declined';
    case 'complete':
      return 'completed';
  }
};

/** Refuses what the step's own rules refuse: a violation without its article, a completion before the correction is reported. */
const assertStep = (one: MonitoringCase, step: CaseStep) => {
  if (step.step === 'conclude' && step.finding === 'violation' && !step.article) {
    throw new DomainError('VALIDATION_FAILED', 'A violation names the article it breaches.', {
      field: 'body.article',
    });
  }
  if (step.step === 'conclude' && step.finding === 'no-violation' && step.article) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'No violation breaches no article; leave out article, or conclude with finding violation.',
      { field: 'body.article' },
    );
  }
  if (step.step === 'complete' && one.status === 'addressed') {
    const concluded = one.history.findLastIndex((e) => e.step === 'conclude');
    if (!one.history.slice(concluded + 1).some((e) => e.step === 'answer')) {
      throw refuse(
        "The tender's staff have not reported the correction (整改报告) yet; complete the case once they have.",
        'body.step',
      );
    }
  }
};

/** A step on a case by the role that takes it; the case as it stands after. */
export const takeCaseStep = (deps: CaseDeps, caller: Caller, caseId: string, step: CaseStep) =>
  decideOnFreshRecords({ name: `Case ${caseId}`, field: 'id' }, () =>
    tryCaseStep(deps, caller, caseId, step),
  );

/** One attempt at the step; undefined when the case changed before it committed. */
const tryCaseStep = async (
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  step: CaseStep,
): Promise<CaseView | undefined> => {
  const one = await requireCase(deps, caller, caseId);
  if (isRetry(one, caller, step)) return viewOf(one);
  const rule = steps[step.step];
  if (caller.role !== rule.role) {
    throw new DomainError('FORBIDDEN', `Only ${rule.role} take the ${step.step} step of a case.`, {
      field: 'body.step',
    });
  }
  if (!rule.from.includes(one.status)) {
    throw conflict(`The case is ${one.status}; ${step.step} is taken when it is ${rule.from.join(' or ')}.`);
  }
  assertStep(one, step);
  const now = deps.clock.now();
  const status = nextStatus(one, step);
  const { text, more } = wordsOf(step);
  const next: MonitoringCase = {
    ...one,
    status,
    history: [...one.history, event(caller, now, step.step, status, text, more)],
    version: one.version + 1,
  };
  const done = await committed(
    deps.store.commit({
      entry: {
        actor: actorOf(caller),
        action: `case.${step.step}`,
        // Every step follows the activation: the case now names its tender to the staff and the record.
        subject: { caseId, tenderId: one.tenderId },
        data: { status, ...more },
        confidential: { text },
      },
      replace: [{ record: { kind: 'monitoringCase', value: next }, expect: { version: one.version } }],
    }),
  );
  // Changed meanwhile: by this very step retried at the same moment (answered as the case stands), or
  // by another, against which this step is decided again.
  return done ? viewOf(next) : undefined;
};

/** The words a step records: its text, and a conclusion's finding and article. */
const wordsOf = (step: CaseStep) => ({
  text: step.step === 'activate' ? '' : step.text,
  more:
    step.step === 'conclude'
      ? { finding: step.finding, ...(step.article ? { article: step.article } : {}) }
      : {},
});

/** The case's last step is this one, by the same user in the same words: a retry, not a second step. */
const isRetry = (one: MonitoringCase, caller: Caller, step: CaseStep) => {
  const last = one.history.at(-1);
  const { text, more } = wordsOf(step);
  return (
    last !== undefined &&
    last.step === step.step &&
    last.by === caller.user &&
    last.text === text &&
    last.finding === (more as { finding?: string }).finding &&
    last.article === (more as { article?: string }).article
  );
};

/** One case, to whoever may see it; a draft does not exist for staff. */
const requireCase = async (deps: Pick<CaseDeps, 'store'>, caller: Caller, caseId: string) => {
  const one = await deps.store.monitoringCase(caseId);
  // The same answer as for a case that does not exist: staff learn of a draft no more than the
  // public log's case.opened tells them.
  if (!one || !visibleTo(caller, one)) throw notFound('case', caseId);
  return one;
};

export const viewCase = async (deps: Pick<CaseDeps, 'store'>, caller: Caller, caseId: string) =>
  viewOf(await requireCase(deps, caller, caseId));

/** The cases a caller may see, newest first, by status or tender. */
export const listCases = async (
  deps: Pick<CaseDeps, 'store'>,
  caller: Caller,
  query: CaseQuery,
): Promise<{ cases: CaseView[] }> => ({
  cases: (await deps.store.monitoringCases())
    .filter((one) => visibleTo(caller, one))
    .filter((one) => !query.status || one.status === query.status)
    .filter((one) => !query.tenderId || one.tenderId === query.tenderId)
    .sort((a, b) => b.openedAt.localeCompare(a.openedAt) || b.id.localeCompare(a.id))
    .map(viewOf),
});
